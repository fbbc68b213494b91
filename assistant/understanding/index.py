"""Score an utterance against the expanded templates quickly, with numpy and rapidfuzz.

Two cheap filters before the expensive match: only templates sharing a content word with the
utterance are considered, and a word-overlap score (how much of the template, or of the
utterance, the shared words cover, in characters) picks the few dozen worth an exact
character-level comparison. The final score blends the two: word overlap forgives extra or
reordered words ("please, can we ..."), the character ratio rewards the closest wording.
"""

import numpy as np
from rapidfuzz import fuzz, process

SHORTLIST = 40  # templates given the exact character-level comparison


class TemplateIndex:
    """The expanded templates, indexed by the words they contain."""

    def __init__(self, texts: list[str], stopwords: frozenset[str]):
        self.texts = texts
        words_of = [set(text.split()) for text in texts]
        every: dict[str, list[int]] = {}
        for i, words in enumerate(words_of):
            for word in words:
                every.setdefault(word, []).append(i)
        self.vocabulary = every.keys()
        self._stopwords = stopwords
        # Each content word's templates; overlap counts content words only, in characters.
        self._postings = {w: np.array(ids, dtype=np.int32) for w, ids in every.items()
                          if w not in stopwords}
        self._lengths = np.array(
            [sum(len(w) + 1 for w in words if w not in stopwords) + 1 for words in words_of],
            dtype=np.float32)
        self._everything = np.arange(len(texts), dtype=np.int32)

    def score(self, query: str) -> list[tuple[int, float]]:
        """(template index, score in [0, 100]) for the best few templates, best first."""
        words = set(query.split()) - self._stopwords
        postings = [(self._postings[w], len(w) + 1) for w in words if w in self._postings]
        if postings:
            ids = np.concatenate([ids for ids, _ in postings])
            weights = np.repeat(np.array([n for _, n in postings], dtype=np.float32),
                                [len(ids) for ids, _ in postings])
            # One C call sums, per template, the characters of the words it shares.
            shared_all = np.bincount(ids, weights=weights, minlength=len(self.texts))
            candidates = np.flatnonzero(shared_all > 0)
            shared = shared_all[candidates]
        else:
            candidates = self._everything
            shared = np.zeros(len(candidates), dtype=np.float32)
        lengths = self._lengths[candidates]
        own = sum(len(w) + 1 for w in words) + 1
        overlap = 200 * np.maximum(shared / (shared + lengths), shared / (shared + own))
        if len(candidates) > SHORTLIST:
            keep = np.argpartition(-overlap, SHORTLIST)[:SHORTLIST]
            candidates, overlap = candidates[keep], overlap[keep]
        chosen = candidates.tolist()
        ratios = process.cdist([query], [self.texts[i] for i in chosen],
                               scorer=fuzz.ratio, workers=1)[0]
        final = 0.5 * ratios + 0.5 * overlap
        order = np.argsort(-final, kind="stable")
        return list(zip(candidates[order].tolist(), final[order].tolist()))
