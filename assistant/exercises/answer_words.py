"""Answers as the exercises see them (an `Answer` step result) and reflecting words back.

Reading what an answer means is delegated to `assistant.understanding.answers`, the one answer
interpreter; what stays here is turning words around for reflections. Pure functions, no I/O.
"""

import re

from assistant.dialogue.steps import Answer
from assistant.understanding import answers
from assistant.understanding.second_thoughts import final_say

_WORDS = re.compile(r"[a-z0-9']+")
STRICT_WORDS = 3  # a "plain" yes is this short: longer answers that start with yes say more


def words(text: str) -> list[str]:
    """Lower-case word tokens, apostrophes kept ("i'm", "don't")."""
    return _WORDS.findall(text.lower().replace("’", "'"))


def is_yes(answer: Answer | None, strict: bool = False) -> bool:
    """The answer agrees ("definitely not" does not; "no, actually yes" does).

    `strict`: only a plain yes ("yes please"), not a sentence that starts with one.
    """
    if answer is None or answers.read_yes_no(final_say(answer.text)) != "yes":
        return False
    return not strict or len(words(answer.text)) <= STRICT_WORDS


def is_no(answer: Answer | None) -> bool:
    """The answer declines ("not tonight", "i'd rather not", "of course not")."""
    return answer is not None and answers.read_yes_no(final_say(answer.text)) == "no"


def is_skip(answer: Answer | None) -> bool:
    """The person wants to skip this question."""
    if answer is None:
        return False
    return answer.intent == "control.skip" or answers.is_skip(answer.text)


def is_empty(answer: Answer | None) -> bool:
    """Nothing usable was said (the runner sends None when nobody answered)."""
    return answer is None or not answer.text.strip()


first_number = answers.first_number


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
