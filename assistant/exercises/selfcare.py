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
        seconds = QUIET_SECONDS.get(item.topic or "", DEFAULT_QUIET)
        yield Say("I'll stay quiet while you try it.", style="calm")
        yield Pause(seconds * ctx.pace)
        yield Chime("soft")
        yield Save("selfcare", {"practice": item.id, "topic": item.topic}, partner=ctx.speaker)

    yield from offer_cards(ctx, "selfcare", style="calm", topic=topic, after=quiet_time)
    yield Say("Thank you for looking after yourself. It helps both of you.", style="calm")
