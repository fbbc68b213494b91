"""The one answer interpreter: yes / no / unclear, moods, names, durations, skips, who speaks.

Every exercise and the runner read answers here, so "definitely not" means no everywhere. Text is
normalised first (contractions expanded: "don't" -> "do not", "i'd" -> "i would"), so each rule
is written once. Pure functions, no I/O, microseconds per answer.
"""

import re
from dataclasses import dataclass

from assistant.understanding.normalise import normalise, plain_words
from assistant.understanding.slots import minutes_in

# ---------------------------------------------------------------------------- yes / no / unclear
# Whole answers that are idioms rather than the sum of their words.
_FIXED = {
    "why not": "yes", "sure why not": "yes", "yes and no": "unclear", "yes or no": "unclear",
    "kind of": "unclear", "sort of": "unclear", "i do not know": "unclear", "not sure": "unclear",
    "no idea": "unclear", "it depends": "unclear", "depends": "unclear", "whatever": "unclear",
    "no problem": "yes", "no worries": "yes", "i would not mind": "yes", "why not yes": "yes",
    "would not hurt": "yes", "not a bad idea": "yes", "i can not wait": "yes",
    "go for it": "yes", "i am in": "yes", "count me in": "yes", "let us do it": "yes",
}
# Phrases that doubt: the person has not decided, so ask again rather than guess.
_HEDGES = (
    "not sure", "not so sure", "not too sure", "not really sure", "not quite sure",
    "do not know", "unsure", "no idea", "maybe", "perhaps", "possibly",
    "hard to say", "not certain", "depends", "either way", "could go either", "not decided",
    "50 50", "fifty fifty", "on the fence", "let me think", "i will think", "who knows",
)
# A hedge about a later time is a polite no for now ("maybe later", "perhaps another time").
_LATER = ("later", "another time", "another day", "some other time", "tomorrow", "next time",
          "not now", "not tonight", "not today", "not right now")
# Leaning yes without a yes-word: counts as yes, never as an unmistakable one.
_SOFT_YES = ("i guess so", "i guess", "i suppose", "i suppose so", "i think so", "probably",
             "i would say so", "i believe so", "if you want", "if we must", "fine i guess",
             "i reckon", "guess so", "suppose so", "think so", "likely", "i would think so")
_YES_WORDS = {
    "yes", "yeah", "yea", "yep", "yup", "ya", "yah", "sure", "okay", "alright", "absolutely",
    "definitely", "certainly", "indeed", "please", "gladly", "totally", "course", "ready",
    "agreed", "affirmative", "correct", "right", "exactly", "true", "love", "like", "lovely",
    "great", "good", "nice", "perfect", "fine", "cool", "awesome", "brilliant", "wonderful",
    "aye", "yess", "yesss", "positive", "do", "go", "ahead", "want", "let", "happy", "keen",
}
_NO_WORDS = {"no", "nope", "nah", "nay", "never", "negative", "pass", "stop", "cancel"}
# Words that turn what follows (or, for "not" after a yes-word, what came before) around.
_NEGATORS = {"not", "no", "never", "nope", "nah", "without", "neither", "nor", "hardly"}
_REFUSALS = ("rather not", "would not", "prefer not", "let us not", "do not", "please do not",
             "not really", "not at all", "not for me", "no thanks", "no thank you",
             "i am good", "we are good", "i am fine", "we are fine", "i am okay", "we are okay",
             "no way", "not a chance", "not interested", "no need", "skip it", "not this time",
             "not yet", "i would not", "better not", "i will pass", "i pass", "count me out")
# Yes-words that only mean yes on their own ("good" in "good question" is not consent).
_WEAK_YES = {"like", "love", "good", "nice", "great", "fine", "cool", "right", "true", "do",
             "go", "want", "let", "happy", "ready", "lovely", "perfect", "awesome",
             "brilliant", "wonderful", "keen", "ahead", "course", "please", "exactly",
             "correct", "indeed", "positive"}


def _phrase_in(phrases, text: str) -> bool:
    padded = f" {text} "
    return any(f" {p} " in padded for p in phrases)


def read_yes_no(text: str) -> str:
    """"yes", "no" or "unclear" for an answer to a yes/no question.

    Negation wins over the yes-word it touches ("definitely not", "of course not"), a hedge is
    unclear ("maybe", "i'm not sure"), a hedge about later is no ("maybe later").
    """
    said = plain_words(text)
    if not said:
        return "unclear"
    if said in _FIXED:
        return _FIXED[said]
    words = said.split()
    says_yes = any(w in ("yes", "yeah", "yep", "yup", "sure", "okay") for w in words)
    says_no = any(w in ("no", "nope", "nah") for w in words)
    # "yes but not right now", "yes, maybe later": the yes is for some other time.
    if _phrase_in(_LATER, said) and not _phrase_in(("not later", "now is good"), said):
        return "no"
    if _phrase_in(_SOFT_YES, said) and not _phrase_in(("do not", "not"), said):
        return "yes"
    if _phrase_in(("yes and no", "yes or no", "no and yes"), said) or (says_yes and says_no
                                                                         and "but" in words):
        return "unclear"
    if _phrase_in(_HEDGES, said):
        return "unclear"
    if _phrase_in(_REFUSALS, said):
        return "no"
    for i, word in enumerate(words):
        if word in _NEGATORS or word in _NO_WORDS:
            following = words[i + 1] if i + 1 < len(words) else ""
            # "no problem", "never mind, yes": the no-word is part of a yes idiom.
            if word == "no" and following in ("problem", "worries", "doubt", "question"):
                return "yes"
            return "no"
    if words[0] in _YES_WORDS or any(w in _YES_WORDS - _WEAK_YES for w in words):
        return "yes"
    if len(words) <= 4 and any(w in _YES_WORDS for w in words):
        return "yes"
    return "unclear"


_STRONG_YES = {"yes", "yeah", "yep", "yup", "absolutely", "definitely", "certainly", "confirm",
               "confirmed", "affirmative"}
_WAVERING = ("guess", "suppose", "think", "probably", "why not", "whatever", "if you want",
             "maybe", "kind of", "sort of", "i reckon", "fine", "okay then")


def is_unmistakable_yes(text: str) -> bool:
    """A yes with nothing soft about it: what a destructive action needs ("yes, delete it")."""
    said = plain_words(text)
    if read_yes_no(text) != "yes" or _phrase_in(_WAVERING, said):
        return False
    words = set(said.split())
    return bool(words & _STRONG_YES) or _phrase_in(("i am sure", "we are sure", "do it",
                                                    "go ahead", "delete it", "delete everything",
                                                    "forget everything", "i confirm"), said)


# ---------------------------------------------------------------------------------------- skip
_SKIP_PHRASES = ("skip", "next", "next one", "next question", "pass", "move on", "pass on this",
                 "pass on that", "pass on this one", "rather not say", "rather not answer",
                 "no comment", "let us move on", "nothing to say", "i pass")


def is_skip(text: str) -> bool:
    """The person wants to leave this question out ("skip", "next question", "pass on this")."""
    said = plain_words(text)
    if not said:
        return False
    words = said.split()
    at = words.index("skip") if "skip" in words else -1
    if at >= 0 and _NEGATORS & set(words[max(0, at - 3):at]):
        return False  # "i do not want to skip"
    if said in _SKIP_PHRASES or "skip" in words:
        return True
    return len(said.split()) <= 5 and _phrase_in(
        ("next question", "move on", "pass on", "i pass", "rather not say",
         "rather not answer", "next one"), said)


# ---------------------------------------------------------------------------------------- moods
@dataclass(frozen=True)
class Mood:
    """A mood as said: a place on the 1-10 scale and/or the feeling word used."""

    score: int | None  # 1 (worst) to 10 (best); from the number said, else from the word
    word: str | None  # the feeling as said ("tired", "not great"), for the reflection


# A rough place on the 1-10 scale for common feeling words; the word itself is kept too.
FEELINGS: dict[str, int] = {
    "awful": 1, "terrible": 1, "horrible": 1, "devastated": 1, "miserable": 2, "hopeless": 2,
    "depressed": 2, "broken": 2, "sad": 3, "down": 3, "low": 3, "lonely": 3, "hurt": 3,
    "exhausted": 3, "overwhelmed": 3, "angry": 3, "upset": 3, "drained": 3, "rough": 3,
    "bad": 3, "crap": 2, "crappy": 2, "lousy": 3, "shitty": 2, "anxious": 4, "stressed": 4,
    "worried": 4, "tired": 4, "frustrated": 4, "irritated": 4, "grumpy": 4, "nervous": 4,
    "meh": 5, "blah": 5, "okay": 5, "so so": 5, "mixed": 5, "average": 5, "middling": 5,
    "fine": 6, "alright": 6, "decent": 6, "calm": 7, "relaxed": 7, "content": 7, "good": 7,
    "peaceful": 7, "hopeful": 7, "happy": 8, "great": 8, "excited": 8, "grateful": 8,
    "cheerful": 8, "energised": 8, "energized": 8, "loved": 9, "wonderful": 9, "amazing": 9,
    "fantastic": 9, "brilliant": 9, "joyful": 9, "ecstatic": 10, "elated": 10, "incredible": 10,
}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10}
_MOOD_NEGATORS = ("not", "never", "hardly", "not too", "not so", "not very", "not that",
                  "not feeling", "not really", "not particularly")


def first_number(text: str, low: int = 1, high: int = 10) -> int | None:
    """The first whole number from low to high, as digits or a word ("kind of a six")."""
    for token in normalise(text).split():
        value = int(token) if token.isdigit() else _NUMBER_WORDS.get(token)
        if value is not None and low <= value <= high:
            return value
    return None


def read_mood(text: str) -> Mood | None:
    """A mood from an answer: "7", "kind of a 6 i guess", "pretty rough", "not great"; None when
    neither a 1-10 number nor a feeling word was said."""
    number = first_number(text)
    said = plain_words(text)
    padded = f" {said} "
    for feeling in sorted(FEELINGS, key=len, reverse=True):
        at = padded.find(f" {feeling} ")
        if at < 0:
            continue
        before = padded[:at].split()
        negator = next((n for n in sorted(_MOOD_NEGATORS, key=len, reverse=True)
                        if before[-len(n.split()):] == n.split()), None)
        value = FEELINGS[feeling]
        word = feeling
        if negator:
            # "not good" sits low, "not bad" a little above the middle.
            value = 4 if value >= 6 else 6
            word = f"not {feeling}"
        return Mood(number if number is not None else value, word)
    return Mood(number, None) if number is not None else None


# ---------------------------------------------------------------------------------------- names
# Words around names in introductions; what is left, if it looks like a name, is a name.
_NOT_NAMES = set("""
i am im me my mine we are us our this is it its and plus with also here there hi hello hey
name names called call the a an just only both of two us together speaking say said partner
wife husband boyfriend girlfriend fiance fiancee spouse other half better love lover darling
dear honey babe baby friend roommate named goes by yes yeah no okay ok so well um uh oh that
be who you your they them their he she his her him these those im myself too as well all
""".split())
_NAME = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def read_names(text: str, most: int = 2) -> list[str]:
    """Names from an introduction: "i'm Jordan and this is my wife Priya" -> [Jordan, Priya].
    Capitalised as names are; to be confirmed with the person before saving."""
    names: list[str] = []
    for token in _NAME.findall(text.replace("\u2019", "'")):
        low = token.lower()
        if low.endswith("'s"):
            low, token = low[:-2], token[:-2]
        if low in _NOT_NAMES or len(low) < 2 or "'" in low:
            continue
        name = token if token[0].isupper() else token.capitalize()
        if name not in names:
            names.append(name)
    return names[:most]


def read_speaker(text: str, partners: list[str]) -> str | None:
    """Which partner says they are speaking ("it's Sam", "this is Alex here"), or None."""
    said = plain_words(text).split()
    named = [p for p in partners if p.lower() in said]
    return named[0] if len(named) == 1 else None


# ------------------------------------------------------------------------------------ durations
def read_minutes(text: str) -> int | None:
    """A duration in minutes: "five minutes" -> 5, "half an hour" -> 30, a bare "15" -> 15."""
    said = normalise(text)
    value = minutes_in(said)
    if value is not None:
        return value
    words = said.split()
    bare = [w for w in words if w.isdigit()]
    if len(bare) == 1 and len(words) <= 4:
        return int(bare[0])
    return None
