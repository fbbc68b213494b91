"""The crisis guard's reader of meaning in context: what the phrase lists cannot foresee.

Phrase lists catch what was written down; people say "i've got enough saved up to make sure
this time" or "he makes me ask before i eat". This reader is three small averaged networks
(one hidden layer under a softmax over the six concerns, "none" among them) on top of the
MiniLM sentence encoder (contextual.py), trained on `intents/_crisis_corpus.tsv` (thousands of
crisis phrasings and everyday lines that share their words), the catalogue's crisis examples,
and `intents/_crisis_requests.tsv` (every need-or-situation template and a fixed sample of the
plain requests, written out once), so that what people ask Hearth stays "none".

Training takes a few minutes of CPU and happens once: the weights are cached beside the
catalogue, keyed by everything they were trained on. Reading one utterance costs about 5 ms, so
a cheap first look decides who gets read: a softmax regression trained on WordLlama vectors (which
the matcher has computed anyway), with a threshold low enough to pass 99.6% of the corpus's
crisis lines in cross-validation. Long answers are also read clause by clause, so one heavy sentence
inside a rambling answer is not averaged away.
"""

import hashlib
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.understanding.catalogue import cache_dir, keep_in_cache
from assistant.understanding.linear import Softmax, adam, train_softmax
from assistant.understanding.normalise import normalise


CONCERNS = ("none", "self_harm", "abuse", "violence", "partner_at_risk", "support_other")
ALARM = 0.5  # probability of any concern at which the reader raises the alarm (see README)
# ... in a line where a harmless reading was recognised ("he beat me at chess", "my blood
# pressure pills", "if we break up"): read all the same, since the harmless words may sit beside
# a crisis ("i've stopped taking my heart meds on purpose", "if i break up with him he'll send my
# nudes to my dad"), but at a higher bar (cross-validated, folds by source: 18 more crisis lines
# caught of 4,541 than leaving them unread, 20 more everyday lines of 5,617 alarmed; read at
# the usual bar: 24 and 27 more)
HARMLESS_ALARM = 0.8
CONFIRM = 0.1  # ... at which it confirms a phrase that is also everyday talk (crisis.py)
NEAREST = 0.40  # ... and only when some crisis example is at least this alike (cosine)
ECHO = 0.75  # a line this alike to a crisis example counts whatever the classifier says ...
ECHO_MARGIN = 0.05  # ... when no everyday example is as alike (within this margin)
FIRST_LOOK = 0.05  # the WordLlama classifier's probability that earns a full reading
# Plain request templates taught as "none": those whose text hashes under this fraction (about
# 1,500 of 18,100). Chosen by the text alone, so adding or editing one template changes only its
# own row of the training set, never which others are drawn.
TEMPLATE_SHARE = 0.083
CRISIS_WEIGHT = 2.0  # a crisis example counts double: a miss is worse than a false alarm
L2 = 1e-4
EPOCHS = 300  # the first look's training
STEP = 0.05
HIDDEN = 128  # the reader's hidden units (cross-validated: 64 caught fewer at more alarms)
NETWORK_EPOCHS = 500
NETWORK_STEP = 0.01
NETWORKS = 3  # averaged (cross-validated: the same recall, fewer alarms on ordinary requests)
CLAUSE_WORDS = 12  # answers longer than this are also read clause by clause
# Where a long answer is cut, in the words as said (normalising drops the punctuation): people
# tell a crisis as one more item of their day ("work was fine, we had tea, and i've stopped my
# heart tablets so it'll look natural"), and read whole, the ordinary items drown it. Cutting
# at "and", "then", "when" and "while" as well as at punctuation caught 31 more of the 911
# crisis lines of sets 9-11 that the guard missed, for 12 more alarms on their 1,310 everyday
# lines (the reader of set 11's scoring, before it learnt from those sets).
CLAUSE_BREAKS = re.compile(
    r"[,.;:!?]|\b(?:but|and|then|because|so|though|although|anyway|honestly|while|when)\b",
    re.IGNORECASE)
CORPUS = "_crisis_corpus.tsv"  # in the intents folder
REQUESTS = "_crisis_requests.tsv"  # ... and the requests it learns as "none" (requests_taught)
CRISIS_PHRASES = "_crisis.yaml"  # ... and the catalogue file with the crisis examples
KEEP_CACHES = 3  # trained readers kept in the cache directory
VERSION = 9  # bump when training changes in a way the key below does not see


@dataclass
class _Network:
    """One hidden layer of rectified units under the softmax. A straight line through MiniLM's
    space cannot keep "he hit me" apart from "he hit me with the worst pun"; one bend can
    (cross-validated, folds by source: at the same 5% of everyday lines alarmed, 79% of crisis
    lines caught instead of 69%)."""
    hidden: np.ndarray
    hidden_bias: np.ndarray
    out: Softmax

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        return self.out.probabilities(np.maximum(rows @ self.hidden + self.hidden_bias, 0.0))


@dataclass
class _Networks:
    """A few networks started from different seeds, their probabilities averaged: one network
    alone can be sure of danger in a line unlike anything it learnt ("it's just me, Robin"),
    and each one differently."""
    members: list[_Network]

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        return np.mean([m.probabilities(rows) for m in self.members], axis=0)

    def arrays(self) -> dict[str, np.ndarray]:
        return {"hw": np.stack([m.hidden for m in self.members]),
                "hb": np.stack([m.hidden_bias for m in self.members]),
                "rw": np.stack([m.out.weights for m in self.members]),
                "rb": np.stack([m.out.bias for m in self.members])}

    @classmethod
    def from_arrays(cls, a) -> "_Networks":
        return cls([_Network(hw, hb, Softmax(rw, rb))
                    for hw, hb, rw, rb in zip(a["hw"], a["hb"], a["rw"], a["rb"])])


def _targets(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One-hot targets and per-row weights (a crisis line counts CRISIS_WEIGHT times)."""
    targets = np.eye(len(CONCERNS), dtype=np.float32)[labels]
    weight = np.where(labels == 0, 1.0, CRISIS_WEIGHT).astype(np.float32)
    return targets, weight / weight.sum()


def train_first_look(rows: np.ndarray, labels: np.ndarray) -> Softmax:
    """Softmax regression (the first look: a few thousand rows, seconds)."""
    weight = np.where(labels == 0, 1.0, CRISIS_WEIGHT)
    return train_softmax(rows, labels, len(CONCERNS), weight, L2, EPOCHS, STEP)


def train_networks(rows: np.ndarray, labels: np.ndarray) -> _Networks:
    """The reader: NETWORKS small networks, seeded, so the same data gives the same reader."""
    return _Networks([train_network(rows, labels, seed) for seed in range(NETWORKS)])


def train_network(rows: np.ndarray, labels: np.ndarray, seed: int) -> _Network:
    """One small network, started from `seed`."""
    rows = rows.astype(np.float32)
    targets, weight = _targets(labels)
    rng = np.random.default_rng(seed)
    width = rows.shape[1]
    params = [rng.normal(0, np.sqrt(2 / width), (width, HIDDEN)).astype(np.float32),
              np.zeros(HIDDEN, np.float32),
              rng.normal(0, np.sqrt(1 / HIDDEN), (HIDDEN, len(CONCERNS))).astype(np.float32),
              np.zeros(len(CONCERNS), np.float32)]

    def gradients(p):
        before = rows @ p[0] + p[1]
        after = np.maximum(before, 0.0)
        error = (Softmax(p[2], p[3]).probabilities(after) - targets) * weight[:, None]
        back = (error @ p[2].T) * (before > 0)
        return [rows.T @ back + L2 * p[0], back.sum(axis=0),
                after.T @ error + L2 * p[2], error.sum(axis=0)]
    adam(params, gradients, NETWORK_EPOCHS, NETWORK_STEP)
    return _Network(params[0], params[1], Softmax(params[2], params[3]))


def clauses(text: str, said: str | None = None) -> list[str]:
    """The normalised text, and for a long one its clauses of four words or more, cut where
    the words as said (`said`, when given) have punctuation or a joining word."""
    if len(text.split()) <= CLAUSE_WORDS:
        return [text]
    parts = [normalise(p) for p in CLAUSE_BREAKS.split(text if said is None else said)]
    found = [text]
    for part in parts:
        if len(part.split()) >= 4 and part not in found:
            found.append(part)
    return found


@dataclass(frozen=True)
class Reading:
    """What the reader made of one utterance."""
    concern: str  # the most likely concern other than "none"
    danger: float  # the probability that it speaks of any concern
    echo: bool = False  # it closely echoes one crisis line of the corpus (the concern is its)
    # the danger that raises the alarm (HARMLESS_ALARM beside a harmless reading)
    bar: float = ALARM

    def alarms(self) -> bool:
        return self.echo or self.danger >= self.bar

    def confirms(self) -> bool:
        """Enough to confirm a crisis phrase that is also everyday talk (see crisis.py)."""
        return self.echo or self.danger >= CONFIRM


class CrisisReader:
    """Reads utterances for danger by their meaning; see the module docstring."""

    def __init__(self, load_contextual, first_look: Softmax, reader: _Networks,
                 examples: np.ndarray, labels: np.ndarray):
        self._load_contextual = load_contextual  # called on the first reading: 0.3 s to load
        self._first_look = first_look
        self._reader = reader
        # The training lines' embeddings (`crisis_first`) and concerns. A line unlike every
        # crisis example ("config.toml", "that makes sense") is outside what the classifier
        # learnt, whatever it says of it; a line that echoes one closely ("i hurt myself again
        # in the bathroom" after "i hurt myself again last night") counts even where the linear
        # classifier is unsure (cross-validated on the corpus: 1.1 points of recall for 0.2 of
        # alarms).
        crisis = int(np.count_nonzero(labels))
        self._crisis_rows = examples[:crisis]
        self._crisis_labels = labels[labels != 0]
        self._everyday_rows = examples[crisis:]

    def worth_reading(self, wordllama_rows: np.ndarray) -> np.ndarray:
        """Per row, whether the cheap look sees any chance of danger."""
        return 1.0 - self._first_look.probabilities(wordllama_rows)[:, 0] >= FIRST_LOOK

    def read(self, normalised_texts: list[str], said: list[str] | None = None) -> list[Reading]:
        """Per text, its most likely concern and the probability that it speaks of danger at
        all (the highest over the text and its clauses), or a close echo of a crisis line.
        `said`, the same texts as typed or transcribed, tells where their clauses break."""
        pieces, owners = [], []
        for k, text in enumerate(normalised_texts):
            for piece in clauses(text, None if said is None else said[k]):
                pieces.append(piece)
                owners.append(k)
        if not pieces:
            return []
        rows = self._load_contextual().embed_many(pieces)
        probabilities = self._reader.probabilities(rows)
        alike = rows @ self._crisis_rows.T
        nearest, nearest_at = alike.max(axis=1), alike.argmax(axis=1)
        everyday = (rows @ self._everyday_rows.T).max(axis=1)
        best = [Reading("none", 0.0)] * len(normalised_texts)
        for owner, p, near, at, plain in zip(owners, probabilities, nearest.tolist(),
                                             nearest_at.tolist(), everyday.tolist()):
            risk = float(1.0 - p[0]) if near >= NEAREST else 0.0
            reading = Reading(CONCERNS[1 + int(p[1:].argmax())], risk)
            if near >= ECHO and near - plain >= ECHO_MARGIN:
                reading = Reading(CONCERNS[int(self._crisis_labels[at])], max(risk, near), True)
            if (reading.echo, reading.danger) > (best[owner].echo, best[owner].danger):
                best[owner] = reading
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


def training_rows(catalogue, corpus: list[tuple[str, str]],
                  requests: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Everything the reader learns from, normalised, in a fixed order. `requests` are the
    ordinary requests taught as "none" (`REQUESTS`), already in the catalogue's normal form."""
    rows = [(normalise(text), concern) for text, concern in corpus]
    rows += [(s, concern) for concern, sentences in catalogue.crisis_examples.items()
             for s in sentences]
    rows += requests
    return [(text, concern) for text, concern in rows if text]


def requests_taught(catalogue) -> list[tuple[str, str]]:
    """The ordinary requests a catalogue would teach as "none": every need or situation
    template ("i need to look after myself"), those being what people say to Hearth that sits
    closest to crisis talk, and of the plain requests a share chosen by a hash of their text.
    Both in sorted order and once each. `REQUESTS` holds this list as it was written out, so
    that editing a template never retrains the guard (a retrained reader moves everywhere: 40
    new request templates once carried a long spoken thanks over the alarm bar)."""
    ordinary = [t for t in catalogue.templates if t.intent != "safety.crisis"]
    rows = [(text, "none") for text in sorted({t.text for t in ordinary if t.indirect})]
    rows += [(text, "none") for text in sorted({t.text for t in ordinary if not t.indirect})
             if _drawn(text)]
    return rows


def _drawn(text: str) -> bool:
    """Whether a plain template is among those taught (a stable hash of its text alone)."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") < TEMPLATE_SHARE * 2 ** 64


def _fingerprint(folder: Path) -> str:
    """What a trained reader depends on: the crisis files and the settings (not the request
    templates: see `requests_taught`)."""
    digest = hashlib.sha256(f"{VERSION} {L2} {EPOCHS} {HIDDEN} "
                            f"{NETWORK_EPOCHS} {NETWORK_STEP} {NETWORKS}".encode())
    for path in (folder / CRISIS_PHRASES, folder / CORPUS, folder / REQUESTS):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def crisis_first(examples: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """The training rows of crisis lines, then those of everyday lines, each in training
    order: the two blocks `CrisisReader` compares a reading with, contiguous in one array."""
    return np.ascontiguousarray(np.concatenate([examples[labels != 0], examples[labels == 0]]),
                                dtype=np.float32)


def load_crisis_reader(semantic) -> CrisisReader:
    """The trained reader, from the cache when it is there and intact. It always learns from
    Hearth's own catalogue and corpus: the guard is Hearth's, whatever intents are loaded.

    The training lines' rows (25 MB) are also kept apart as .npy (crisis lines first), mapped
    into memory: a start that reads no line for danger reads none of them, and one that does
    finds them ready to compare with (reading them out of the .npz, with its checksum, and
    splitting them cost 0.05 s of every start)."""
    from assistant.paths import intents_dir
    from assistant.understanding.catalogue import load_catalogue, read_array
    from assistant.understanding.contextual import DIMENSIONS, load_contextual

    folder = intents_dir()
    key = _fingerprint(folder)
    path = cache_dir() / f"crisis-reader-{key}.npz"
    rows_path = cache_dir() / f"crisis-examples-{key}.npy"
    try:
        with np.load(path) as cached:
            labels = cached["labels"]
            examples = read_array(rows_path, (len(labels), DIMENSIONS))
            if examples is None:  # a reader trained before they were kept apart, or damaged
                examples = crisis_first(cached["examples"], labels)
                keep_in_cache(rows_path, lambda to: np.save(to, examples),
                              "crisis-examples-*.npy", KEEP_CACHES)
            return CrisisReader(load_contextual, Softmax(cached["fw"], cached["fb"]),
                                _Networks.from_arrays(cached), examples, labels)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        pass  # not trained yet, or a damaged file: train afresh
    rows = training_rows(load_catalogue(folder), read_corpus(folder / CORPUS),
                         read_corpus(folder / REQUESTS))
    texts = [text for text, _ in rows]
    labels = np.array([CONCERNS.index(concern) for _, concern in rows])
    first_look = train_first_look(semantic.embed(texts), labels)
    examples = load_contextual().embed_many(texts)
    reader = train_networks(examples, labels)
    keep_in_cache(path, lambda to: np.savez(to, fw=first_look.weights, fb=first_look.bias,
                                            **reader.arrays(),
                                            examples=examples, labels=labels),
                  "crisis-reader-*.npz", KEEP_CACHES)
    examples = crisis_first(examples, labels)
    keep_in_cache(rows_path, lambda to: np.save(to, examples), "crisis-examples-*.npy",
                  KEEP_CACHES)
    return CrisisReader(load_contextual, first_look, reader, examples, labels)
