"""The crisis check: runs before anything else and is built for recall.

A missed crisis is the worst mistake Hearth can make; a false alarm costs one gentle question.
So any crisis phrase from the catalogue anywhere in the utterance counts, and the matcher also
treats a near-best safety.crisis template as a crisis (see matcher.py).
"""

from assistant.understanding.catalogue import Catalogue


class CrisisCheck:
    """Finds crisis phrases (self-harm, abuse, violence) in normalised text."""

    def __init__(self, catalogue: Catalogue):
        # Phrases are word sequences, so a set lookup of the utterance's word n-grams finds
        # them all; far cheaper to build than one huge regular expression.
        self._concern_of: dict[tuple[str, ...], str] = {}
        for concern, phrases in catalogue.crisis_phrases.items():
            for phrase in phrases:
                self._concern_of.setdefault(tuple(phrase.split()), concern)
        self._longest = max((len(p) for p in self._concern_of), default=0)
        self._first_words = {phrase[0] for phrase in self._concern_of}

    def concern(self, normalised_text: str) -> str | None:
        """The kind of crisis the text speaks of ("self_harm", "abuse", ...), or None."""
        words = normalised_text.split()
        for start, word in enumerate(words):
            if word not in self._first_words:  # no crisis phrase starts here
                continue
            for end in range(start + 1, min(start + self._longest, len(words)) + 1):
                concern = self._concern_of.get(tuple(words[start:end]))
                if concern:
                    return concern
        return None
