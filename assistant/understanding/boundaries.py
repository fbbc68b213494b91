"""Boundaries people mention about affection: "he hates being touched when he's stressed",
"she doesn't like hugs in public". Hearth acknowledges them and offers something else."""

import re

_TOUCH = r"(touch\w*|hug\w*|kiss\w*|cuddl\w*|hold\w*|massag\w*|rub\w*|physical|contact|close)"
_DISLIKE = (r"(hates?|hating|dislikes?|(?:does|do|did)\s*n[o']t\s+(?:like|want|enjoy)|"
            r"not\s+(?:comfortable|into|a fan of|keen on|ok with|okay with)|uncomfortable|"
            r"(?:can't|cannot)\s+(?:stand|handle)|rather\s+not|would\s*n[o']t\s+want|"
            r"needs?\s+(?:space|distance)|no\s+touch\w*|boundar\w*|flinch\w*|tense\w*\s+up)")
# "she's not really a hugger", "he isn't much of a cuddler": a boundary said as who they are.
_NOT_A = (r"(?:not|isn't|isnt|aren't|never been)\s+(?:really\s+|much\s+of\s+|exactly\s+|"
          r"very\s+)?(?:a\s+)?(?:big\s+)?(?:hugger|cuddler|kisser|touchy|touchy[- ]feely|"
          r"huggy|cuddly|physical|affectionate|hand[- ]holder)")
_BOUNDARY = re.compile(rf"\b{_DISLIKE}\b.*\b{_TOUCH}|\b{_TOUCH}\b.*\b{_DISLIKE}|"
                       rf"\b{_NOT_A}\b|"
                       r"\bneeds?\s+(?:some\s+)?space\b|\bboundar", re.IGNORECASE)
_ABOUT_TOUCH = re.compile(rf"\b{_TOUCH}|\b{_NOT_A}", re.IGNORECASE)


def names_a_boundary(text: str) -> bool:
    """Whether the words tell of something the partner does not want (touch, space, ...)."""
    return bool(_BOUNDARY.search(text))


def about_touch(text: str) -> bool:
    """Whether a boundary is about touch (then ideas without touch are offered)."""
    return bool(_ABOUT_TOUCH.search(text))
