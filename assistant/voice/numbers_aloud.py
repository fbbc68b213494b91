"""Phone numbers said the way a person reads one out to be written down.

The Speaker gives each piece of a reply (spoken form with its phone numbers marked, see
spoken.py) to `utterances`, which says what the synthesizer makes in one go.

A neural voice (Piper) says the piece in one go, with a comma before the number, so it pauses
there and at the commas between the number's groups ("one eight hundred, seven nine nine").
Said apart, a short stretch came back garbled from Piper ("or" as "r", "Men's Aid on" as "a
dawn", "thirteen" as "birking"). The piece is said `steady`: without Piper's random variation
(`steady_profile`), so a number is said the same clear way every time; with it, one run in
three or so lost a digit somewhere ("nine eight eight" as "man eight eight", "five five four"
as "five four").

espeak-ng says the number apart from the words around it, at the profile's slower exercise
pace, each digit on its own with short pauses, longer ones between groups: in one breath its
digits run together ("nine nine nine" heard as "nine nine", "nine eight eight" as "I hate it").
espeak-ng ends each digit with ~0.6 s of its own quiet, so the gaps heard are ~0.75 s; cutting
that quiet (so the groups are heard apart) lost more repeated digits ("four four" as "four"): 12
held-out numbers of 24 intact against 15 (one run each).

    utterances("call \ue000nine one one\ue001.", "espeak")
    -> [Utterance("call,"), Utterance("nine", careful=True, pause_before=0.2),
        Utterance("one", careful=True, pause_before=0.15),
        Utterance("one.", careful=True, pause_before=0.15)]

Checked with a recognizer as the listener (`hearth bench --only intelligibility`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.voice.spoken import number_parts

NUMBER_PAUSE = 0.2  # seconds of quiet before and after a phone number
GROUP_PAUSE = 0.25  # between its groups
DIGIT_PAUSE = 0.15  # between its digits, for voices whose digits run together
DIGIT_BY_DIGIT_ENGINES = frozenset({"espeak"})
# What is said as one: "eight hundred", "two thousand", "triple zero", or a single word.
_UNIT = re.compile(r"\w+ (?:hundred|thousand)\b|(?:double|triple) \w+|\w+")


@dataclass(frozen=True)
class Utterance:
    """Words synthesized in one go, and the quiet before them."""

    text: str
    careful: bool = False  # part of a phone number: said at the slower pace
    pause_before: float = 0.0
    steady: bool = False  # carries a phone number: said without random variation


def utterances(text: str, engine: str) -> list[Utterance]:
    """The piece `text` (phone numbers marked) as what to synthesize, in order."""
    parts = number_parts(text)
    if not any(number for _, number in parts):
        return [Utterance(text)] if text.strip() else []
    if engine not in DIGIT_BY_DIGIT_ENGINES:
        # A neural voice says the piece in one go, pausing at a comma before the number and
        # at its groups' commas: said apart, its short stretches ("or", "Men's Aid on")
        # came back garbled ("r", "a dawn").
        said = ""
        for words, number in parts:
            if number and said.strip() and said.rstrip()[-1] not in ",;:":
                said = said.rstrip() + ", "
            said += words
        return [Utterance(said, steady=True)]
    out: list[Utterance] = []
    after_number = False
    for index, (words, number) in enumerate(parts):
        if not number:
            words = words.strip().lstrip(",;:").strip()
            if words and any(ch.isalnum() for ch in words):
                if index + 1 < len(parts) and words[-1].isalnum():
                    words += ","  # the number follows: said as a pause, not a sentence's end
                out.append(Utterance(words, pause_before=NUMBER_PAUSE if after_number else 0))
            elif words and out:  # a full stop after the number: keep it with the number
                out[-1] = Utterance(out[-1].text + words, out[-1].careful, out[-1].pause_before)
            after_number = False
            continue
        for count, group in enumerate(g.strip() for g in words.split(",") if g.strip()):
            for position, piece in enumerate(_UNIT.findall(group)):
                pause = DIGIT_PAUSE if position else GROUP_PAUSE if count else NUMBER_PAUSE
                out.append(Utterance(piece, careful=True, pause_before=pause if out else 0))
        after_number = True
    return out


# How far a piece with a phone number moves from the profile's pace towards its exercise pace,
# as a person slows down to read a number out: half way (calm: length scale 1.15 -> 1.25).
# On the 40 crisis and held-out number lines (Whisper tiny.en, its 30 s window) word error
# went from 4.1% to 3.1% ("Women's Aid" was heard "one one's eight" at the everyday pace),
# numbers intact 36 of 40 both ways; the whole way (1.35) 3.8% and 37 of 40.
NUMBER_PACE = 0.5


def steady_profile(profile):
    """The profile for a piece that carries a phone number: Piper's random variation off
    (noise scale and noise width 0), the voice's most likely rendering, the same every time,
    and a little slower (NUMBER_PACE). Everyday speech keeps its variety and pace."""
    piper = profile.piper
    slower = max(piper.exercise_length_scale - piper.length_scale, 0)
    pace = piper.length_scale + NUMBER_PACE * slower
    return profile.model_copy(update={"piper": piper.model_copy(
        update={"noise_scale": 0.0, "noise_w": 0.0, "length_scale": round(pace, 3)})})
