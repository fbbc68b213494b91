"""Playback that can be interrupted, and the sinks that play it (a device, or a WAV file).

A `Playback` is the handle on one utterance or chime. The producer feeds it audio while the
sink consumes it, so the first sentence plays while later ones are still being synthesized.

    playback.stop()       -> seconds heard; output goes silent within one audio block
    playback.pause() / playback.resume()
    playback.wait(timeout) -> True once finished (played out, stopped, or failed)
    playback.done, playback.started_at (monotonic time the first sample went to the device)
    playback.add_done_callback(fn)

Sinks: `DeviceSink` (sounddevice on the configured output device) and `WavSink` (a file).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Protocol

import numpy as np
import soundfile as sf

from assistant.errors import AudioError, HearthError

logger = logging.getLogger(__name__)


class Playback:
    """One utterance or chime on its way to a sink; safe to control from any thread."""

    def __init__(self, text: str = "", samplerate: int = 22050):
        self.text = text  # what is being said ("" for a chime)
        self.samplerate = samplerate  # rate of the audio fed and played
        self.started_at: float | None = None  # monotonic time the first sample reached the sink
        self.stopped_at: float | None = None  # monotonic time stop() was called
        self.finished_at: float | None = None  # monotonic time the sink finished
        self.output_latency = 0.0  # seconds the device buffers after a sample is handed over
        self.error: HearthError | None = None  # what ended it early, if anything
        self.frames_played = 0  # samples handed to the sink so far
        self._chunks: deque[np.ndarray] = deque()
        self._fed: list[np.ndarray] = []
        self._offset = 0  # samples of the first chunk already handed over
        self._all_fed = False
        self._paused = False
        self._stopped = False
        self._cond = threading.Condition()
        self._done = threading.Event()
        self._callbacks: list[Callable[[Playback], None]] = []

    # -- the caller's side ------------------------------------------------------------------

    def stop(self) -> float:
        """Silence this playback now; return the seconds of it that were heard."""
        with self._cond:
            if not self._stopped and not self._done.is_set():
                self._stopped = True
                self.stopped_at = time.monotonic()
                self._chunks.clear()
            self._cond.notify_all()
        return self.seconds_heard

    def pause(self) -> None:
        """Hold the output (silence) until resume(); nothing is lost."""
        with self._cond:
            self._paused = True

    def resume(self) -> None:
        """Carry on from where pause() held it."""
        with self._cond:
            self._paused = False
            self._cond.notify_all()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until finished; True if it did within `timeout`. Re-raises a device error."""
        finished = self._done.wait(timeout)
        if finished and self.error is not None:
            raise self.error
        return finished

    def wait_quietly(self, timeout: float | None = None) -> bool:
        """Like wait(), but never raises: True once finished, however it ended."""
        return self._done.wait(timeout)

    def add_done_callback(self, callback: Callable[[Playback], None]) -> None:
        """Call `callback(playback)` once it has finished (at once if it already has)."""
        with self._cond:
            if not self._done.is_set():
                self._callbacks.append(callback)
                return
        callback(self)

    @property
    def done(self) -> bool:
        """Finished: played out, stopped, or failed."""
        return self._done.is_set()

    @property
    def stopped(self) -> bool:
        """stop() was called before it finished."""
        return self._stopped

    @property
    def paused(self) -> bool:
        """Held by pause()."""
        return self._paused

    @property
    def playing(self) -> bool:
        """Audio is going out right now (started, not paused, not finished)."""
        return self.started_at is not None and not self._paused and not self.done

    @property
    def seconds_heard(self) -> float:
        """Seconds of audio handed to the sink (the device plays out its short buffer)."""
        return self.frames_played / self.samplerate

    def audio(self) -> np.ndarray:
        """Everything fed so far, as one float32 array (what Hearth meant to say)."""
        with self._cond:
            return np.concatenate(self._fed) if self._fed else np.zeros(0, np.float32)

    # -- the producer's side ----------------------------------------------------------------

    def feed(self, audio: np.ndarray) -> None:
        """Queue more audio (float32 mono at self.samplerate)."""
        with self._cond:
            if self._stopped or len(audio) == 0:
                return
            chunk = np.ascontiguousarray(audio, dtype=np.float32)
            self._chunks.append(chunk)
            self._fed.append(chunk)
            self._cond.notify_all()

    def end_of_audio(self) -> None:
        """No more audio will be fed; the sink finishes once the queue is played."""
        with self._cond:
            self._all_fed = True
            self._cond.notify_all()

    def fail(self, error: HearthError) -> None:
        """End early because of `error` (wait() re-raises it)."""
        self.error = error
        with self._cond:
            self._stopped = True
            self._chunks.clear()
        self.finish()

    # -- the sink's side --------------------------------------------------------------------

    def read(self, frames: int) -> tuple[np.ndarray, bool] | None:
        """For real-time sinks: exactly `frames` samples (silence-padded) and whether this is the
        last block; None once stopped. Never blocks."""
        block = np.zeros(frames, dtype=np.float32)
        with self._cond:
            if self._stopped:
                return None
            if self._paused:
                return block, False
            filled = self._take_into(block)
            last = self._all_fed and not self._chunks
        if filled and self.started_at is None:
            self.started_at = time.monotonic()
        return block, last

    def drain(self, max_frames: int = 8192) -> Iterator[np.ndarray]:
        """For file sinks: yield audio as it is fed, waiting while paused, until the end."""
        while True:
            with self._cond:
                while not self._stopped and (self._paused or (not self._chunks
                                                              and not self._all_fed)):
                    self._cond.wait()
                if self._stopped or not self._chunks:
                    return
                block = np.zeros(min(max_frames, sum(map(len, self._chunks)) - self._offset),
                                 dtype=np.float32)
                self._take_into(block)
            if self.started_at is None:
                self.started_at = time.monotonic()
            yield block

    def _take_into(self, block: np.ndarray) -> int:
        """Move queued audio into `block` (caller holds the lock); return samples moved."""
        filled = 0
        while filled < len(block) and self._chunks:
            chunk = self._chunks[0]
            count = min(len(block) - filled, len(chunk) - self._offset)
            block[filled:filled + count] = chunk[self._offset:self._offset + count]
            filled += count
            self._offset += count
            if self._offset == len(chunk):
                self._chunks.popleft()
                self._offset = 0
        self.frames_played += filled
        return filled

    def finish(self) -> None:
        """Mark it finished and tell whoever waits (called by the sink, once)."""
        with self._cond:
            if self._done.is_set():
                return
            self.finished_at = time.monotonic()
            self._done.set()
            self._cond.notify_all()
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            try:
                callback(self)
            except Exception:  # a caller's callback must not break playback for others
                logger.exception("playback done-callback failed")


class AudioSink(Protocol):
    """Where playbacks go: a speaker, a file, or (in tests) anything that consumes them."""

    def samplerate_for(self, samplerate: int) -> int:
        """The rate this sink will play audio that was made at `samplerate`."""
        ...

    def play(self, playback: Playback) -> None:
        """Start consuming `playback` (returns at once); call playback.finish() at the end."""
        ...

    def close(self) -> None:
        """Release the device or file."""
        ...


class DeviceSink:
    """Plays through sounddevice (PortAudio) on one output stream kept open while it lives.

    The stream runs from the start, playing silence between playbacks, so speech begins within
    one block of being ready (no device start-up per reply) and stop() silences the next block.
    """

    def __init__(self, device: str | int | None = None, samplerate: int = 22050,
                 blocksize: int = 256, latency: str | float = "low"):
        import sounddevice as sd

        self._sd = sd
        self.device = self._resolve(device)
        self.samplerate = self._supported_rate(samplerate)
        self._lock = threading.Lock()
        self._current: Playback | None = None
        self._ending: Playback | None = None  # played out; waiting for the device buffer
        self._ending_frames = 0
        try:
            self._stream = sd.OutputStream(
                samplerate=self.samplerate, channels=1, dtype="float32", device=self.device,
                blocksize=blocksize, latency=latency, callback=self._callback,
            )
            self._stream.start()
        except sd.PortAudioError as exc:
            raise AudioError(f"cannot play on output device {self.device} ({exc}); check "
                             "`hearth devices` and output_device in config.toml") from exc
        self.output_latency = float(self._stream.latency)

    def _resolve(self, device: str | int | None) -> int:
        fix = ("connect a speaker, or set output_device in config.toml (`hearth devices` lists "
               "them); `hearth say` can write to a file with --out F.wav, and `hearth chat` "
               "needs no speaker")
        try:
            info = self._sd.query_devices(device, "output")
        except (ValueError, self._sd.PortAudioError) as exc:
            what = ("no speaker (output device) found" if device is None
                    else f"output device {device!r} is not usable ({exc})")
            raise AudioError(f"{what}; {fix}") from exc
        if info["max_output_channels"] < 1:
            raise AudioError(f"device {info['name']!r} cannot play sound; {fix}")
        return int(info["index"])

    def _supported_rate(self, samplerate: int) -> int:
        try:
            self._sd.check_output_settings(self.device, channels=1, dtype="float32",
                                           samplerate=samplerate)
            return samplerate
        except Exception:  # PortAudio reports an unsupported rate in several ways
            return int(self._sd.query_devices(self.device)["default_samplerate"])

    @property
    def name(self) -> str:
        """The output device's name as PortAudio reports it."""
        return str(self._sd.query_devices(self.device)["name"])

    def samplerate_for(self, samplerate: int) -> int:
        """The stream's rate; audio made at another rate is resampled to it."""
        return self.samplerate

    def play(self, playback: Playback) -> None:
        """Play `playback` next (the Speaker hands over one at a time)."""
        if not self._stream.active:
            raise AudioError(f"the output device {self.device} stopped working; reconnect it "
                             "or check `hearth devices`")
        playback.output_latency = self.output_latency
        with self._lock:
            self._current = playback

    def _callback(self, outdata, frames, _time, _status) -> None:
        outdata.fill(0)
        with self._lock:
            current, ending = self._current, self._ending
        if ending is not None:  # its last samples are still in the device buffer
            self._ending_frames -= frames
            if self._ending_frames <= 0 or ending.stopped:
                self._ending = None
                ending.finish()
        if current is None:
            return
        result = current.read(frames)
        if result is None:  # stopped: this block and every one after it is silence
            with self._lock:
                self._current = None
            current.finish()
            return
        outdata[:, 0] = result[0]
        if result[1]:
            with self._lock:
                self._current = None
                self._ending = current
                self._ending_frames = int(self.output_latency * self.samplerate)

    def close(self) -> None:
        """Stop the stream and release the device."""
        with self._lock:
            pending = [p for p in (self._current, self._ending) if p is not None]
            self._current = self._ending = None
        for playback in pending:
            playback.stop()
            playback.finish()
        self._stream.abort()
        self._stream.close()


class WavSink:
    """Writes every playback, one after another, into one WAV file (16-bit mono)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._file: sf.SoundFile | None = None
        self._samplerate: int | None = None
        self._lock = threading.Lock()
        if not self.path.parent.is_dir():
            raise AudioError(f"folder {self.path.parent} does not exist; create it first",
                             str(self.path))

    def samplerate_for(self, samplerate: int) -> int:
        """The first audio's rate; later audio is made to match it."""
        if self._samplerate is None:
            self._samplerate = samplerate
        return self._samplerate

    def _open(self, samplerate: int) -> sf.SoundFile:
        if self._file is None:
            try:
                self._file = sf.SoundFile(self.path, "w", samplerate=samplerate, channels=1,
                                          subtype="PCM_16", format="WAV")
            except (sf.LibsndfileError, OSError) as exc:
                raise AudioError(f"cannot write the WAV file ({exc})", str(self.path)) from exc
        return self._file

    def play(self, playback: Playback) -> None:
        """Write this playback's audio as it arrives, on a background thread."""
        with self._lock:
            try:
                file = self._open(self.samplerate_for(playback.samplerate))
            except AudioError as exc:
                playback.fail(exc)
                return

        def write() -> None:
            with self._lock:
                for block in playback.drain():
                    file.write(block)
            playback.finish()

        threading.Thread(target=write, name="hearth-wav-writer", daemon=True).start()

    def close(self) -> None:
        """Finish the file (an empty but valid WAV if nothing was played)."""
        with self._lock:
            if self._file is None:
                self._open(self._samplerate or 22050)
            if self._file is not None:
                self._file.close()
                self._file = None
