"""Vosk: the more accurate engine, used when a Vosk model is configured or found on disk.

The model path is always explicit: the library is never allowed to look one up or download it.
"""

import json
import logging
import threading
import time
from pathlib import Path

import numpy as np

from assistant.errors import ModelError
from assistant.speech.grammar import spoken_words
from assistant.speech.models import vosk_model_problem
from assistant.speech.transcript import Mode, Transcript

logger = logging.getLogger(__name__)

NAME = "vosk"
_RATE = 16000


class VoskRecognizer:
    """Both modes on one loaded Vosk model."""

    name = NAME

    def __init__(self, model_path: Path, vocabulary: set[str] | None = None):
        problem = vosk_model_problem(model_path)
        if problem:
            raise ModelError(
                f"the Vosk model {problem}; run `hearth models download` to fetch a complete "
                "one, or set 'vosk_model' in the config file", str(model_path)
            )
        import vosk

        vosk.SetLogLevel(-1)
        started = time.perf_counter()
        try:
            self._model = vosk.Model(model_path=str(model_path))
        except Exception as exc:  # vosk raises a bare Exception when Kaldi rejects the files
            raise ModelError(
                f"the Vosk model could not be loaded ({exc}); delete it and run "
                "`hearth models download`", str(model_path)
            ) from exc
        self._vosk = vosk
        self.load_seconds = time.perf_counter() - started
        if vocabulary is None:
            from assistant.understanding.catalogue import load_catalogue

            vocabulary = {w for word in load_catalogue().vocabulary() for w in spoken_words(word)}
        known = sorted(w for w in vocabulary if self._model.vosk_model_find_word(w) != -1)
        # "[unk]" lets speech outside the catalogue through instead of forcing it into words.
        self._grammar = json.dumps([" ".join(known), "[unk]"])
        self._lock = threading.Lock()
        logger.info("vosk model %s loaded in %.2f s", model_path, self.load_seconds)

    def _recognizer(self, mode: Mode):
        if mode == "command":
            return self._vosk.KaldiRecognizer(self._model, _RATE, self._grammar)
        if mode == "dictation":
            return self._vosk.KaldiRecognizer(self._model, _RATE)
        raise ValueError(f"unknown mode {mode!r}")

    def transcribe(self, audio_16k: np.ndarray, mode: Mode = "command") -> Transcript:
        """Decode one whole utterance (int16, 16 kHz mono)."""
        session = self.stream(mode)
        for start in range(0, len(audio_16k), _RATE):
            session.feed(audio_16k[start:start + _RATE])
        return session.finish()

    def stream(self, mode: Mode = "command") -> "VoskSession":
        """Start one utterance; feed it chunks as they arrive."""
        return VoskSession(self._recognizer(mode), mode)


class VoskSession:
    """One utterance decoded while it is spoken; Vosk may close segments at pauses on its own."""

    def __init__(self, recognizer, mode: Mode):
        self._rec = recognizer
        self._rec.SetWords(True)
        self._mode = mode
        self._done: list[str] = []  # segments Vosk already finalised inside this utterance
        self._confidences: list[float] = []
        self._last = ""

    def _take(self, result: str) -> None:
        data = json.loads(result)
        words = [w for w in data.get("result", []) if w.get("word") != "[unk]"]
        text = " ".join(w for w in data.get("text", "").split() if w != "[unk]")
        if text:
            self._done.append(text)
            self._confidences += [float(w.get("conf", 1.0)) for w in words]

    def feed(self, chunk: np.ndarray) -> str | None:
        """Decode more samples; the partial text when it changed, else None."""
        if chunk.dtype != np.int16:
            chunk = (np.clip(chunk, -1.0, 1.0) * 32767).astype(np.int16)
        if self._rec.AcceptWaveform(np.ascontiguousarray(chunk).tobytes()):
            self._take(self._rec.Result())
            partial = ""
        else:
            partial = json.loads(self._rec.PartialResult()).get("partial", "")
        text = " ".join([*self._done, *(w for w in partial.split() if w != "[unk]")])
        if text != self._last:
            self._last = text
            return text
        return None

    def finish(self) -> Transcript:
        """End the utterance and return the final transcript."""
        self._take(self._rec.FinalResult())
        confidence = (
            round(sum(self._confidences) / len(self._confidences), 3) if self._confidences else None
        )
        return Transcript(" ".join(self._done), confidence, True, self._mode, NAME)
