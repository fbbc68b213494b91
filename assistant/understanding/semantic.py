"""Sentence meaning from a small embedding model, offline: WordLlama's bundled `l2_supercat`.

The wheel of `wordllama` carries its 256-dimension weights (16 MB) and tokenizer, so nothing is
ever downloaded: the model is loaded from the package's own folder with downloads disabled (its
own lookup of the bundled tokenizer misses the folder otherwise). An embedding is the mean of
token vectors, so a sentence costs microseconds and meaning survives rewording ("counselor" is
near "therapist", "pills" near "overdose").
"""

import logging
from functools import cache
from pathlib import Path

import numpy as np

from assistant.errors import ModelError

MODEL = "l2_supercat"  # the one configuration whose weights ship inside the wheel
DIMENSIONS = 256
REINSTALL = ".venv/bin/pip install --force-reinstall 'wordllama==0.4.0.post1'"


class SemanticModel:
    """Embeds sentences as L2-normalised float32 rows; cosine similarity is a dot product."""

    def __init__(self, inference):
        self._inference = inference

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit-length row per text (an empty text gets a zero row: similar to nothing)."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        rows = self._inference.embed(list(texts), norm=False, batch_size=256)
        lengths = np.linalg.norm(rows, axis=1, keepdims=True)
        np.divide(rows, lengths, out=rows, where=lengths > 0)
        rows[lengths[:, 0] == 0] = 0.0
        return rows.astype(np.float32, copy=False)

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity of two sentences' meanings, in [-1, 1]."""
        first, second = self.embed([a, b])
        return float(first @ second)


def _import_wordllama():
    """wordllama configures the root logger when imported; undo that so Hearth's logging and
    stderr stay as they were."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import wordllama
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    return wordllama


@cache
def load_semantic() -> SemanticModel:
    """The bundled embedding model (loaded once per process); a clear ModelError if missing."""
    try:
        wordllama = _import_wordllama()
    except ImportError as exc:
        raise ModelError(f"the meaning model (wordllama) is not installed; install it: {REINSTALL}"
                         ) from exc
    folder = Path(wordllama.__file__).parent
    try:
        inference = wordllama.WordLlama.load(MODEL, cache_dir=folder, dim=DIMENSIONS,
                                             disable_download=True)
    except (FileNotFoundError, OSError, ValueError, KeyError) as exc:
        raise ModelError(f"the meaning model's files are missing or damaged ({exc}); "
                         f"reinstall it: {REINSTALL}", str(folder)) from exc
    return SemanticModel(inference)
