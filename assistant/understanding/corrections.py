"""A speaker's "no" to "did they get that?": what is left once the no and the comments on the
mirror are gone ("no, that's the opposite", "not quite, I said ...") is what they say again."""

import re

_NO = r"(?:no+|nope|nah|not (?:quite|really|exactly|at all)|kind of|sort of|almost|close|partly)"
# Comments on the mirror, not words to hear again.
_ABOUT_MIRROR = (
    r"(?:that'?s|thats|that is|it'?s|you'?ve got it|you got it|you'?re)\s+(?:the\s+)?"
    r"(?:opposite|backwards|wrong|not (?:it|right|what i (?:said|meant))|not quite(?: it)?|"
    r"not really(?: it)?|the wrong way round|twisted|close)|"
    r"(?:you )?(?:missed|miss) (?:the point|it|a bit|something|part of it)|"
    r"(?:that'?s )?not what i (?:said|meant)|(?:you )?didn'?t (?:get|hear) (?:it|me)|"
    r"(?:try|one more) (?:again|time)|close but|but close|"
    r"what i (?:said|meant) (?:was|is)|i said|i meant|i mean")
_LEAD = re.compile(rf"^(?:(?:{_NO}|{_ABOUT_MIRROR})\b[\s,.;:!-]*)+", re.IGNORECASE)
MIN_WORDS = 3  # fewer words left than this: nothing said again


def restated(text: str) -> str | None:
    """The words said again after a no ("no, I said I'm worried about money" -> "I'm worried
    about money"), or None when the answer only comments on the mirror ("no that's the
    opposite", "not quite, you missed the point")."""
    left = _LEAD.sub("", text.strip()).strip(" ,.;:!?-")
    return left if len(left.split()) >= MIN_WORDS else None
