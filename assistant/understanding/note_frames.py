"""A note said as its frame and then the message: "keep this for my wife the plumber's coming at
ten", "leave him a note saying the kids are at my mum's". The message can be about anything, so
no template can hold it: the frame alone says what is asked. Read on the matcher's query (a
partner's first name already stands as "my partner")."""

import re

_WHO = r"(?:him|her|my (?:wife|husband|partner|boyfriend|girlfriend|fiance|fiancee|other half))"
# "when kev gets home let him hear that ...": a message to pass on when the partner arrives (the
# name need not be one Hearth knows: the arrival says who it is)
_ARRIVAL = (r"(?:when|once|as soon as) (?:my \S+|\S+) (?:gets|comes|is|wakes) (?:home|in|back|up)"
            r"(?: from \S+)?")
_FRAME = re.compile(
    rf"^(?:(?:can you|could you|please|hearth) )*"
    rf"(?:(?:keep|save|hold on to|hold onto|store) (?:this|that) for {_WHO}"
    rf"|leave {_WHO} a (?:note|message|voice note) (?:saying|that says|to say)"
    rf"|{_ARRIVAL} (?:tell (?:him|her)|let (?:him|her) (?:know|hear))(?: that)?)"
    rf" \S")  # ... and at least a word of the message


def is_note_frame(query: str) -> bool:
    """Whether the query is a note for the partner, said as its frame and then the message."""
    return _FRAME.match(query) is not None
