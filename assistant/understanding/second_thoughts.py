"""Changes of mind inside one answer: "no actually yes", "done, no wait, another one". The last
thing said after a change-of-mind marker is what the person means."""

import re

_CHANGE_OF_MIND = re.compile(
    r"\b(?:no,? wait|wait,? no|actually|on second thoughts?|scratch that|i mean|or rather|"
    r"hang on|hold on|wait)\b[,.!]?\s*", re.IGNORECASE)


def final_say(text: str) -> str:
    """The part of an answer after its last change of mind (the whole answer if none)."""
    pieces = [p for p in _CHANGE_OF_MIND.split(text) if p.strip(" ,.!?")]
    return pieces[-1].strip(" ,.!?") if pieces else text.strip()
