"""Text as it should be spoken: numbers written out so any voice says them unmistakably.

Every synthesizer gets its text through `spoken_form` (the Speaker calls it once per reply):

    spoken_form("Call or text 988.")            -> "Call or text nine eight eight."
    spoken_form("Breathe for 4 minutes.")       -> "Breathe for four minutes."
    spoken_form("1-800-799-7233")               -> "one eight hundred, seven nine nine, seven two three three"
    spoken_form("Siobhan, ready?", {"Siobhan": "Shivawn"})  -> "Shivawn, ready?"

Phone numbers and short codes (three digits or more, a leading zero, or several groups) are
said digit by digit in their groups, with a pause between groups, the way a person reads a
number out to be written down: five digits or more in threes ("eight eight seven, eight
eight"), a digit and its zeros as a number ("two thousand"); counts and minutes (one or two
digits) are said as words. These choices were checked by ear with a recognizer as the
listener (`hearth bench --only intelligibility`): runs of digits and zeros were misheard most.
The text on screen and in decks/ keeps its digits.

With `mark_numbers=True` each phone number is wrapped in NUMBER_START / NUMBER_END, so the
Speaker can say it apart from the words around it, at the slower pace, with a pause between
its groups (`number_parts` splits such text; see numbers_aloud.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.understanding.normalise import number_words

DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

# Digits glued to a word ("1800RESPECT") are said as the number, then the word.
_GLUED = re.compile(r"(?<=\d)(?=[A-Za-z]{2,})")
# Clock times: 8:45, 10:05.
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")
# Decimals: 5.45, 1.5 (a full stop followed by a digit is never a sentence end).
_DECIMAL = re.compile(r"\b(\d+)\.(\d+)\b")
# Ordinals: 1st, 22nd, 3rd, 10th.
_ORDINAL = re.compile(r"\b(\d+)(st|nd|rd|th)\b", re.IGNORECASE)
# A number: groups of digits joined by single spaces or hyphens ("0808 2000 247", "1-800-...").
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[ -]\d+)*(?![\w])")
# Words in capitals ("START", "RESPECT") are read as words, not spelt out letter by letter.
_SHOUTED = re.compile(r"\b[A-Z]{4,}\b")

# A count joined to its word by a hyphen ("fifteen-minute", "seven-day") is said as two words:
# joined, Piper moved the stress to "fif-" and "fifteen-minute walk" was heard "fifty minute
# walk" in 4 of 4 tries (0 of 4 with a space). Two number words stay joined ("twenty-five").
_COUNT_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen "
                "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty "
                "sixty seventy eighty ninety hundred").split()
_COUNT_HYPHEN = re.compile(rf"\b({'|'.join(_COUNT_WORDS)})-(?!(?:{'|'.join(_COUNT_WORDS)})\b)"
                           r"(?=[a-z])", re.IGNORECASE)

# Private-use characters around a phone number in marked text; never reach a synthesizer.
NUMBER_START, NUMBER_END = "\ue000", "\ue001"
_MARKED = re.compile(f"{NUMBER_START}([^{NUMBER_END}]*){NUMBER_END}")

_ORDINAL_ENDINGS = {"one": "first", "two": "second", "three": "third", "five": "fifth",
                    "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}


def _digits(group: str) -> str:
    return " ".join(DIGIT_WORDS[int(d)] for d in group)


def _group(group: str, in_phone_number: bool) -> str:
    """One group of digits as words."""
    if re.fullmatch(r"[01]?800", group):  # toll-free prefixes are said "(one) eight hundred"
        return " ".join([*(_digits(group[:-3]).split()), "eight hundred"])
    if re.fullmatch(r"[1-9]0{2,3}", group):  # "2000", "900": said as people say them, and
        return number_words(int(group))     # a run of zeros is easily miscounted by ear
    if len(group) >= 5:  # "88788": in threes, "eight eight seven, eight eight"
        return ", ".join(_digits(group[start:start + 3]) for start in range(0, len(group), 3))
    if in_phone_number or len(group) >= 3 or group.startswith("0"):
        return _digits(group)
    return number_words(int(group))


def _is_phone_number(groups: list[str]) -> bool:
    """Three digits or more, not a pattern of single digits ("4-7-8") nor a number with a
    spoken name ("000", "triple zero": said slowly on its own it came back "trepled")."""
    return (len("".join(groups)) >= 3 and not all(len(group) == 1 for group in groups)
            and groups != ["000"])


def _number(match: re.Match) -> str:
    groups = re.split(r"[ -]", match.group(0))
    said = _number_words(groups)
    return f"{NUMBER_START}{said}{NUMBER_END}" if _is_phone_number(groups) else said


def _number_words(groups: list[str]) -> str:
    if groups == ["000"]:  # Australia's emergency number has a spoken name
        return "triple zero"
    if len(groups) > 1 and groups[0] in ("0", "1") and groups[1] == "800":
        groups[:2] = [groups[0] + groups[1]]  # "1-800-..." is said "one eight hundred, ..."
    if len(groups) > 1 and all(len(g) <= 2 for g in groups):
        # small groups: "4-7-8" (a pattern, said as counts), "13 11 14" (said in pairs)
        joiner = ", " if any(len(g) == 2 for g in groups) else " "
        return joiner.join(_group(g, False) for g in groups)
    return ", ".join(_group(g, len(groups) > 1) for g in groups)


def _ordinal(match: re.Match) -> str:
    words = number_words(int(match.group(1))).split()
    last = words[-1]
    if last in _ORDINAL_ENDINGS:
        words[-1] = _ORDINAL_ENDINGS[last]
    elif last.endswith("y"):
        words[-1] = last[:-1] + "ieth"
    else:
        words[-1] = last + "th"
    return " ".join(words)


def _clock(match: re.Match) -> str:
    hour, minute = int(match.group(1)), int(match.group(2))
    if minute == 0:
        return f"{number_words(hour)} o'clock"
    said = number_words(minute) if minute >= 10 else f"oh {number_words(minute)}"
    return f"{number_words(hour)} {said}"


def _decimal(match: re.Match) -> str:
    return f"{number_words(int(match.group(1)))} point {_digits(match.group(2))}"


def respell_names(text: str, spellings: Mapping[str, str]) -> str:
    """Replace each name (whole word, any case) by the spelling a voice says correctly."""
    for name, spelling in spellings.items():
        text = re.sub(rf"\b{re.escape(name)}\b", spelling, text, flags=re.IGNORECASE)
    return text


def spoken_form(text: str, spellings: Mapping[str, str] | None = None,
                mark_numbers: bool = False) -> str:
    """`text` with numbers, times and capitals written out as words, and names respelt;
    `mark_numbers`: phone numbers between NUMBER_START and NUMBER_END."""
    if spellings:
        text = respell_names(text, spellings)
    text = _ORDINAL.sub(_ordinal, text)
    text = _GLUED.sub(" ", text)
    text = _CLOCK.sub(_clock, text)
    text = _DECIMAL.sub(_decimal, text)
    text = _NUMBER.sub(_number, text)
    text = _SHOUTED.sub(lambda m: m.group(0).lower(), text)
    text = _COUNT_HYPHEN.sub(r"\1 ", text)
    return text if mark_numbers else unmark(text)


def unmark(text: str) -> str:
    """Marked text as plain words."""
    return text.replace(NUMBER_START, "").replace(NUMBER_END, "")


def number_parts(text: str) -> list[tuple[str, bool]]:
    """Marked text as (words, is a phone number) stretches in order, empty ones left out."""
    parts, end = [], 0
    for match in _MARKED.finditer(text):
        parts += [(text[end:match.start()], False), (match.group(1), True)]
        end = match.end()
    parts.append((text[end:], False))
    return [(words, number) for words, number in parts if words.strip()]
