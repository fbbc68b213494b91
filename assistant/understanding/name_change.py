"""Names changed in conversation: "call me Jo", "my name is Samantha", "it's Priya, not Wife",
"that's not my name"."""

import re
from dataclasses import dataclass

from assistant.understanding import answers

# Apostrophes are optional: typed names come without them ("thats not my name", "im Jo").
_NEW_NAME = re.compile(
    r"\b(?:call me|my name is|my name'?s|i go by|i'?d rather be called|i prefer|you can call me|"
    r"it'?s actually|actually it'?s|i'?m actually|(?:she|he|they)\s+goe?s\s+by|"
    r"call (?:her|him|them)|"
    r"(?:her|his|their) name(?:'?s|\s+is)|(?:she|he|they)(?:'?d| would) rather be called)"
    r"\s+(?P<new>[A-Za-z][\w'-]*)", re.IGNORECASE)
_INSTEAD = re.compile(r"\b(?:it'?s|it is|i'?m|i am|name is)\s+(?P<new>[A-Za-z][\w'-]*),?\s+not\s+"
                      r"(?P<old>[A-Za-z][\w'-]*)", re.IGNORECASE)
_NOT_MY_NAME = re.compile(r"\b(?:that'?s|that is|it'?s|it is)\s+not\s+(?:my|our|his|her|their)\s+"
                          r"names?\b|\bwrong name\b|\byou got (?:my|our) names? wrong\b",
                          re.IGNORECASE)
# Words that are not names even when they follow "I'm" or "call me".
_NOT_NAMES = {"not", "so", "just", "really", "the", "a", "an", "fine", "ok", "okay", "here",
              "good", "back", "sorry", "tired", "done", "ready", "sure", "called"}
# Placeholders and roles a misheard introduction leaves where a name should be.
ROLE_WORDS = {"wife", "husband", "partner", "boyfriend", "girlfriend", "fiance", "fiancee",
              "spouse", "babe", "love", "hubby", "missus", "partner a", "partner b", "this",
              "my"}


@dataclass(frozen=True)
class NameChange:
    """A name to change: the new one (None: ask for it) and the one it replaces (if said)."""

    new: str | None
    old: str | None = None
    said: str = ""  # the words that asked for it, for who is speaking ("Sam here, call me Jo")


def name_change(text: str) -> NameChange | None:
    """What name change the words ask for, or None."""
    instead = _INSTEAD.search(text)
    if instead and instead.group("new").lower() not in _NOT_NAMES:
        return NameChange(instead.group("new").capitalize(), instead.group("old").capitalize(),
                          text)
    new = _NEW_NAME.search(text)
    if new and new.group("new").lower() not in _NOT_NAMES:
        return NameChange(new.group("new").capitalize(), said=text)
    if _NOT_MY_NAME.search(text):
        return NameChange(None, said=text)
    return None


# Words after which a name follows in an introduction ("i'm Jordan", "this is my wife Priya",
# "call us Sam and Alex"), words that join names, and words that may stand between a cue and
# the name ("this is my wife Priya").
_CUES = {"i'm", "im", "we're", "it's", "its", "is", "am", "are", "me", "us", "called", "named",
         "here's", "meet", "she's", "he's", "they're", "name's"}
_CALLED = {"me", "us"}  # cues only after "call": "call us Sam and Alex", not "ask us something"
_JOINS = {"and", "&", "plus", "with"}
_BETWEEN = {"my", "our", "the", "this", "that", "and", "is", "just", "me", "only"} | ROLE_WORDS
_GREETINGS = {"hi", "hello", "hey", "here", "hiya"}


def names_in(text: str, most: int = 2) -> list[str]:
    """Names said in an introduction ("I'm Jordan and this is my wife Priya" -> Jordan, Priya;
    "dana and mo" -> Dana, Mo). A sentence that introduces no one ("we keep snapping at each
    other") has none: the words of a request are not names."""
    return _read_names(text, most)[0]


def introduces(text: str) -> bool:
    """Whether the words introduce someone by name ("i'm Jordan", "call us Sam and Alex"),
    not just say a word that could be one ("bye", "something fun")."""
    return _read_names(text, 2)[1]


def _read_names(text: str, most: int) -> tuple[list[str], bool]:
    """The names, and whether they came after an introduction's cue."""
    def plausible(name: str) -> bool:
        return (name.lower() not in ROLE_WORDS and name.lower() not in _NOT_NAMES
                and answers.read_yes_no(name) == "unclear"  # "yep" and "nope" are not names
                and name.lower() not in ("actually", "it", "its", "we", "were"))

    candidates = [n for n in answers.read_names(text, most=most + 2) if plausible(n)]
    tokens = [t.lower() for t in re.findall(r"[A-Za-z][\w'-]*|&", text.replace("\u2019", "'"))]
    said = [t[:-2] if t.endswith("'s") and t not in _CUES else t for t in tokens]
    # Only names and the words around them ("Maria & Tom", "sam", "jo here", "Sam and my
    # husband Alex"): a plain list of names.
    if candidates and all(t in _JOINS | _BETWEEN | _GREETINGS or t.capitalize() in candidates
                          for t in said):
        return candidates[:most], False
    # Otherwise, only what stands right after an introduction's cue, or joined to such a name.
    introduced: list[str] = []
    expecting = False
    for before, token in zip([None, *said], said):
        cue = token in _CUES and (token not in _CALLED or before in ("call", "called"))
        if cue or (introduced and token in _JOINS):
            expecting = True
        elif expecting and token.capitalize() in candidates:
            if token.capitalize() not in introduced:
                introduced.append(token.capitalize())
            expecting = False
        elif not (expecting and token in _BETWEEN):
            expecting = False
    return introduced[:most], bool(introduced)
