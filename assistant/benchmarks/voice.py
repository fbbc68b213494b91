"""Speech out: how soon say() is heard, and how soon stop() is silent.

Measured on a private PulseAudio null sink (started here unless PULSE_SERVER is already set),
with the sink's monitor recorded, so the figures come from audio that really went out.
"""

from __future__ import annotations

import os
import statistics
import time

NAME = "voice"

TWO_SENTENCES = "That sounds like a full day. Would you like to take a slow breath together?"
LONG_SENTENCE = ("Let us settle in together, noticing the weight of your body, the sounds of "
                 "the room, and the slow rhythm of your breathing as it softens.")


def _ms(values: list[float]) -> str:
    return (f"{statistics.median(values) * 1000:.1f} ms median, "
            f"{max(values) * 1000:.1f} ms max (n={len(values)})")


def _measure(repeats: int) -> list[tuple[str, str]]:
    from assistant.config import Settings
    from assistant.voice.nullsink import MonitorRecorder
    from assistant.voice.speaker import Speaker
    from assistant.voice.synth import espeak_synthesizer

    started = time.perf_counter()
    espeak_synthesizer()
    engine_start = time.perf_counter() - started
    handed, heard, stop_handed, stop_heard = [], [], [], []
    with Speaker(Settings(), device="pulse") as speaker:
        speaker.say("Ready.").wait(10)
        latency = 0.0
        for _ in range(repeats):
            with MonitorRecorder() as recorder:
                time.sleep(0.15)
                asked = time.monotonic()
                playback = speaker.say(TWO_SENTENCES)
                time.sleep(0.4)  # long enough to be heard; the rest adds nothing to the figure
                playback.stop()
                playback.wait(5)
                time.sleep(0.2)
            latency = playback.output_latency
            handed.append(playback.started_at - asked)
            onset = recorder.sound_times()
            if onset:
                heard.append(onset[0] - asked)
        for _ in range(repeats):
            with MonitorRecorder() as recorder:
                time.sleep(0.15)
                playback = speaker.say(LONG_SENTENCE)
                while not playback.playing and not playback.done:
                    time.sleep(0.005)
                time.sleep(0.6)
                playback.stop()
                playback.wait(5)
                time.sleep(0.3)
            stop_handed.append(playback.finished_at - playback.stopped_at + latency)
            sound = recorder.sound_times()
            if sound:
                stop_heard.append(max(0.0, sound[1] - playback.stopped_at))
    figures = [
        ("pyttsx3 engine start (once per process)", f"{engine_start * 1000:.0f} ms"),
        ("say() -> first sample handed to the device, 2 sentences", _ms(handed)),
        ("say() -> first sound on the sink monitor", _ms(heard) if heard else "not heard"),
        ("stop() -> silence handed to the device (+ device buffer)", _ms(stop_handed)),
        ("stop() -> last sound on the sink monitor", _ms(stop_heard) if stop_heard
         else "not heard"),
        ("device buffer (PortAudio output latency)", f"{latency * 1000:.1f} ms"),
    ]
    return figures


def run(quick: bool) -> list[tuple[str, str]]:
    """say() -> first sample and stop() -> silence, on the null sink."""
    from assistant.voice.nullsink import NullSink, reinitialise_portaudio

    repeats = 5 if quick else 20
    if os.environ.get("PULSE_SERVER"):
        reinitialise_portaudio()
        return _measure(repeats)
    with NullSink():
        reinitialise_portaudio()
        return _measure(repeats)
