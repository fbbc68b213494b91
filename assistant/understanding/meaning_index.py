"""Template embeddings for the semantic half of the matcher, cached beside the catalogue.

Every expanded template is embedded once (about half a second) and kept as a .npy file in the
cache directory, keyed by a hash of the template texts and the model, so any catalogue edit
rebuilds it. Templates that differ only in filler words ("please", "can we") embed almost the
same; one of each such group is kept, which shrinks the matrix to fit the CPU cache and makes a
search several times faster with the same answers (checked on dev.tsv and the paraphrase sets).
"""

import hashlib
import logging
import os

import numpy as np

from assistant.understanding.catalogue import cache_dir
from assistant.understanding.semantic import MODEL, SemanticModel

log = logging.getLogger(__name__)

NEAR_DUPLICATE = 0.92  # templates of one intent at least this alike count as one
SHORTLIST = 8  # best templates re-scored with the fuzzy ratio per utterance ...
INTENTS_SHOWN = 5  # ... plus the best template of this many leading intents
KEEP_CACHES = 4  # template-embedding files kept in the cache directory


def as_sentence(template_text: str) -> str:
    """A template as the model should read it: the number placeholder N is a number."""
    return " ".join("5" if w == "N" else w for w in template_text.split())


class MeaningIndex:
    """Unit-row embeddings of the (deduplicated) templates, grouped by intent, searched by dot
    product."""

    def __init__(self, rows: np.ndarray, template_ids: np.ndarray, intents: list[str]):
        order = np.argsort(np.array([intents[i] for i in template_ids]), kind="stable")
        self.rows = np.ascontiguousarray(rows[order], dtype=np.float32)
        self.template_ids = template_ids[order]  # row -> index into catalogue.templates
        grouped = [intents[i] for i in self.template_ids]
        self._starts = np.array([k for k in range(len(grouped))
                                 if k == 0 or grouped[k] != grouped[k - 1]], dtype=np.int64)

    def search(self, vectors: np.ndarray, count: int = SHORTLIST,
               intents: int = INTENTS_SHOWN) -> list[tuple[list[int], np.ndarray]]:
        """For each query row: template indices and their cosines, the `count` best overall
        plus the best of each of the `intents` best intents (so a runner-up is always seen)."""
        scores = vectors @ self.rows.T
        count = min(count, scores.shape[1])
        overall = np.argpartition(-scores, count - 1, axis=1)[:, :count]
        per_intent = np.maximum.reduceat(scores, self._starts, axis=1)
        leading = np.argsort(-per_intent, axis=1)[:, :intents]
        ends = np.append(self._starts[1:], scores.shape[1])
        found = []
        for q in range(len(vectors)):
            rows = set(overall[q].tolist())
            for g in leading[q].tolist():
                start = self._starts[g]
                rows.add(int(start + np.argmax(scores[q, start:ends[g]])))
            picked = sorted(rows)
            found.append(([int(self.template_ids[r]) for r in picked], scores[q, picked]))
        return found


def _deduplicate(rows: np.ndarray, intents: list[str]) -> np.ndarray:
    """Indices of rows to keep: one per group of near-identical templates of the same intent."""
    intents_arr = np.array(intents)
    keep: list[int] = []
    for intent in sorted(set(intents)):
        ids = np.flatnonzero(intents_arr == intent)
        block = rows[ids]
        kept: list[int] = []
        kept_rows = np.zeros((0, rows.shape[1]), dtype=np.float32)
        for j in range(len(ids)):
            if not kept or float((kept_rows @ block[j]).max()) < NEAR_DUPLICATE:
                kept.append(j)
                kept_rows = block[kept]
        keep.extend(ids[kept].tolist())
    return np.array(sorted(keep), dtype=np.int64)


def load_meaning_index(texts: list[str], intents: list[str], model: SemanticModel) -> MeaningIndex:
    """The index for these templates, from the cache when it is there and intact."""
    digest = hashlib.sha256(MODEL.encode())
    for intent, text in zip(intents, texts):
        digest.update(f"{intent}\t{text}\n".encode())
    path = cache_dir() / f"meaning-{digest.hexdigest()[:24]}.npz"
    try:
        with np.load(path) as cached:
            return MeaningIndex(cached["rows"], cached["ids"], intents)
    except (OSError, ValueError, KeyError):
        pass  # no cache yet or a damaged one: build afresh
    rows = model.embed([as_sentence(t) for t in texts])
    ids = _deduplicate(rows, intents)
    index = MeaningIndex(rows[ids], ids, intents)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npz")
        np.savez(temporary, rows=index.rows, ids=index.template_ids)
        temporary.replace(path)  # atomic: a reader never sees half a file
        # Keep the few newest (other catalogues, e.g. a test's, have their own); drop the rest.
        older = sorted(path.parent.glob("meaning-*.npz"), key=lambda f: f.stat().st_mtime)
        for stale in older[:-KEEP_CACHES]:
            stale.unlink(missing_ok=True)
    except OSError as exc:
        log.info("could not cache the template embeddings at %s: %s", path, exc)
    return index

