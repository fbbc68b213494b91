"""Endpointing: find where each utterance starts and ends in a stream of 16 kHz audio.

Frames of 30 ms are classified by PocketSphinx's voice activity detector (WebRTC's, inside the
PocketSphinx wheel). Speech starts after a short run of voiced frames (a little audio from before
it is kept, so first consonants are not clipped) and ends after `trailing_silence` seconds
without voice: the shorter that is, the sooner Hearth answers, and the likelier a pause mid-
sentence cuts someone off.
"""

from collections import deque
from dataclasses import dataclass
from typing import Literal

import numpy as np

from assistant.audio.files import SAMPLE_RATE, to_int16

FRAME = 480  # samples: 30 ms at 16 kHz


@dataclass(frozen=True)
class EndpointEvent:
    """Something the endpointer noticed in the stream."""

    kind: Literal["start", "audio", "end"]  # speech began / more speech / the utterance ended
    audio: np.ndarray  # int16 samples belonging to the utterance (empty for "end")
    time: float  # stream time in seconds: where speech began, the frame's end, or speech's end


class Endpointer:
    """Feed int16 16 kHz audio of any chunk size; get start/audio/end events back."""

    def __init__(
        self,
        trailing_silence: float = 0.6,
        min_speech: float = 0.09,
        pre_roll: float = 0.3,
        max_utterance: float = 30.0,
        vad_mode: int = 1,
    ):
        from pocketsphinx import Vad

        self._vad = Vad(vad_mode, SAMPLE_RATE, FRAME / SAMPLE_RATE)
        self._frame_seconds = FRAME / SAMPLE_RATE
        self._end_frames = max(1, round(trailing_silence / self._frame_seconds))
        self._start_frames = max(1, round(min_speech / self._frame_seconds))
        self._max_frames = round(max_utterance / self._frame_seconds)
        self._history: deque[tuple[np.ndarray, bool]] = deque(
            maxlen=max(self._start_frames, round(pre_roll / self._frame_seconds))
        )
        self._pending = np.zeros(0, dtype=np.int16)
        self._frames_seen = 0
        self.in_speech = False
        self._silent_run = 0
        self._utterance_frames = 0

    @property
    def trailing_silence(self) -> float:
        """Seconds without voice that end an utterance."""
        return self._end_frames * self._frame_seconds

    @trailing_silence.setter
    def trailing_silence(self, seconds: float) -> None:
        # Short for commands, so Hearth answers quickly; longer for free speech, where people
        # pause to think. Takes effect from the next frame.
        self._end_frames = max(1, round(seconds / self._frame_seconds))

    def reset(self) -> None:
        """Forget any utterance in progress (used when listening is paused)."""
        self._history.clear()
        self._pending = np.zeros(0, dtype=np.int16)
        self.in_speech = False
        self._silent_run = 0

    def process(self, chunk: np.ndarray) -> list[EndpointEvent]:
        """Classify the new samples and report what changed."""
        samples = np.concatenate([self._pending, np.asarray(chunk, dtype=np.int16).ravel()])
        usable = len(samples) - len(samples) % FRAME
        self._pending = samples[usable:]
        events: list[EndpointEvent] = []
        for start in range(0, usable, FRAME):
            frame = samples[start:start + FRAME]
            self._frames_seen += 1
            voiced = bool(self._vad.is_speech(frame.tobytes()))
            events.extend(self._step(frame, voiced))
        return events

    def flush(self) -> list[EndpointEvent]:
        """End of stream: close an utterance in progress."""
        if not self.in_speech:
            return []
        self.in_speech = False
        return [EndpointEvent("end", np.zeros(0, np.int16), self._now() - self._silence_seconds())]

    def _now(self) -> float:
        return self._frames_seen * self._frame_seconds

    def _silence_seconds(self) -> float:
        return self._silent_run * self._frame_seconds

    def _step(self, frame: np.ndarray, voiced: bool) -> list[EndpointEvent]:
        if not self.in_speech:
            self._history.append((frame, voiced))
            recent = list(self._history)[-self._start_frames:]
            if len(recent) == self._start_frames and all(v for _, v in recent):
                self.in_speech = True
                self._silent_run = 0
                self._utterance_frames = len(self._history)
                audio = np.concatenate([f for f, _ in self._history])
                began = self._now() - self._start_frames * self._frame_seconds
                self._history.clear()
                return [EndpointEvent("start", audio, began)]
            return []
        self._utterance_frames += 1
        self._silent_run = 0 if voiced else self._silent_run + 1
        events = [EndpointEvent("audio", frame, self._now())]
        if self._silent_run >= self._end_frames or self._utterance_frames >= self._max_frames:
            self.in_speech = False
            events.append(
                EndpointEvent("end", np.zeros(0, np.int16), self._now() - self._silence_seconds())
            )
            self._silent_run = 0
        return events


def split_utterances(audio: np.ndarray, trailing_silence: float = 0.6) -> list[np.ndarray]:
    """Cut a long recording into its utterances (each with its lead-in), e.g. for dictation."""
    endpointer = Endpointer(trailing_silence=trailing_silence)
    pieces: list[np.ndarray] = []
    current: list[np.ndarray] = []
    for event in [*endpointer.process(audio), *endpointer.flush()]:
        if event.kind == "end":
            pieces.append(np.concatenate(current))
            current = []
        else:
            current.append(event.audio)
    return pieces


def voiced_span(audio: np.ndarray, vad_mode: int = 1) -> tuple[int, int] | None:
    """Samples from the first voiced 30 ms frame to the end of the last, or None if none is."""
    from pocketsphinx import Vad

    samples = to_int16(np.asarray(audio))
    vad = Vad(vad_mode, SAMPLE_RATE, FRAME / SAMPLE_RATE)
    voiced = [i for i in range(0, len(samples) - FRAME + 1, FRAME)
              if vad.is_speech(samples[i:i + FRAME].tobytes())]
    return (voiced[0], voiced[-1] + FRAME) if voiced else None


def trim_silence(audio: np.ndarray, margin: float = 0.1
                 ) -> tuple[np.ndarray, tuple[int, int] | None]:
    """`audio` (16 kHz) without the silence before and after its voice, keeping `margin` seconds
    each side, and the voiced span within what is kept. A recogniser spends the most per second
    on silence before speech (every first word of a grammar is in play), so it is not decoded.
    Audio with no voiced frame is returned whole, with no span."""
    span = voiced_span(audio)
    if span is None:
        return audio, None
    first = max(0, span[0] - round(margin * SAMPLE_RATE))
    return audio[first:span[1] + round(margin * SAMPLE_RATE)], (span[0] - first, span[1] - first)
