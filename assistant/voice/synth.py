"""The synthesizer interface, how a reply is cut for streaming, and the espeak-ng engine.

    audio, samplerate = synthesize("Let's begin.", profile)     # float32 mono, 22.05 kHz

`synthesize` speaks with the profile's engine (Piper when installed, see engines.py); the
espeak-ng engine here goes through pyttsx3 into memory (never through pyttsx3's own player).
One pyttsx3 engine serves the whole process (espeak-ng can be initialised only once, and
starting it is the slow part); calls are serialised with a lock, so any thread may synthesize.
`speech_pieces` cuts a reply so the first piece can play while the rest is being made.
"""

from __future__ import annotations

import logging
import re
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np
import soundfile as sf

from assistant.errors import VoiceError
from assistant.voice.profiles import VoiceProfile
from assistant.voice.spoken import NUMBER_END, NUMBER_START

logger = logging.getLogger(__name__)

INSTALL_HINT = "install it with `sudo apt install espeak-ng` (Debian/Ubuntu)"
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[.!?…][\"')\]])\s+|\n+")


class Synthesizer(Protocol):
    """Anything that turns text into mono float32 audio for a voice profile."""

    def synthesize(
        self, text: str, profile: VoiceProfile, slow: bool = False
    ) -> tuple[np.ndarray, int]:
        """Audio for `text` (float32 mono in -1..1) and its sample rate."""
        ...


# A first sentence longer than this is cut at a comma: the first piece is then ready in about
# a third of the time (Piper makes ~7 s of speech in ~0.3 s on one core, ~1.5 s in ~0.07 s).
FIRST_PIECE_CHARS = 60
FIRST_PIECE_MIN_CHARS = 12  # never cut off a stub like "So," that sounds clipped alone
_COMMA = re.compile(r"(?<=[,;:])\s+")


@dataclass(frozen=True)
class Piece:
    """A stretch of a reply synthesized in one go."""

    text: str
    continues: bool = False  # the rest of the sentence before it (cut at a comma)


def split_sentences(text: str) -> list[str]:
    """Cut text into sentences (on . ! ? … and line breaks), dropping empty pieces."""
    return [piece.strip() for piece in _SENTENCE_END.split(text) if piece and piece.strip()]


def speech_pieces(text: str) -> list[Piece]:
    """The reply's sentences, with a long first sentence cut after its first fitting comma."""
    sentences = split_sentences(text)
    if not sentences or len(sentences[0]) <= FIRST_PIECE_CHARS:
        return [Piece(sentence) for sentence in sentences]
    first, rest = sentences[0], sentences[1:]
    for comma in _COMMA.finditer(first):
        before = first[:comma.start()]
        if before.count(NUMBER_START) > before.count(NUMBER_END):
            continue  # never inside a phone number: it is said as one
        if comma.start() >= FIRST_PIECE_MIN_CHARS and len(first) - comma.end() >= 4:
            head, tail = first[:comma.start()], first[comma.end():]
            return [Piece(head), Piece(tail, continues=True), *map(Piece, rest)]
    return [Piece(sentence) for sentence in sentences]


class Pyttsx3Synthesizer:
    """pyttsx3's espeak-ng driver, writing each utterance to a private temporary WAV."""

    def __init__(self) -> None:
        try:
            import pyttsx3

            self._engine = pyttsx3.init()
        except Exception as exc:  # a missing libespeak-ng surfaces as OSError or RuntimeError
            raise VoiceError(f"espeak-ng cannot be used ({exc}); {INSTALL_HINT}") from exc
        # The espeak driver prints "Audio saved to ..." on stdout; route it to the log instead.
        driver_module = sys.modules.get("pyttsx3.drivers.espeak")
        if driver_module is not None:
            driver_module.print = lambda *args, **kwargs: logger.debug(*map(str, args))
        self._lock = threading.Lock()
        self._finished = threading.Event()
        self._errors: list[Exception] = []
        self._engine.connect("finished-utterance", self._on_finished)
        self._engine.connect("error", self._on_error)
        self._tmp = tempfile.TemporaryDirectory(prefix="hearth-tts-")
        self._wav = Path(self._tmp.name) / "utterance.wav"
        self._applied: tuple | None = None  # the settings espeak-ng holds now
        with self._lock:
            # espeak-ng settles its start-up settings during the first utterance; make that
            # one now, so later settings stick and the first reply is not the slow one.
            self._render("Ready.")

    def _on_finished(self, name=None, completed=True) -> None:
        self._finished.set()

    def _on_error(self, name=None, exception=None) -> None:
        self._errors.append(exception)

    def _render(self, text: str) -> tuple[np.ndarray, int]:
        """One utterance through pyttsx3's save_to_file, read back from the WAV (lock held)."""
        self._errors.clear()
        self._finished.clear()
        self._wav.unlink(missing_ok=True)
        self._engine.save_to_file(text, str(self._wav))
        self._engine.runAndWait()
        # runAndWait can return before espeak-ng's thread has written the file.
        finished = self._finished.wait(timeout=30)
        if self._errors:
            raise VoiceError(f"espeak-ng failed ({self._errors[0]}); {INSTALL_HINT}")
        if not finished or not self._wav.exists():
            raise VoiceError(f"espeak-ng produced no audio for {text[:40]!r}; {INSTALL_HINT}")
        audio, samplerate = sf.read(self._wav, dtype="float32", always_2d=False)
        return audio, int(samplerate)

    def _apply(self, profile: VoiceProfile, slow: bool) -> None:
        """Set voice, rate, volume and pitch, and wait until espeak-ng has taken them.

        pyttsx3's public setProperty is queued, and its run loop cancels espeak-ng's command
        queue on the way in, which can silently drop a pending rate change; so the driver's
        setters are called directly and the values read back before synthesis starts.
        """
        espeak = profile.espeak
        wanted = {"rate": espeak.exercise_rate if slow else espeak.rate,
                  "volume": profile.volume, "pitch": espeak.pitch}
        if (espeak.voice, wanted) == self._applied:
            return
        from pyttsx3.drivers import _espeak

        driver = self._engine.proxy._driver
        for _attempt in range(5):
            try:
                driver.setProperty("voice", espeak.voice)
            except ValueError as exc:
                raise VoiceError(f"field 'espeak.voice': espeak-ng has no voice '{espeak.voice}'; "
                                 "pick one from `espeak-ng --voices`", profile.where) from exc
            for name, value in wanted.items():
                driver.setProperty(name, value)
            deadline = time.monotonic() + 0.5
            while _espeak.IsPlaying() and time.monotonic() < deadline:
                time.sleep(0.001)  # settings travel through espeak-ng's command queue
            if all(abs(driver.getProperty(name) - value) < 0.011 for name, value in wanted.items()):
                break
        else:
            raise VoiceError(f"espeak-ng did not accept the voice settings {wanted}", profile.where)
        self._applied = (espeak.voice, wanted)

    def voice_ids(self) -> list[str]:
        """The espeak-ng voices installed, as identifiers such as 'gmw/en-us'."""
        with self._lock:
            return [voice.id for voice in self._engine.getProperty("voices")]

    def synthesize(
        self, text: str, profile: VoiceProfile, slow: bool = False
    ) -> tuple[np.ndarray, int]:
        """Audio for `text` in the profile's voice; `slow` uses its exercise rate."""
        if not text.strip():
            return np.zeros(0, dtype=np.float32), 22050
        with self._lock:
            self._apply(profile, slow)
            audio, samplerate = self._render(text)
        return np.ascontiguousarray(audio, dtype=np.float32), int(samplerate)


_STARTING = threading.Lock()  # two threads starting espeak-ng at once deadlock pyttsx3


@cache
def _espeak_once() -> Pyttsx3Synthesizer:
    return Pyttsx3Synthesizer()


def espeak_synthesizer() -> Pyttsx3Synthesizer:
    """The process's one pyttsx3 engine, started on first use (by one thread only)."""
    with _STARTING:
        return _espeak_once()


espeak_synthesizer.cache_clear = _espeak_once.cache_clear  # tests start it afresh


def synthesize(text: str, profile: VoiceProfile, slow: bool = False) -> tuple[np.ndarray, int]:
    """Audio for `text` in `profile`'s voice and engine: (float32 mono array, sample rate)."""
    from assistant.voice.engines import VoiceSynthesizer

    return VoiceSynthesizer().synthesize(text, profile, slow)
