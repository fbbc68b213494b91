"""A scripted voice session on the null-sink loop: end of the user's speech to the first audio
of Hearth's reply, endpointing included, through the real recogniser, runner and voice."""

import os
import statistics
import subprocess
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

NAME = "listen"
SCRIPT = [
    "ask us a deep question", "another one", "no", "what can i ask you",
    "ask us something fun", "another one", "no", "what is the weather like",
    "give us a date idea", "no",
]
# Then a check-in, whose "what's on your mind" and "what would help" are free speech: Whisper
# hears them after the longer dictation silence (people pause mid-thought), so their reply time
# is reported apart. Piper says it: the grammar hears espeak-ng's short "seven" as another
# sentence ("too quick"), and a script out of step times the wrong questions (how well each
# voice is understood is measured by the speech benchmarks, not here).
CHECKIN = [
    "let's check in", "seven", "work was busy but we had a lovely walk at lunch",
    "an early night together", "six", "the kids were lovely today but the house is chaos",
    "just a hug when i get home",
]


def _wait_until_listening(speaker, channel, settled: float = 1.2, limit: float = 60.0) -> None:
    # A reply may be said as several lines with gaps between them (each is made while the one
    # before plays, and on a busy machine a gap can be long); a user line played into such a
    # gap waits for the rest, which measures queueing, not the reply time. So the next line
    # waits until the dialogue itself is waiting for words and Hearth has been quiet for
    # longer than the echo guard's tail (an answer that repeats Hearth's last words, "another
    # one", said within it is taken for Hearth's own voice coming back).
    deadline = time.monotonic() + limit
    ready_since = None
    while time.monotonic() < deadline:
        if speaker.speaking or not channel.waiting:
            ready_since = None
        elif ready_since is None:
            ready_since = time.monotonic()
        elif time.monotonic() - ready_since >= settled:
            return
        time.sleep(0.02)


# The user's lines are said by these voices in turn (the full run; the quick one uses the
# first): espeak-ng, Piper's neural voice and a Scottish espeak-ng variant.
VOICES = ("en-us", "piper:en_US-joe-medium", "en-gb-scotland+m4")


def run(quick: bool) -> list[tuple[str, str]]:
    """Median and max reply latency over the scripted session."""
    from assistant.audio.alsa import silence_alsa_messages
    from assistant.audio.files import write_wav
    from assistant.audio.microphone import UtteranceListener
    from assistant.config import Settings
    from assistant.dialogue.runner import Runner, interrupts
    from assistant.dialogue.voice_channel import VoiceChannel
    from assistant.journal import Journal
    from assistant.speech import make_recognizer
    from assistant.speech.synthetic import spoken
    from assistant.understanding import load_matcher
    from assistant.voice import Speaker
    from assistant.voice.nullsink import NullSink, reinitialise_portaudio

    requests = SCRIPT[:5] if quick else SCRIPT
    script = [(line, VOICES[0 if quick else number % len(VOICES)])
              for number, line in enumerate(requests)]
    script += [(line, VOICES[1]) for line in (CHECKIN[:4] if quick else CHECKIN)]
    settings = Settings(partners=["Sam", "Alex"])
    silence_alsa_messages()
    with NullSink() as sink, tempfile.TemporaryDirectory() as tmp:
        sink.add_sink("user_in")
        sink.add_sink("hearth_out")
        os.environ.update(PULSE_SOURCE="user_in.monitor", PULSE_SINK="hearth_out")
        reinitialise_portaudio()
        matcher, recognizer = load_matcher(), make_recognizer(settings)
        speaker = Speaker(settings)
        listener = UtteranceListener(None, settings.trailing_silence)
        listener.start()
        channel = VoiceChannel(speaker, listener, recognizer, partial(interrupts, matcher),
                               notes_dir=Path(tmp) / "notes", screen=open(os.devnull, "w"),
                               silences=(settings.trailing_silence, settings.dictation_silence))
        journal = Journal.open(Path(tmp))
        session = threading.Thread(
            target=Runner(channel, matcher, journal, settings).session, daemon=True)
        session.start()
        clips = []
        for number, (line, voice) in enumerate(script):
            path = Path(tmp) / f"line-{number}.wav"
            clips.append(write_wav(path, spoken(line, voice, 160)))
        _wait_until_listening(speaker, channel)
        for path in clips:
            subprocess.run(["paplay", "--device=user_in", str(path)], check=True)
            time.sleep(0.8)  # the reply starts
            _wait_until_listening(speaker, channel)
        listener.stop()
        session.join(timeout=10)
        speaker.close()
        journal.close()
    reinitialise_portaudio()
    latencies, again = channel.reply_latencies, channel.heard_again_latencies
    free = channel.dictation_reply_latencies
    if not latencies:
        return [("reply latency", "no replies were heard")]
    figures = [
        ("user voices", ", ".join(VOICES[:1] if quick else VOICES)
         + f"; the check-in: {VOICES[1]}"),
        ("utterances / replies timed", f"{len(script)} / {len(latencies) + len(free)}"),
        ("end of speech -> first reply audio",
         f"median {statistics.median(latencies) * 1000:.0f} ms, "
         f"max {max(latencies) * 1000:.0f} ms ({len(latencies)} requests and answers; "
         f"trailing silence {settings.trailing_silence * 1000:.0f} ms included)"),
    ]
    if free:
        figures.append((
            "end of free speech -> first reply audio",
            f"median {statistics.median(free) * 1000:.0f} ms, max {max(free) * 1000:.0f} ms "
            f"({len(free)} answers; dictation silence "
            f"{settings.dictation_silence * 1000:.0f} ms included, so "
            f"{(statistics.median(free) - settings.dictation_silence) * 1000:.0f} ms after it)"))
    if again:  # when a crisis the grammar missed would cut in
        figures.append(("end of speech -> Whisper's second hearing done",
                        f"median {statistics.median(again) * 1000:.0f} ms, "
                        f"max {max(again) * 1000:.0f} ms ({len(again)} requests)"))
    return figures
