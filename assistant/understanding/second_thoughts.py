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


# Inside a free answer only an unmistakable retraction counts ("actually" alone is an adverb:
# "I actually enjoyed it"): "8, no wait, more like 6", "work. actually no, it's the kids",
# "the dinner, scratch that, the way you listened".
_RETRACTION = re.compile(
    r"(?:^|[\s,.;!?-])(?:no,? wait|wait,? no|actually,? no|no,? actually|sorry,? i mean|"
    r"scratch that|or rather|let me rephrase|i mean,? no)\b[,.!:;-]*\s*", re.IGNORECASE)


def corrected(text: str) -> str:
    """What an answer says after its last unmistakable retraction; the answer itself when it
    has none, or when nothing follows it ("work, no wait" keeps "work, no wait")."""
    pieces = _RETRACTION.split(text)
    if len(pieces) < 2:
        return text
    last = pieces[-1].strip(" ,.;!?-")
    return last if last else text
