"""Hearing an utterance early: Whisper needs the whole utterance, but the listener only ends
one after a stretch of silence (0.3 s for requests, 1 s for free answers). So once the voice
has paused for a moment, the audio so far is heard in the background; if no voice follows
before the listener ends the utterance, that hearing is the one used, and Whisper's time is
spent inside the pause instead of after it."""

import threading
from collections.abc import Callable

import numpy as np

from assistant.audio.files import SAMPLE_RATE, to_int16
from assistant.speech.transcript import Transcript

FRAME = 480  # 30 ms: a frame size the voice detector takes


class EarlyHearing:
    """Collects an utterance's audio chunk by chunk and hears it early in a pause."""

    def __init__(self, hear: Callable[[np.ndarray], Transcript], pause_seconds: float,
                 min_samples: int = 1):
        from pocketsphinx import Vad

        self._hear, self._min_samples = hear, min_samples
        self._pause = int(pause_seconds * SAMPLE_RATE)
        self._vad = Vad(1, SAMPLE_RATE, FRAME / SAMPLE_RATE)
        self._chunks: list[np.ndarray] = []
        self._samples = 0
        self._last_voice = 0  # samples fed when voice was last heard
        self._early: tuple[int, threading.Thread, list] | None = None  # covered, job, result

    @property
    def audio(self) -> np.ndarray:
        """Everything fed so far."""
        return np.concatenate(self._chunks) if self._chunks else np.zeros(0, np.int16)

    def feed(self, chunk: np.ndarray) -> None:
        """Keep the chunk; start a background hearing when the voice has just paused."""
        chunk = to_int16(np.asarray(chunk))
        self._chunks.append(chunk)
        self._samples += len(chunk)
        whole = len(chunk) - len(chunk) % FRAME
        if any(self._vad.is_speech(chunk[i:i + FRAME].tobytes()) for i in range(0, whole, FRAME)):
            self._last_voice = self._samples
            return
        running = self._early is not None and self._early[1].is_alive()
        heard_already = self._early is not None and self._early[0] >= self._last_voice
        paused = self._samples - self._last_voice >= self._pause
        # (min_samples >= 1: the quiet before the first word is no pause)
        if paused and not running and not heard_already and self._last_voice >= self._min_samples:
            audio, out = self.audio, []
            job = threading.Thread(target=lambda: out.append(self._hear(audio)), daemon=True)
            self._early = (self._samples, job, out)
            job.start()

    def result(self) -> Transcript | None:
        """The early hearing when it covered every bit of voice, else None (hear it all)."""
        if self._early is None:
            return None
        covered, job, out = self._early
        job.join()
        return out[0] if out and covered >= self._last_voice else None
