"""The check-in: each partner gives a mood, what is on their mind, and what they need.

Every answer is saved the moment it is given, as its own "checkin" entry with a `part`:
    {"part": "mood", "mood": 4 | None, "mood_word": "tired" | None, "said": "pretty tired"}
    {"part": "on_mind", "on_mind": "the deadline at work"}
    {"part": "need", "need": "a hug", "from": "Alex"}
so a stop or a crash after the mood still keeps the mood.
"""

import re

from assistant.dialogue import reflection as reflection_words
from assistant.dialogue.context import Context
from assistant.dialogue.steps import Answer, Ask, Exit, Save, Say, Script
from assistant.exercises.partners import turns
from assistant.exercises.answer_words import (
    is_empty,
    is_no,
    is_skip,
    is_yes,
    words,
)
from assistant.understanding import answers

INTENTS = ("checkin.start",)
NAME = "a check-in"
COUPLES = True  # a couples exercise: left aside once abuse is mentioned
GROUP = "together"  # where "help" names it
ABOUT = (  # what "help with ..." says
    "In a check-in, each of you says how you're feeling from one to ten, what's on your "
    "mind, and what would help from the other, and I say back what I heard.")

NO_WORDS = 3  # a need this short that reads as no ("no thanks", "nah I'm good") is no need
LOW_MOOD = 4  # at or below: offer breathing or support ideas
HIGH_MOOD = 8  # both at or above: celebrate

def read_mood(text: str) -> tuple[int | None, str | None]:
    """A mood from an answer: (number 1-10 or None, feeling word or None), read by the one
    answer interpreter. "7" -> (7, None); "pretty tired" -> (4, "tired")."""
    mood = answers.read_mood(text)
    return (mood.score, mood.word) if mood else (None, None)


# Ways of asking the partner for something: "I need you to", "can you", "for Alex to".
_ASKS_PARTNER = (r"^(?:(?:i\s+|i'd\s+|id\s+)?(?:just\s+|really\s+|would\s+)*"
                 r"(?:need|want|like|'d like|would like|wish|'d love|would love|love)\s+"
                 r"(?:for\s+)?|(?:can|could|would|will)\s+|for\s+|)"
                 r"(?P<who>you|him|her|them|{other})(?:'d|\s+would)?\s+(?:to\s+)?(?P<act>.+)$")
_WANTS = re.compile(r"^(?:i\s+|i'd\s+)?(?:just\s+|really\s+)*(?:need|want|would like|'d like|"
                    r"like)\s+(?P<thing>.+)$", re.IGNORECASE)
_FROM_WORDS = 3  # a need this short is something to be given: "a hug" -> "a hug from Alex"
# Things one partner gives the other ("a hug from Alex"); "sleep" or "a night off" are not.
_GIVEN = {"hug", "hugs", "kiss", "kisses", "cuddle", "cuddles", "help", "support", "space",
          "time", "attention", "patience", "love", "affection", "understanding", "reassurance",
          "encouragement", "praise", "compliment", "compliments", "appreciation", "kindness",
          "massage", "backrub", "comfort", "honesty", "respect", "trust", "sympathy"}
# "if you could take the bins out": a wish for the partner to act.
_IF_PARTNER = (r"^(?:(?:i'd like it|i would like it|i'd love it|it would help|it'd help)\s+)?"
               r"if\s+(?P<who>you|him|her|them|{other})\s+(?:could|would|can|will)\s+(?P<act>.+)$")


def reflect_need(need: str, other: str, name: str = "you") -> str | None:
    """"I need you to listen to me" -> "you'd like Alex to listen to you"; None when there is
    nothing to reflect ("nothing really"). Words not to take literally get a general line."""
    text = re.sub(r"^(?:just|really|um|well|honestly)\s+", "", need.strip().rstrip(".!?"),
                  flags=re.IGNORECASE)
    text = reflection_words.core(text)  # "a massage haha": the laugh is not a typo
    if reflection_words.is_filler(text):
        return None
    if reflection_words.unsure(text, (name, other)) or answers.is_amount(text):
        return f"you'd like some support from {other}"  # "5": a number is no need to say back
    asked = (re.match(_ASKS_PARTNER.format(other=re.escape(other)), text, re.IGNORECASE)
             or re.match(_IF_PARTNER.format(other=re.escape(other)), text, re.IGNORECASE))
    if asked and not asked.group("act").lower().startswith(("a ", "an ", "some ")):
        # "for them to sleep" may be the children: "them" stays them, whoever they are.
        who = "them" if asked.group("who").lower() == "them" else other
        return f"you'd like {who} to {reflection_words.retell(asked.group('act'), name, other)}"
    wants = _WANTS.match(text)
    thing = wants.group("thing") if wants else text
    if re.match(r"us\s+to\b", thing, re.IGNORECASE):  # "I want us to go away more"
        return f"you'd like the two of you {reflection_words.retell(thing[3:], name, other)}"
    if re.match(r"to\s+\w+\s+(?:me|my)\b", thing, re.IGNORECASE):  # "to help me weed": of them
        return f"you'd like {other} {reflection_words.retell(thing, name, other)}"
    if thing.lower().startswith("to "):
        return f"you'd like {reflection_words.retell(thing, name, other)}"
    if re.match(r"^(?:i|i'd|i'm|i've|i'll|id|im)\b", text, re.IGNORECASE) and not wants:
        return reflection_words.retell(text, name, other)
    if reflection_words.starts_with_verb(thing):  # "just listen": for the partner to do
        return f"you'd like {other} to {reflection_words.retell(thing, name, other)}"
    told = reflection_words.retell(thing, name, other)
    given = set(re.findall(r"[a-z]+", told.lower())) & _GIVEN
    if (given and len(told.split()) <= _FROM_WORDS and other not in told
            and " from " not in told):
        told += f" from {other}"
    return f"you'd like {told}"


def reflect_mind(mind: str, other: str, name: str = "you") -> str | None:
    """What is on their mind, said back: the core of it in their voice, or the feeling behind
    it when the words are not to be taken literally; None for "nothing much"."""
    if reflection_words.is_filler(mind):
        return None
    if reflection_words.unsure(mind, (name, other)):
        return reflection_words.feeling_line(mind)
    return reflection_words.on_mind(mind, name, other)


def reflection(name: str, other: str | None, mood: int | None, feeling: str | None,
               mind: str | None, need: str | None) -> str:
    """One sentence that gives the check-in back in the partner's own words."""
    parts = []
    if mood is not None and feeling:
        parts.append(f"you're at {_a(mood)} {mood}, feeling {feeling}")
    elif mood is not None:
        parts.append(f"you're at {_a(mood)} {mood}")
    elif feeling:
        parts.append(f"you're feeling {feeling}")
    # A person on their own may still speak of their partner; no one to ask a need of.
    if mind and (said := reflect_mind(mind, other or "your partner", name)):
        parts.append(said)
    if need and other and (wanted := reflect_need(need, other, name)):
        parts.append(wanted)
    elif need and not other and not reflection_words.is_filler(need):
        told = reflection_words.retell(reflection_words.core(need), name, "your partner")
        parts.append(f"what would help: {told}")
    if not parts:
        return f"Thank you, {name}."
    body = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ", and " + parts[-1]
    return f"{name}, {body}."


def _ask_mood(name: str) -> Script:
    """Ask once, and once more kindly if the answer is not a number or a feeling word."""
    answer = yield Ask(f"{name}, how are you feeling? A number from one to ten, or a word.",
                       partner=name)
    if is_empty(answer) or is_skip(answer):
        return answer, None, None
    mood, feeling = read_mood(answer.text)
    if mood is None and feeling is None:
        answer = yield Ask("I didn't quite catch that. Could you give me a number from one to "
                           "ten, or one word like tired, calm or happy?", partner=name)
        if is_empty(answer) or is_skip(answer):
            return answer, None, None
        mood, feeling = read_mood(answer.text)
    return answer, mood, feeling


def _ask_free(question: str, name: str) -> Script:
    """A free-speech question; returns the Answer (None, skip or words)."""
    answer = yield Ask(question, mode="dictation", partner=name)
    return answer


def run(ctx: Context) -> Script:
    """Check in with each partner in turn, reflect, and offer help or a celebration."""
    pairs = turns(ctx.partners)
    if len(pairs) > 1:
        yield Say(f"Let's check in. {pairs[0][0]} first, then {pairs[1][0]}. Say skip to pass "
                  "on any question.")
    else:
        yield Say(f"Let's check in, {pairs[0][0]}. Say skip to pass on any question.")
    moods: dict[str, int | None] = {}
    for name, partner in pairs:
        answer, mood, feeling = yield from _ask_mood(name)
        if answer is None:
            yield Say("We can pick this up another time. Take care of each other.")
            return
        if not is_skip(answer):
            moods[name] = mood
            yield Save("checkin", {"part": "mood", "mood": mood, "mood_word": feeling,
                                   "said": answer.text.strip()}, partner=name)

        mind = yield from _ask_free(f"What's on your mind today, {name}?", name)
        if mind is None:
            yield Say("That's all right. What you shared is kept. Take care of each other.")
            return
        mind_text = None if is_skip(mind) or is_empty(mind) else mind.text.strip()
        if mind_text:
            yield Save("checkin", {"part": "on_mind", "on_mind": mind_text}, partner=name)

        need = yield from _ask_free(f"And what would help you from {partner}?" if partner
                                    else "And what would help you right now?", name)
        if need is None:
            yield Say("That's all right. What you shared is kept. Take care of each other.")
            return
        # "no" or "nope" is nothing needed; "for Sam to stop spending" is a need that says stop
        declined = is_no(need) and len(words(need.text)) <= NO_WORDS
        need_text = None if is_skip(need) or is_empty(need) or declined else need.text.strip()
        if need_text:
            yield Save("checkin", {"part": "need", "need": need_text, "from": partner},
                       partner=name)
        yield Say(reflection(name, partner, mood, feeling, mind_text, need_text))

    return (yield from _close(ctx, moods))


def _close(ctx: Context, moods: dict[str, int | None]) -> Script:
    """Offer breathing or support ideas after a low mood; celebrate when both are high."""
    low = [name for name, mood in moods.items() if mood is not None and mood <= LOW_MOOD]
    if low:
        who = low[0] if len(low) == 1 else "you both"
        for_whom = low[0] if len(low) == 1 else "each other"
        answer = yield Ask(
            f"It sounds like today has been heavy for {who}. Would a couple of minutes of slow "
            f"breathing together help? Or say 'support' for ideas on how to be there for "
            f"{for_whom}.")
        choice = _choose_help(answer)
        if choice:
            yield Say("All right, let's do that.")
            return Exit(next_intent=choice)
        yield Say("That's fine. Thank you both for checking in. Be gentle with each other.")
        return None
    scores = [moods.get(name) for name in ctx.partners[:2]]
    alone = len(scores) < 2
    if all(score is not None and score >= HIGH_MOOD for score in scores):
        yield Say("You're in a really good place today. That's worth enjoying." if alone else
                  "You're both in a really good place today. That's worth enjoying together.",
                  style="bright")
    elif alone:
        yield Say("Thank you for checking in. Noticing where you are is a good start.")
    else:
        yield Say("Thank you both for checking in. It helps to know where each other is.")
    return None


def _choose_help(answer: Answer | None) -> str | None:
    """Which exercise the answer asks for, or None."""
    if answer is None or is_no(answer):
        return None
    if answer.intent in ("exercise.breathing", "coach.empathy"):
        return answer.intent
    said = set(words(answer.text))
    if said & {"support", "ideas", "idea", "empathy", "phrases"}:
        return "coach.empathy"
    if is_yes(answer) or said & {"breathe", "breathing", "breath", "breaths", "first"}:
        return "exercise.breathing"
    return None


def _a(number: int) -> str:
    """ "an 8", but "a 7": the article as the number is spoken."""
    return "an" if number in (8, 11, 18) else "a"
