"""A live microphone as a source of utterances, for the voice dialogue.

    from assistant.audio.microphone import UtteranceListener

    with UtteranceListener(device=None, trailing_silence=0.6) as listener:
        for utterance in listener:             # blocks; yields each utterance as it ends
            print(utterance.start, utterance.end, len(utterance.audio))

    # Streaming recognition (partial results while someone speaks):
    for event in listener.events():            # EndpointEvent: "start", "audio", "end"
        ...

`device` is a name (or part of one) or an index from `hearth devices`; None is the default
microphone. The microphone keeps capturing while Hearth speaks, so "stop" can interrupt playback
(barge-in); call `pause()` to ignore input (an utterance in progress is dropped) and `resume()`
to listen again. `stop()` may be called from any thread: iteration then ends. Timestamps are
`time.monotonic()` seconds. Audio is int16, 16 kHz mono, whatever rate the device runs at.
"""

import logging
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from assistant.audio.devices import _sounddevice, find_input_device
from assistant.audio.endpoint import FRAME, EndpointEvent, Endpointer
from assistant.audio.files import SAMPLE_RATE, to_int16
from assistant.errors import AudioError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Utterance:
    """One stretch of speech heard on the microphone."""

    audio: np.ndarray  # int16 samples, 16 kHz mono, with a short lead-in before the speech
    start: float  # time.monotonic() when speech began
    end: float  # time.monotonic() when speech ended (before the trailing silence)


class UtteranceListener:
    """Capture from a microphone and cut the stream into utterances (see the module docstring)."""

    def __init__(
        self,
        device: str | int | None = None,
        trailing_silence: float = 0.6,
        max_utterance: float = 30.0,
        vad_mode: int = 1,
    ):
        self.device = find_input_device(device)
        self._endpointer = Endpointer(
            trailing_silence=trailing_silence, max_utterance=max_utterance, vad_mode=vad_mode
        )
        self._blocks: queue.Queue[tuple[np.ndarray, float]] = queue.Queue()
        self._stopped = threading.Event()
        self._paused = threading.Event()
        self._stream = None
        self._resampler = None
        self._clock_origin: float | None = None  # monotonic time of stream time 0
        self.error: str | None = None  # set when the device fails mid-session (e.g. unplugged)

    def __enter__(self) -> "UtteranceListener":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        """Open the microphone and start capturing."""
        sd = _sounddevice()
        rate = SAMPLE_RATE
        try:
            self._stream = self._open(sd, rate)
        except sd.PortAudioError:
            # Some hardware only runs at its own rate: capture at that and resample.
            import soxr

            rate = int(self.device.default_rate)
            self._resampler = soxr.ResampleStream(rate, SAMPLE_RATE, 1, dtype="int16")
            try:
                self._stream = self._open(sd, rate)
            except sd.PortAudioError as exc:
                raise AudioError(
                    f"the microphone '{self.device.name}' cannot be opened ({exc}); check it is "
                    "plugged in and not used by another program, or pick another with "
                    "input_device (see `hearth devices`)"
                ) from exc
        self._stream.start()
        logger.info("listening on '%s' at %d Hz", self.device.name, rate)

    def _open(self, sd, rate: int):
        return sd.InputStream(
            samplerate=rate, channels=1, dtype="int16", device=self.device.index,
            blocksize=FRAME * rate // SAMPLE_RATE, callback=self._on_audio,
            finished_callback=self._on_finished,
        )

    def _on_audio(self, data, frames, _time_info, status) -> None:
        if status.input_overflow:
            logger.warning("microphone overflow: some audio was lost")
        if not self._paused.is_set():
            self._blocks.put((data[:, 0].copy(), time.monotonic()))

    def _on_finished(self) -> None:
        if not self._stopped.is_set():
            self.error = f"the microphone '{self.device.name}' stopped (unplugged?)"
            self._stopped.set()

    def set_trailing_silence(self, seconds: float) -> None:
        """How much silence ends an utterance from now on (safe from any thread)."""
        self._endpointer.trailing_silence = seconds

    def pause(self) -> None:
        """Ignore the microphone until resume(); an utterance in progress is dropped."""
        self._paused.set()

    def resume(self) -> None:
        """Listen again after pause()."""
        while not self._blocks.empty():
            self._blocks.get_nowait()
        self._endpointer.reset()
        self._paused.clear()

    def stop(self) -> None:
        """Stop capturing and end iteration (safe from any thread, safe to call twice)."""
        self._stopped.set()
        stream, self._stream = self._stream, None
        if stream is not None:
            stream.stop()
            stream.close()

    def events(self) -> Iterator[EndpointEvent]:
        """Endpoint events as they happen; their `time` is time.monotonic() seconds."""
        if self._stream is None and not self._stopped.is_set():
            self.start()
        while not self._stopped.is_set():
            try:
                block, arrived = self._blocks.get(timeout=0.1)
            except queue.Empty:
                continue
            if self._paused.is_set():
                continue
            if self._resampler is not None:
                block = self._resampler.resample_chunk(block)
            events = self._endpointer.process(to_int16(block))
            # Stream seconds to monotonic: the block's last sample arrived at `arrived`.
            origin = arrived - (self._endpointer._frames_seen * FRAME
                                + len(self._endpointer._pending)) / SAMPLE_RATE
            self._clock_origin = origin if self._clock_origin is None else self._clock_origin
            for event in events:
                yield EndpointEvent(event.kind, event.audio, self._clock_origin + event.time)
        if self.error:
            raise AudioError(f"{self.error}; check the connection and start again")

    def __iter__(self) -> Iterator[Utterance]:
        pieces: list[np.ndarray] = []
        began = 0.0
        for event in self.events():
            if event.kind == "start":
                pieces, began = [event.audio], event.time
            elif event.kind == "audio":
                pieces.append(event.audio)
            elif pieces:
                yield Utterance(np.concatenate(pieces), began, event.time)
                pieces = []
