"""Reading answers and reflecting words back (for the core exercises): yes/no/skip, numbers, and simple pronoun flips.

Shared by the exercise scripts; pure functions, no I/O.
"""

import re

from assistant.dialogue.steps import Answer

_YES = {
    "yes", "yeah", "yep", "yup", "sure", "ok", "okay", "please", "alright", "all right",
    "of course", "definitely", "absolutely", "why not", "go on", "go ahead", "let's", "lets",
    "sounds good", "i'd like that", "we'd like that", "yes please", "sure thing",
}
_NO = {
    "no", "nope", "nah", "not now", "not really", "no thanks", "no thank you", "maybe later",
    "not tonight", "not today", "i'm good", "we're good", "we are good", "i am good", "pass",
}
_SKIP = {"skip", "skip it", "skip that", "next", "pass", "skip this one", "skip this"}

_WORDS = re.compile(r"[a-z0-9']+")


def words(text: str) -> list[str]:
    """Lower-case word tokens, apostrophes kept ("i'm", "don't")."""
    return _WORDS.findall(text.lower().replace("’", "'"))


def _phrase(text: str) -> str:
    return " ".join(words(text))


def is_yes(answer: Answer | None, strict: bool = False) -> bool:
    """The answer agrees: the control.yes intent, or a yes-word typed or said.

    `strict`: only a plain yes ("yes please"), not a sentence that starts with one.
    """
    if answer is None:
        return False
    if answer.intent == "control.yes":
        return True
    phrase = _phrase(answer.text)
    if phrase in _YES:
        return True
    return not strict and phrase.startswith(("yes ", "yeah ", "sure ", "ok ", "okay "))


def is_no(answer: Answer | None) -> bool:
    """The answer declines: control.no, or a plain no-word."""
    if answer is None:
        return False
    if answer.intent == "control.no":
        return True
    phrase = _phrase(answer.text)
    return phrase in _NO or phrase.startswith(("no ", "nope ", "not now", "no thanks"))


def is_skip(answer: Answer | None) -> bool:
    """The person wants to skip this question."""
    if answer is None:
        return False
    return answer.intent == "control.skip" or _phrase(answer.text) in _SKIP


def is_empty(answer: Answer | None) -> bool:
    """Nothing usable was said (the runner sends None when nobody answered)."""
    return answer is None or not answer.text.strip()


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}


def first_number(text: str, low: int = 1, high: int = 10) -> int | None:
    """The first whole number from low to high in the text, as digits or a word ("a seven")."""
    for token in words(text):
        value = int(token) if token.isdigit() else _NUMBER_WORDS.get(token)
        if value is not None and low <= value <= high:
            return value
    return None


# Spoken to the room, "I"/"my" of the person who answered become "you"/"your".
_FLIPS = {
    "i": "you", "i'm": "you're", "im": "you're", "i've": "you've", "i'd": "you'd",
    "i'll": "you'll", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
    "am": "are", "was": "was",
}


def flip_pronouns(text: str, partner: str | None = None) -> str:
    """Turn a first-person answer into a reflection: "I miss my sister" -> "you miss your sister".

    With `partner` (the one the answer was about), "you"/"your" become their name ("you made me
    tea" -> "Alex made you tea"). Only simple, common forms are changed; the rest is kept.
    """
    out: list[str] = []
    tokens = re.findall(r"[A-Za-z0-9'’]+|[^A-Za-z0-9'’]+", text.strip())
    prev_word = ""
    for token in tokens:
        low = token.lower().replace("’", "'")
        if not re.match(r"[a-z0-9']", low):
            out.append(token)
            continue
        if partner and low in ("you", "you're", "your", "yours", "yourself"):
            # Object "you" after a verb stays a name too ("thank you" -> "thank Alex").
            replacement = {
                "you": partner, "you're": f"{partner} is", "your": f"{partner}'s",
                "yours": f"{partner}'s", "yourself": partner,
            }[low]
        elif low == "am" and prev_word not in ("i", "i'm"):
            replacement = token  # "am" only flips right after "I"
        else:
            replacement = _FLIPS.get(low, token)
        if low == "was" and prev_word == "i":
            replacement = "were"
        out.append(replacement)
        prev_word = low
    result = "".join(out).strip().rstrip(".!?")
    return result


_THIRD = {
    "i": "they", "i'm": "they're", "im": "they're", "i've": "they've", "i'd": "they'd",
    "i'll": "they'll", "me": "them", "my": "their", "mine": "theirs", "myself": "themselves",
}


def as_they(text: str) -> str:
    """Retell a first-person answer to someone else: "I was tired" -> "they were tired"."""
    out: list[str] = []
    prev = ""
    for token in re.findall(r"[A-Za-z0-9'’]+|[^A-Za-z0-9'’]+", text.strip()):
        low = token.lower().replace("’", "'")
        if low in ("am", "was") and prev == "i":
            out.append("are" if low == "am" else "were")
        else:
            out.append(_THIRD.get(low, token))
        if re.match(r"[a-z0-9']", low):
            prev = low
    return "".join(out).strip().rstrip(".!?")


def join_words(items: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
