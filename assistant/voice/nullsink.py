"""A private PulseAudio server with a null sink: a development, test and benchmark aid.

Machines without a sound card (CI, containers) can still play and record real audio through it:
whatever is played into the sink `hearth_null` can be recorded from `hearth_null.monitor`.

    with NullSink() as sink:          # sets PULSE_SERVER / PULSE_SINK / PULSE_SOURCE
        reinitialise_portaudio()      # PortAudio reads them only when it starts
        ...                           # play on device "pulse", record its monitor

It is never used by Hearth itself in normal running; `hearth bench` and the tests start it.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Self

from assistant.errors import AudioError

logger = logging.getLogger(__name__)

SINK_NAME = "hearth_null"
_ENV_KEYS = ("PULSE_SERVER", "PULSE_SINK", "PULSE_SOURCE")


class NullSink:
    """Start and stop a private PulseAudio daemon whose only sink is a null sink."""

    def __init__(self, runtime_dir: Path | None = None, rate: int = 16000):
        self.runtime_dir = Path(runtime_dir) if runtime_dir else None
        self.rate = rate
        self.server: str | None = None
        self._proc: subprocess.Popen | None = None
        self._tmp: tempfile.TemporaryDirectory | None = None
        self._old_env: dict[str, str | None] = {}

    def start(self, timeout: float = 10.0) -> str:
        """Start the daemon, point this process's environment at it; return the server address."""
        if not shutil.which("pulseaudio") or not shutil.which("pactl"):
            raise AudioError("pulseaudio is not installed; install the pulseaudio package")
        if self.runtime_dir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="hearth-pulse-")
            self.runtime_dir = Path(self._tmp.name)
        socket = self.runtime_dir / "native"
        env = {**os.environ, "XDG_RUNTIME_DIR": str(self.runtime_dir),
               "PULSE_RUNTIME_PATH": str(self.runtime_dir), "HOME": str(self.runtime_dir)}
        self._proc = subprocess.Popen(
            ["pulseaudio", "--daemonize=no", "-n", "--exit-idle-time=-1", "--use-pid-file=no",
             "--disallow-exit",
             f"--load=module-native-protocol-unix auth-anonymous=1 socket={socket}",
             f"--load=module-null-sink sink_name={SINK_NAME} rate={self.rate}",
             "--load=module-always-sink"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self.server = f"unix:{socket}"
        self._old_env = {key: os.environ.get(key) for key in _ENV_KEYS}
        os.environ.update(PULSE_SERVER=self.server, PULSE_SINK=SINK_NAME,
                          PULSE_SOURCE=f"{SINK_NAME}.monitor")
        deadline = time.monotonic() + timeout
        while subprocess.run(["pactl", "info"], capture_output=True, check=False).returncode != 0:
            if time.monotonic() > deadline or self._proc.poll() is not None:
                self.stop()
                raise AudioError("the private PulseAudio server did not start")
            time.sleep(0.1)
        logger.info("null sink PulseAudio server at %s", self.server)
        return self.server

    def add_sink(self, name: str, rate: int | None = None) -> str:
        """Another null sink on this server (e.g. a "room" a test plays a person's voice into);
        its monitor is the source `NAME.monitor`."""
        done = subprocess.run(
            ["pactl", "load-module", "module-null-sink", f"sink_name={name}",
             f"rate={rate or self.rate}"], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise AudioError(f"could not add the null sink '{name}': {done.stderr.strip()}")
        return name

    def stop(self) -> None:
        """Stop the daemon and restore the environment as it was before start()."""
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
            self._proc = None
        for key, value in self._old_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        self._old_env = {}
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def reinitialise_portaudio() -> None:
    """Restart PortAudio so it sees the current PULSE_SERVER (it reads it only at start)."""
    import sounddevice as sd

    sd._terminate()
    sd._initialize()


class MonitorRecorder:
    """Records the null sink's monitor (what was played), noting when each block arrived.

    Keeping a recording open also keeps the null sink awake at low latency, so a stream that
    starts playing is consumed at once rather than at the idle sink's next wake-up.
    """

    def __init__(self, samplerate: int = 16000, blocksize: int = 160):
        import numpy as np
        import sounddevice as sd

        self._np = np
        self.samplerate = samplerate
        self._blocks: list = []
        self._arrivals: list[float] = []
        self._stream = sd.InputStream(samplerate=samplerate, channels=1, dtype="float32",
                                      device="pulse", blocksize=blocksize, latency="low",
                                      callback=self._on_block)

    def _on_block(self, data, frames, _time, _status) -> None:
        self._arrivals.append(time.monotonic())
        self._blocks.append(data[:, 0].copy())

    def __enter__(self) -> Self:
        self._stream.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stream.stop()
        self._stream.close()

    def audio(self):
        """Everything recorded so far as one float32 array."""
        np = self._np
        return np.concatenate(self._blocks) if self._blocks else np.zeros(0, np.float32)

    def sound_times(self, threshold: float = 0.01) -> tuple[float, float] | None:
        """Monotonic arrival times of the first and last recorded samples above `threshold`."""
        np = self._np
        first = last = None
        for arrived, block in zip(self._arrivals, self._blocks, strict=False):
            loud = np.flatnonzero(np.abs(block) > threshold)
            if loud.size:
                # a block arrives when its last sample is recorded; step back to the loud one
                first_here = arrived - (len(block) - loud[0]) / self.samplerate
                last = arrived - (len(block) - loud[-1]) / self.samplerate
                first = first if first is not None else first_here
        return (first, last) if first is not None else None
