"""A control said with the small words around it: "actually stop", "ok stop", "no stop",
"stop now please". The runner hears the control in what is left once they are gone."""

import re

_AROUND = (r"ok|okay|actually|um+|uh+|erm|so|right|oh|ugh|no|nah|please|just|sorry|hmm+|"
           r"well|wait|alright|all right|hey|look")
_LEADING = re.compile(rf"^(?:(?:{_AROUND})\b[\s,.!]*)+", re.IGNORECASE)
_TRAILING = re.compile(r"(?:[\s,.!]+(?:please|now|then|thanks|thank you|for now|for a bit|"
                       r"for a sec(?:ond)?|ok|okay))+[\s.!?]*$", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:not|don't|dont|do not|never|can't|cannot|won't)\b", re.IGNORECASE)
MOST_WORDS = 3  # what is left must be this short to be a control on its own


def bare(text: str) -> str | None:
    """The few words left once the small words around them are gone, or None when nothing
    was taken away, too much is left, or a negation makes it something else ("please don't
    stop")."""
    if _NEGATED.search(text):
        return None
    left = _TRAILING.sub("", _LEADING.sub("", text.strip())).strip(" ,.!?")
    if not left or left.lower() == text.strip(" ,.!?").lower() or len(left.split()) > MOST_WORDS:
        return None
    return left
