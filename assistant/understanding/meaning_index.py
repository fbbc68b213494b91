"""Template embeddings for the semantic half of the matcher, cached beside the catalogue.

Every expanded template is embedded once (about half a second) and kept as a .npy file in the
cache directory, keyed by a hash of the template texts and the model, so any catalogue edit
rebuilds it. Templates that differ only in filler words ("please", "can we") embed almost the
same; one of each such group is kept, which shrinks the matrix to fit the CPU cache and makes a
search several times faster with the same answers (checked on dev.tsv and the paraphrase sets).
"""

import hashlib
import zipfile

import numpy as np

from assistant.understanding.catalogue import cache_dir, keep_in_cache, read_array
from assistant.understanding.semantic import DIMENSIONS, MODEL, SemanticModel

NEAR_DUPLICATE = 0.86  # templates of one intent at least this alike count as one
INTENTS_SHOWN = 5  # intents whose best template is re-scored with the fuzzy ratio
KEEP_CACHES = 4  # template-embedding files kept in the cache directory


def as_sentence(template_text: str) -> str:
    """A template as the model should read it: the number placeholder N is a number."""
    if "N" not in template_text:  # no placeholder (texts are lowercase): words as they are
        return " ".join(template_text.split())
    return " ".join(["5" if w == "N" else w for w in template_text.split()])


class MeaningIndex:
    """Unit-row embeddings of the (deduplicated) templates, grouped by intent, searched by dot
    product."""

    def __init__(self, rows: np.ndarray, template_ids: np.ndarray, starts: np.ndarray,
                 owner: np.ndarray):
        self.rows = rows  # grouped by intent, intents sorted by ID (see `_grouped`)
        self.template_ids = template_ids  # row -> index into catalogue.templates
        self._starts = starts
        # Each kept template with the near-identical ones it stands for: the fuzzy ratio is
        # taken over all of them, so the exact wording of any template still counts. Kept as
        # the templates sorted by the one standing for them (a stable sort: each group in the
        # catalogue's order), which is ready at once where a dict of lists took 5 ms to build.
        self._by_owner = np.argsort(owner, kind="stable")
        self._owners = owner[self._by_owner]

    def members(self, kept: int) -> list[int]:
        """The templates a kept template stands for (itself among them), in catalogue order."""
        low, high = np.searchsorted(self._owners, (kept, kept + 1))
        return self._by_owner[low:high].tolist()

    def group_starts(self) -> np.ndarray:
        """The first row of each intent's block (rows are grouped by intent, sorted by ID)."""
        return self._starts

    def intent_order(self) -> list[int]:
        """For each intent block, in order, a template index of that block (for its intent)."""
        return self.template_ids[self._starts].tolist()

    def search(self, vectors: np.ndarray,
               intents: int = INTENTS_SHOWN) -> list[tuple[list[int], list[float]]]:
        """For each query row: the best template of each of the `intents` best intents (by
        cosine), as template indices and their cosines, best first."""
        scores = vectors @ self.rows.T
        ends = np.append(self._starts[1:], scores.shape[1])
        # Per intent, for all queries at once: the best row and its score.
        best_rows = np.stack([start + scores[:, start:end].argmax(axis=1)
                              for start, end in zip(self._starts, ends)], axis=1)
        best_scores = np.take_along_axis(scores, best_rows, axis=1)
        leading = np.argsort(-best_scores, axis=1)[:, :intents]
        rows = np.take_along_axis(best_rows, leading, axis=1)
        cosines = np.take_along_axis(best_scores, leading, axis=1)
        return list(zip(self.template_ids[rows].tolist(), cosines.tolist()))


def _deduplicate(rows: np.ndarray, intents: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Rows to keep (one per group of near-identical templates of the same intent) and, for
    every template, the kept template standing for it."""
    intents_arr = np.array(intents)
    keep: list[int] = []
    owner = np.arange(len(rows), dtype=np.int64)
    for intent in sorted(set(intents)):
        ids = np.flatnonzero(intents_arr == intent)
        block = rows[ids]
        kept: list[int] = []
        kept_rows = np.zeros((0, rows.shape[1]), dtype=np.float32)
        for j in range(len(ids)):
            likeness = kept_rows @ block[j]
            if kept and float(likeness.max()) >= NEAR_DUPLICATE:
                owner[ids[j]] = ids[kept[int(likeness.argmax())]]
            else:
                kept.append(j)
                kept_rows = block[kept]
        keep.extend(ids[kept].tolist())
    return np.array(sorted(keep), dtype=np.int64), owner


def _grouped(rows: np.ndarray, template_ids: np.ndarray,
             intents: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The kept rows and their template ids grouped by intent (intents sorted by ID, each in
    catalogue order), and the first row of each group."""
    order = np.argsort(np.array([intents[i] for i in template_ids]), kind="stable")
    ids = template_ids[order]
    grouped = [intents[i] for i in ids]
    starts = np.array([k for k in range(len(grouped)) if k == 0 or grouped[k] != grouped[k - 1]],
                      dtype=np.int64)
    return np.ascontiguousarray(rows[order], dtype=np.float32), ids, starts


def load_meaning_index(texts: list[str], intents: list[str], model: SemanticModel) -> MeaningIndex:
    """The index for these templates, from the cache when it is there and intact: the rows as
    .npy, mapped into memory (a start reads none of it until a search), the ids beside them."""
    digest = hashlib.sha256(f"{MODEL} {NEAR_DUPLICATE}".encode())
    # "intent<TAB>text<NEWLINE>" per template, hashed as one string (the same digest as one
    # update per template, in a tenth of the time: it is computed at every start)
    digest.update(("\n".join(map("\t".join, zip(intents, texts))) + "\n").encode())
    path = cache_dir() / f"wordllama-index-{digest.hexdigest()[:24]}.npz"  # ids, starts, owner
    rows_path = path.with_suffix(".npy")
    try:
        with np.load(path) as cached:
            ids, starts, owner = cached["ids"], cached["starts"], cached["owner"]
        rows = read_array(rows_path, (len(ids), DIMENSIONS))
        if rows is not None and len(owner) == len(texts):
            return MeaningIndex(rows, ids, starts, owner)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        pass  # no cache yet or a damaged one: build afresh
    every = model.embed([as_sentence(t) for t in texts])
    kept, owner = _deduplicate(every, intents)
    rows, ids, starts = _grouped(every[kept], kept, intents)
    keep_in_cache(rows_path, lambda to: np.save(to, rows), "wordllama-index-*.npy", KEEP_CACHES)
    keep_in_cache(path, lambda to: np.savez(to, ids=ids, starts=starts, owner=owner),
                  "wordllama-index-*.npz", KEEP_CACHES)
    return MeaningIndex(rows, ids, starts, owner)
