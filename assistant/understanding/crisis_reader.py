"""The crisis guard's reader of meaning in context: what the phrase lists cannot foresee.

Phrase lists catch what was written down; people say "i've got enough saved up to make sure
this time" or "he makes me ask before i eat". This reader is a linear classifier (softmax
regression over the six concerns, "none" among them) on top of the MiniLM sentence encoder
(contextual.py), trained on `intents/_crisis_corpus.tsv` (thousands of crisis phrasings and
everyday lines that share their words), the catalogue's crisis examples, every need-or-situation
template and a fixed sample of the plain requests, so that what people ask Hearth stays "none".

Training takes about twenty seconds and happens once: the weights are cached beside the
catalogue, keyed by everything they were trained on. Reading one utterance costs about 5 ms, so
a cheap first look decides who gets read: the same classifier trained on WordLlama vectors (which
the matcher has computed anyway), with a threshold low enough to pass 99.6% of the corpus's
crisis lines in cross-validation. Long answers are also read clause by clause, so one heavy sentence
inside a rambling answer is not averaged away.
"""

import hashlib
import random
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.understanding.catalogue import cache_dir, keep_in_cache


CONCERNS = ("none", "self_harm", "abuse", "violence", "partner_at_risk", "support_other")
ALARM = 0.6  # probability of any concern at which the reader raises the alarm (see README)
NEAREST = 0.40  # ... and only when some crisis example is at least this alike (cosine)
ECHO = 0.75  # a line this alike to a crisis example counts whatever the classifier says ...
ECHO_MARGIN = 0.05  # ... when no everyday example is as alike (within this margin)
FIRST_LOOK = 0.05  # the WordLlama classifier's probability that earns a full reading
TEMPLATE_SAMPLE = 1500  # plain request templates taught as "none"
CRISIS_WEIGHT = 2.0  # a crisis example counts double: a miss is worse than a false alarm
L2 = 1e-4
EPOCHS = 300
STEP = 0.05
CLAUSE_WORDS = 12  # answers longer than this are also read clause by clause
CLAUSE_BREAKS = re.compile(
    r"\b(?:but|and then|because|so|though|although|anyway|honestly)\b|[,.;!?]")
CORPUS = "_crisis_corpus.tsv"  # in the intents folder
KEEP_CACHES = 3  # trained readers kept in the cache directory
VERSION = 5  # bump when training changes in a way the key below does not see


@dataclass
class _Softmax:
    weights: np.ndarray
    bias: np.ndarray

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        z = rows @ self.weights + self.bias
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)


def train_softmax(rows: np.ndarray, labels: np.ndarray) -> _Softmax:
    """Softmax regression by Adam on the full batch (a few thousand rows: seconds)."""
    count = len(CONCERNS)
    targets = np.eye(count)[labels]
    sample_weight = np.where(labels == 0, 1.0, CRISIS_WEIGHT)
    sample_weight /= sample_weight.sum()
    params = [np.zeros((rows.shape[1], count)), np.zeros(count)]
    first = [np.zeros_like(p) for p in params]
    second = [np.zeros_like(p) for p in params]
    for step in range(1, EPOCHS + 1):
        model = _Softmax(*params)
        error = (model.probabilities(rows) - targets) * sample_weight[:, None]
        grads = [rows.T @ error + L2 * params[0], error.sum(axis=0)]
        for p, g, m, v in zip(params, grads, first, second):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            p -= STEP * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
    return _Softmax(params[0].astype(np.float32), params[1].astype(np.float32))


def clauses(text: str) -> list[str]:
    """The text, and for a long one its clauses of four words or more."""
    if len(text.split()) <= CLAUSE_WORDS:
        return [text]
    parts = [p.strip() for p in CLAUSE_BREAKS.split(text)]
    return [text] + [p for p in parts if len(p.split()) >= 4 and p != text]


class CrisisReader:
    """Reads utterances for danger by their meaning; see the module docstring."""

    def __init__(self, load_contextual, first_look: _Softmax, reader: _Softmax,
                 examples: np.ndarray, labels: np.ndarray):
        self._load_contextual = load_contextual  # called on the first reading: 0.3 s to load
        self._first_look = first_look
        self._reader = reader
        # The training lines' embeddings and concerns. A line unlike every crisis example
        # ("config.toml", "that makes sense") is outside what the classifier learnt, whatever
        # it says of it; a line that echoes one closely ("i hurt myself again in the bathroom"
        # after "i hurt myself again last night") counts even where the linear classifier is
        # unsure (cross-validated on the corpus: 1.1 points of recall for 0.2 of alarms).
        self._crisis_rows = np.ascontiguousarray(examples[labels != 0])
        self._crisis_labels = labels[labels != 0]
        self._everyday_rows = np.ascontiguousarray(examples[labels == 0])

    def worth_reading(self, wordllama_rows: np.ndarray) -> np.ndarray:
        """Per row, whether the cheap look sees any chance of danger."""
        return 1.0 - self._first_look.probabilities(wordllama_rows)[:, 0] >= FIRST_LOOK

    def read(self, normalised_texts: list[str]) -> list[tuple[str, float]]:
        """Per text, its most likely concern and the probability that it speaks of danger at
        all (the highest over the text and its clauses)."""
        pieces, owners = [], []
        for k, text in enumerate(normalised_texts):
            for piece in clauses(text):
                pieces.append(piece)
                owners.append(k)
        if not pieces:
            return []
        rows = self._load_contextual().embed_many(pieces)
        probabilities = self._reader.probabilities(rows)
        alike = rows @ self._crisis_rows.T
        nearest, nearest_at = alike.max(axis=1), alike.argmax(axis=1)
        everyday = (rows @ self._everyday_rows.T).max(axis=1)
        best: list[tuple[str, float]] = [("none", 0.0)] * len(normalised_texts)
        for owner, p, near, at, plain in zip(owners, probabilities, nearest.tolist(),
                                             nearest_at.tolist(), everyday.tolist()):
            risk = float(1.0 - p[0]) if near >= NEAREST else 0.0
            concern = CONCERNS[1 + int(p[1:].argmax())]
            if near >= ECHO and near - plain >= ECHO_MARGIN and near > risk:
                risk, concern = near, CONCERNS[int(self._crisis_labels[at])]
            if risk > best[owner][1]:
                best[owner] = (concern, risk)
        return best


def read_corpus(path: Path) -> list[tuple[str, str]]:
    """(utterance, concern) rows of a corpus file; '#' lines and the header are skipped."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("utterance\t"):
            continue
        text, _, concern = line.partition("\t")
        if concern not in CONCERNS:
            raise ValueError(f"{path.name} line {number}: unknown concern {concern!r}")
        rows.append((text, concern))
    return rows


def training_rows(catalogue, corpus: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Everything the reader learns from, normalised, in a fixed order."""
    from assistant.understanding.normalise import normalise

    rows = [(normalise(text), concern) for text, concern in corpus]
    rows += [(s, concern) for concern, sentences in catalogue.crisis_examples.items()
             for s in sentences]
    # Every need or situation template ("i need to look after myself") is taught as "none":
    # those are what people say to Hearth that sits closest to crisis talk. Of the plain
    # requests, a fixed sample is enough.
    ordinary = [t for t in catalogue.templates if t.intent != "safety.crisis"]
    rows += [(t.text, "none") for t in ordinary if t.indirect]
    direct = [t for t in ordinary if not t.indirect]
    rows += [(t.text, "none")
             for t in random.Random(1).sample(direct, min(TEMPLATE_SAMPLE, len(direct)))]
    return [(text, concern) for text, concern in rows if text]


def _fingerprint(folder: Path) -> str:
    """What a trained reader depends on: the intents files, the corpus and the settings."""
    digest = hashlib.sha256(f"{VERSION} {L2} {EPOCHS} {TEMPLATE_SAMPLE}".encode())
    for path in sorted(folder.glob("*.yaml")) + [folder / CORPUS]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def load_crisis_reader(semantic) -> CrisisReader:
    """The trained reader, from the cache when it is there and intact. It always learns from
    Hearth's own catalogue and corpus: the guard is Hearth's, whatever intents are loaded."""
    from assistant.paths import intents_dir
    from assistant.understanding.catalogue import load_catalogue
    from assistant.understanding.contextual import load_contextual

    folder = intents_dir()
    path = cache_dir() / f"crisis-reader-{_fingerprint(folder)}.npz"
    try:
        with np.load(path) as cached:
            return CrisisReader(load_contextual, _Softmax(cached["fw"], cached["fb"]),
                                _Softmax(cached["rw"], cached["rb"]), cached["examples"],
                                cached["labels"])
    except (OSError, ValueError, KeyError):
        pass  # not trained yet, or a damaged file: train afresh
    rows = training_rows(load_catalogue(folder), read_corpus(folder / CORPUS))
    texts = [text for text, _ in rows]
    labels = np.array([CONCERNS.index(concern) for _, concern in rows])
    first_look = train_softmax(semantic.embed(texts), labels)
    examples = load_contextual().embed_many(texts)
    reader = train_softmax(examples, labels)
    keep_in_cache(path, lambda to: np.savez(to, fw=first_look.weights, fb=first_look.bias,
                                            rw=reader.weights, rb=reader.bias,
                                            examples=examples, labels=labels),
                  "crisis-reader-*.npz", KEEP_CACHES)
    return CrisisReader(load_contextual, first_look, reader, examples, labels)
