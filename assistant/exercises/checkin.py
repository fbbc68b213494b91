"""The check-in: each partner gives a mood, what is on their mind, and what they need.

Every answer is saved the moment it is given, as its own "checkin" entry with a `part`:
    {"part": "mood", "mood": 4 | None, "mood_word": "tired" | None, "said": "pretty tired"}
    {"part": "on_mind", "on_mind": "the deadline at work"}
    {"part": "need", "need": "a hug", "from": "Alex"}
so a stop or a crash after the mood still keeps the mood.
"""

import re

from assistant.dialogue.context import Context
from assistant.dialogue.steps import Answer, Ask, Exit, Save, Say, Script
from assistant.exercises.partners import turns
from assistant.exercises.answer_words import (
    flip_pronouns,
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

LOW_MOOD = 4  # at or below: offer breathing or support ideas
HIGH_MOOD = 8  # both at or above: celebrate

def read_mood(text: str) -> tuple[int | None, str | None]:
    """A mood from an answer: (number 1-10 or None, feeling word or None), read by the one
    answer interpreter. "7" -> (7, None); "pretty tired" -> (4, "tired")."""
    mood = answers.read_mood(text)
    return (mood.score, mood.word) if mood else (None, None)


def reflect_need(need: str, other: str) -> str:
    """"I need you to listen to me" -> "you'd like Alex to listen to you"."""
    text = need.strip().rstrip(".!?")
    asked = re.match(
        r"^(?:i\s+)?(?:just\s+)?(?:really\s+)?(?:need|want|would like|'d like|wish)\s+"
        r"(?:(?:for\s+)?(?:you|him|her|them|" + re.escape(other) + r")\s+)?to\s+(.+)$",
        text, re.IGNORECASE,
    )
    if asked:
        return f"you'd like {other} to {flip_pronouns(asked.group(1), other)}"
    plain = re.match(r"^(?:i\s+)?(?:just\s+)?(?:need|want|would like|'d like)\s+(.+)$",
                     text, re.IGNORECASE)
    thing = flip_pronouns(plain.group(1) if plain else text, other)
    if re.match(r"^(?:for\s+)?(?:" + re.escape(other) + r")\s+to\s+", thing):
        return f"you'd like {re.sub(r'^for ', '', thing)}"
    if thing.lower().startswith("to "):
        return f"you'd like {other} {thing}"
    if other in thing:
        return f"you'd like {thing}"
    return f"you'd like {thing} from {other}"


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
    if mind:
        parts.append(f"you mentioned {flip_pronouns(mind, other)}")
    if need and other:
        parts.append(reflect_need(need, other))
    elif need:  # a person on their own: no one to ask it of
        parts.append(f"what would help: {flip_pronouns(need.strip().rstrip('.!?'))}")
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
        need_text = None if is_skip(need) or is_empty(need) or is_no(need) else need.text.strip()
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
