"""Understanding: from an utterance to an intent with slots.

    from assistant.understanding import understand
    understand("box breathing for 4 minutes")  # IntentMatch(intent="exercise.breathing", ...)
"""

from functools import cache

from assistant.understanding.catalogue import load_catalogue
from assistant.understanding.matcher import Matcher
from assistant.understanding.result import Candidate, IntentMatch

__all__ = ["Candidate", "IntentMatch", "Matcher", "load_catalogue", "load_matcher", "understand"]


@cache
def load_matcher() -> Matcher:
    """The matcher over the catalogue in intents/ (loaded once per process)."""
    from assistant.understanding.matcher import cached_matcher

    return cached_matcher()


def understand(text: str) -> IntentMatch:
    """Understand one utterance with the default catalogue."""
    return load_matcher().understand(text)
