"""Self-care for one person (selfcare.guide): a guided five-senses grounding minute, a
journaling prompt, rest, or another short practice, each followed by a quiet stretch of time.

Each practice tried is stored as a "selfcare" entry {"practice": item id, "topic"}.
"""

import re

from assistant.dialogue.context import Context
from assistant.dialogue.steps import Ask, Chime, Pause, Save, Say, Script
from assistant.exercises.decks import DeckItem, load_deck
from assistant.exercises.ideas import offer_cards

INTENTS = ("selfcare.guide",)
NAME = "some self-care"
COUPLES = False  # fine to do alone, also after abuse is mentioned
GROUP = "for one of you"  # where "help" names it
ABOUT = (  # what "help with ..." says
    "Some self-care just for you: a grounding minute, a journaling prompt, rest, or "
    "another short practice, with quiet time to try it.")

CUE_SECONDS = 10.0  # between the grounding minute's cues
QUIET_SECONDS = {"journaling": 120.0, "rest": 60.0}  # time given after a practice
DEFAULT_QUIET = 30.0
# Words that point to a kind of practice; anything else means "any kind".
CHOICES = {
    "grounding": r"ground|senses|present|anxious|panic|five|5 4 3",
    "journaling": r"journal|writ|prompt|pen|diary",
    "rest": r"rest|tired|sleep|nap|break|exhausted",
    "body": r"body|move|stretch|walk|water",
    "kindness": r"kind|gentle|treat|friend",
}


def chosen_topic(text: str) -> str | None:
    """The kind of practice the answer asks for, or None for any."""
    low = text.lower()
    return next((topic for topic, words in CHOICES.items() if re.search(words, low)), None)


_TIMED = re.compile(r"\b(half a|[a-z0-9]+)[ -]minutes?\b", re.IGNORECASE)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15}
LONGEST_TIMER = 15  # minutes: a card's longer time ("an hour before bed") is advice, not a timer


def timed_minutes(text: str) -> float | None:
    """The time a card asks for, in minutes ("write for three minutes" -> 3), or None."""
    found = _TIMED.search(text)
    if not found:
        return None
    said = found.group(1).lower()
    minutes = 0.5 if said == "half a" else int(said) if said.isdigit() else _NUMBERS.get(said)
    return minutes if minutes and minutes <= LONGEST_TIMER else None


def spoken_minutes(minutes: float) -> str:
    """"half a minute", "one minute", "three minutes"."""
    if minutes == 0.5:
        return "half a minute"
    word = {n: w for w, n in _NUMBERS.items()}.get(int(minutes), str(int(minutes)))
    return f"{word} minute" + ("s" if minutes != 1 else "")


def grounding_minute(ctx: Context) -> Script:
    """The five senses counted down, one cue about every ten seconds."""
    yield Say("Let's take one minute to land where you are.", style="calm")
    for cue in load_deck("grounding").items:
        yield Say(cue.text, style="calm")
        yield Pause(CUE_SECONDS * ctx.pace)
    yield Chime("soft")
    yield Save("selfcare", {"practice": "grounding-minute", "topic": "grounding"},
               partner=ctx.speaker)


def run(ctx: Context) -> Script:
    """Ask what kind of care is wanted, then offer practices one at a time."""
    yield Say("Let's take a few minutes just for you.", style="calm")
    answer = yield Ask("Would you like a grounding minute, a journaling prompt, or some rest? "
                       "Or say 'anything'.", partner=ctx.speaker, style="calm")
    if answer is None:
        return
    topic = chosen_topic(answer.text)
    if topic == "grounding":
        yield from grounding_minute(ctx)
        yield Say("Here's another way to ground yourself, for later.", style="calm")

    def quiet_time(item: DeckItem) -> Script:
        minutes = timed_minutes(item.text)
        if minutes:  # the card names its time: the chime keeps to it
            seconds = minutes * 60
            yield Say(f"I'll stay quiet for {spoken_minutes(minutes)} and chime when the time "
                      "is up.", style="calm")
        else:
            seconds = QUIET_SECONDS.get(item.topic or "", DEFAULT_QUIET)
            yield Say("I'll stay quiet while you try it.", style="calm")
        yield Pause(seconds)  # a timer, not a breath: "slower" does not stretch it
        yield Chime("soft")
        yield Save("selfcare", {"practice": item.id, "topic": item.topic}, partner=ctx.speaker)

    yield from offer_cards(ctx, "selfcare", style="calm", topic=topic, after=quiet_time,
                           question="Would you like another one?", yes_means="another",
                           listens=True)
    yield Say("Thank you for looking after yourself. It helps both of you.", style="calm")
