"""The intent reader: which intent a sentence read in context asks for, learnt from the templates.

The nearest template in context (context_index.py) judges a line by the one template it most
resembles, so a need said in words no template has ("we hear the words but miss what the
other means") is decided by whichever template happens to share a few of them. A linear
classifier (softmax regression, linear.py) over the MiniLM rows of all templates learns what
each intent's templates have in common instead, and what the known off-topic requests
(`none.yaml`) have in common: it is the reading the matcher blends in for lines the fast match
is unsure of. Need-or-situation templates (`indirect: true`) count more, and each intent's
weight is tempered by its size, so an intent with hundreds of templates does not win every
doubt. Crisis templates are left out: the crisis checks decide crises before.

Training takes about ten seconds of one core and happens once, right after the contextual rows
of the templates are computed; the weights are cached beside them, keyed by the templates and
the settings.
"""

import hashlib

import numpy as np

from assistant.understanding.catalogue import cache_dir, keep_in_cache
from assistant.understanding.contextual import MODEL_PACKAGE
from assistant.understanding.linear import Softmax, train_softmax

LEFT_OUT = frozenset({"safety.crisis"})  # decided by the crisis checks, never by this reader
INDIRECT_WEIGHT = 3.0  # a need-or-situation template counts this many plain requests
SIZE_TEMPER = 0.5  # each template's weight divided by (its intent's templates) ** this
L2 = 1e-5
EPOCHS = 600
KEEP_CACHES = 4  # trained readers kept in the cache directory
VERSION = 2  # bump when training changes in a way the key below does not see


class IntentReader:
    """Intent probabilities for MiniLM rows, in the order of the intents it was given."""

    def __init__(self, model: Softmax, columns: np.ndarray, intents: int):
        self._model = model
        self._columns = columns  # class k -> its position in the caller's intent order
        self._intents = intents

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """Per row, each intent's probability (0 for the intents left out)."""
        out = np.zeros((len(rows), self._intents), dtype=np.float32)
        out[:, self._columns] = self._model.probabilities(rows)
        return out


def _train(rows: np.ndarray, row_intents: list[str], indirect: list[bool],
           order: list[str]) -> tuple[Softmax, np.ndarray]:
    taught = [k for k, intent in enumerate(row_intents) if intent not in LEFT_OUT]
    classes = [intent for intent in order if intent not in LEFT_OUT]
    number = {intent: k for k, intent in enumerate(classes)}
    labels = np.array([number[row_intents[k]] for k in taught])
    sizes = np.bincount(labels, minlength=len(classes)).astype(np.float64)
    weight = np.where([indirect[k] for k in taught], INDIRECT_WEIGHT, 1.0) / sizes[labels] ** SIZE_TEMPER
    model = train_softmax(rows[taught], labels, len(classes), weight, L2, EPOCHS)
    return model, np.array([order.index(intent) for intent in classes], dtype=np.int64)


def load_intent_reader(rows: np.ndarray, texts: list[str], row_intents: list[str],
                       indirect: list[bool], order: list[str]) -> IntentReader:
    """The reader trained on these contextual template rows (their texts, intents and indirect
    marks alongside), with probabilities in `order` (the caller's intents); from the cache
    when it is there and intact."""
    digest = hashlib.sha256(
        f"{VERSION} {MODEL_PACKAGE} {INDIRECT_WEIGHT} {SIZE_TEMPER} {L2} {EPOCHS}".encode())
    digest.update(("\0".join(order) + "\n").encode())
    digest.update("".join(f"{intent}\t{mark:d}\t{text}\n"  # as one update per template
                          for text, intent, mark in zip(texts, row_intents, indirect)).encode())
    path = cache_dir() / f"intent-reader-{digest.hexdigest()[:24]}.npz"
    try:
        with np.load(path) as cached:
            return IntentReader(Softmax(cached["weights"], cached["bias"]), cached["columns"],
                                len(order))
    except (OSError, ValueError, KeyError):
        pass  # not trained yet, or a damaged file: train afresh
    model, columns = _train(rows, row_intents, indirect, order)
    keep_in_cache(path, lambda to: np.savez(to, weights=model.weights, bias=model.bias,
                                            columns=columns), "intent-reader-*.npz", KEEP_CACHES)
    return IntentReader(model, columns, len(order))
