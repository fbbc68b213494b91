"""Asking for a different one, in the words people use after a question or an idea: "no not
that one", "ok what else", "meh", "got anything else?". One reader for the prompts, the ideas,
affection and self-care, so "another" means another everywhere."""

import re

_ANOTHER = re.compile(
    r"^(?:(?:ok|okay|hmm+|um+|nah|no|meh|erm|right|so)[\s,.!]+)*(?:"
    r"(?:meh|what else|anything else|something else|any (?:more|others?)|"
    r"got (?:any(?:thing)? )?(?:more|else|others?)|(?:a )?different (?:one|idea|question)|"
    r"(?:not|no,? not) (?:that|this)(?: one)?|(?:give (?:us|me) )?(?:another|one more|"
    r"a new one|the next one)|try again)\b"
    r"|next(?: one| please)?[\s.!?]*$)", re.IGNORECASE)
MOST_WORDS = 6  # a longer answer is conversation, not a reply to Hearth


def wants_another(text: str) -> bool:
    """Whether a short reply asks for a different question or idea."""
    said = text.strip()
    return len(said.split()) <= MOST_WORDS and bool(_ANOTHER.search(said))
