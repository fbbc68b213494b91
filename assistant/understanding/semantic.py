"""Sentence meaning from a small embedding model, offline: WordLlama's bundled `l2_supercat`.

The wheel of `wordllama` carries its 256-dimension weights (16 MB, safetensors) and its
tokenizer, so nothing is ever downloaded. A WordLlama sentence embedding is the mean of its
tokens' vectors; Hearth reads the two bundled files itself (with `safetensors` and
`tokenizers`, the libraries wordllama uses) instead of importing the `wordllama` package,
because that import alone takes 0.4 s (pydantic models, an HTTP client for downloads) and
configures the root logger; `hearth understand TEXT` must answer in under half a second.
Pooling without padding (one `np.add.reduceat` over all tokens of a batch) is also several
times faster for thousands of lines. The rows equal `WordLlama.embed(texts, norm=True)`
(checked in tests/test_semantic.py when wordllama imports).
"""

import hashlib
import importlib.util
from functools import cache
from pathlib import Path

import numpy as np

from assistant.errors import ModelError

MODEL = "l2_supercat"  # the one configuration whose weights ship inside the wheel
DIMENSIONS = 256
WEIGHTS = f"weights/{MODEL}_{DIMENSIONS}.safetensors"
TOKENIZER = f"tokenizers/{MODEL}_tokenizer_config.json"
TENSOR = "embedding.weight"
REINSTALL = ".venv/bin/pip install --force-reinstall 'wordllama==0.4.0.post1'"


class SemanticModel:
    """Embeds sentences as L2-normalised float32 rows; cosine similarity is a dot product."""

    def __init__(self, vectors: np.ndarray, tokenizer):
        self._vectors = vectors  # token id -> 256 floats
        self._tokenizer = tokenizer

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit-length row per text (a text with no tokens gets a zero row: similar to
        nothing)."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        encoded = self._tokenizer.encode_batch(list(texts), add_special_tokens=False)
        counts = np.fromiter((len(e.ids) for e in encoded), dtype=np.int64, count=len(encoded))
        ids = np.fromiter((i for e in encoded for i in e.ids), dtype=np.int64,
                          count=int(counts.sum()))
        np.clip(ids, 0, len(self._vectors) - 1, out=ids)
        rows = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        present = counts > 0
        if present.any():
            starts = np.concatenate(([0], np.cumsum(counts)[:-1]))[present]
            rows[present] = np.add.reduceat(self._vectors[ids], starts, axis=0)
        # The mean's length would be divided away: normalising the sum gives the same row.
        lengths = np.linalg.norm(rows, axis=1, keepdims=True)
        np.divide(rows, lengths, out=rows, where=lengths > 0)
        return rows

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity of two sentences' meanings, in [-1, 1]."""
        first, second = self.embed([a, b])
        return float(first @ second)


def model_folder() -> Path:
    """The installed wordllama package's folder, found without importing it."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"the meaning model (wordllama) is not installed; install it: {REINSTALL}")
    return Path(next(iter(spec.submodule_search_locations)))


def _vectors(folder: Path, safe_open) -> np.ndarray:
    """The token vectors as float32. The wheel stores them as float16, and reading and widening
    them is 0.05 s of every start; the widened table is kept in the cache directory and mapped
    into memory instead (a line touches a few dozen of its 32,000 rows). Keyed by the weights
    file (its path, size and time), so a reinstalled package is read afresh."""
    from assistant.understanding.catalogue import cache_dir, keep_in_cache, read_array

    source = folder / WEIGHTS
    stat = source.stat()
    key = hashlib.sha256(f"{source} {stat.st_size} {stat.st_mtime_ns}".encode()).hexdigest()[:16]
    path = cache_dir() / f"wordllama-model-{key}.npy"
    vectors = read_array(path, (None, DIMENSIONS))
    if vectors is not None:
        return vectors
    with safe_open(str(source), framework="np") as weights:
        vectors = np.ascontiguousarray(weights.get_tensor(TENSOR), dtype=np.float32)
    if vectors.ndim == 2 and vectors.shape[1] == DIMENSIONS:
        keep_in_cache(path, lambda to: np.save(to, vectors), "wordllama-model-*.npy", 2)
    return vectors


@cache
def load_semantic() -> SemanticModel:
    """The bundled embedding model (loaded once per process); a clear ModelError if missing."""
    folder = model_folder()
    try:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(folder / TOKENIZER))
        tokenizer.no_padding()
        tokenizer.no_truncation()
        vectors = _vectors(folder, safe_open)
    except ImportError as exc:
        raise ModelError(f"a library of the meaning model is missing ({exc.name}); "
                         f"reinstall it: {REINSTALL}") from exc
    except Exception as exc:  # tokenizers and safetensors raise their own exception types
        raise ModelError(f"the meaning model's files are missing or damaged ({exc}); "
                         f"reinstall it: {REINSTALL}", str(folder)) from exc
    if vectors.ndim != 2 or vectors.shape[1] != DIMENSIONS:
        raise ModelError(f"the meaning model's weights have shape {vectors.shape}, expected "
                         f"(vocabulary, {DIMENSIONS}); reinstall it: {REINSTALL}", str(folder))
    return SemanticModel(vectors, tokenizer)
