"""A partner's first name said in a request stands for "my partner" when matching.

Templates say "him", "her" or "my partner"; people say "leave sam a message", "anything from
jo while i was out", "what did tom want me to hear". A name is a word the catalogue has no
likeness for, so it pulls the sentence's meaning nowhere. Only the query the matcher compares
changes (the crisis guard, the slots and the journal see the words as said), and only where
the name plays a person's part in the sentence: before a word that goes on the sentence about
that person ("sam gets home", "jo left", "dan know"), or last after "from", "for", "to",
"tell". "play taylor swift" or "play elton john" keep their words: an artist is not a partner.
"""

from functools import cache, lru_cache
from pathlib import Path

STAND_IN = "my partner"
# Words that follow a name used as a person in what people ask Hearth.
_FOLLOWERS = frozenset(
    "a an i he she it know knows gets get got comes came left leave leaves said says say "
    "want wants wanted is was has had did does while when to and that what if will would can "
    "could recorded sent hear hears heard home back in tonight today later the about something "
    "anything".split())
_BEFORE_LAST = frozenset("from for to tell ask with".split())
# Words before a name that make it an introduction or a name change, which other code reads.
_INTRODUCING = frozenset("am is called named me its im name names".split())  # "names": "name's"


@cache
def first_names() -> frozenset[str]:
    """The first names (lower case) from first_names.txt beside this module."""
    text = (Path(__file__).with_name("first_names.txt")).read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#")
                     for w in line.split())


@lru_cache(maxsize=16384)
def stand_in_names(query: str) -> str:
    """The normalised query with each first name said as a person replaced by "my partner"."""
    words = query.split()
    names = first_names()
    if not names.intersection(words):
        return query
    out = []
    for k, word in enumerate(words):
        before = words[k - 1] if k else ""
        after = words[k + 1] if k + 1 < len(words) else None
        as_person = (after in _FOLLOWERS) if after is not None else before in _BEFORE_LAST
        if word in names and as_person and before not in _INTRODUCING:
            out.append(STAND_IN)
        else:
            out.append(word)
    return " ".join(out)
