"""Template embeddings in context (MiniLM, contextual.py) for re-ranking uncertain utterances.

WordLlama averages word vectors, so "we pass each other like strangers" and "we should pass
the time together" look alike to it; a sentence encoder reads the words in their sentence and
tells a need ("we feel like housemates") from a request that shares its words. It is too slow
for every utterance (about 5 ms a sentence), so the matcher asks it only when the fast match is
unsure. Its embeddings of the catalogue's kept templates (the same rows as the meaning index)
take half a minute to compute on one core, so they are computed once, on the first uncertain
utterance, and kept in the cache directory beside the meaning index, keyed by the templates.
"""

import hashlib

import numpy as np

from assistant.understanding.catalogue import cache_dir, keep_in_cache, read_array
from assistant.understanding.contextual import DIMENSIONS, MODEL_PACKAGE, ContextualModel
from assistant.understanding.meaning_index import MeaningIndex, as_sentence

KEEP_CACHES = 4  # contextual template-embedding files kept in the cache directory


class ContextIndex:
    """Contextual unit rows aligned with a meaning index's rows: the best template per intent."""

    def __init__(self, rows: np.ndarray, meaning: MeaningIndex):
        self.rows = np.ascontiguousarray(rows, dtype=np.float32)  # a mapped cache: no copy
        self._starts = meaning.group_starts()

    def best_per_intent(self, vector: np.ndarray) -> np.ndarray:
        """For one query row: the highest cosine of each intent's templates, in the meaning
        index's intent order."""
        return np.maximum.reduceat(self.rows @ vector, self._starts)


def load_context_index(meaning: MeaningIndex, texts: list[str],
                       model: ContextualModel) -> ContextIndex:
    """The contextual rows for the meaning index's kept templates, from the cache if intact."""
    kept = [as_sentence(texts[i]) for i in meaning.template_ids]
    digest = hashlib.sha256(MODEL_PACKAGE.encode())
    digest.update(("\n".join(kept) + "\n").encode())  # the digest of one update per text
    path = cache_dir() / f"context-{digest.hexdigest()[:24]}.npy"
    rows = read_array(path, (len(kept), DIMENSIONS))  # mapped: 10 MB not read at every start
    if rows is not None:
        return ContextIndex(rows, meaning)
    rows = model.embed_many(kept)
    keep_in_cache(path, lambda to: np.save(to, rows), "context-*.npy", KEEP_CACHES)
    return ContextIndex(rows, meaning)
