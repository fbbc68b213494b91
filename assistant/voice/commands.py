"""What `hearth say` and `hearth voices` do (the CLI only parses their arguments)."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from assistant.errors import InputError
from assistant.voice.playback import WavSink
from assistant.voice.profiles import load_profiles
from assistant.voice.speaker import Speaker


def say_text(settings: Settings, text: str, voice: str | None = None,
             out: Path | None = None) -> float:
    """Speak `text` on the output device, or write it to `out` (WAV); return seconds spoken."""
    if not text.strip():
        raise InputError('nothing to say; give the words, e.g. hearth say "Good evening"')
    sink = WavSink(out) if out is not None else None
    with Speaker(settings, sink=sink) as speaker:
        speaker.profile_for(voice=voice)  # an unknown --voice fails before anything starts
        playback = speaker.say(text, voice=voice)
        try:
            playback.wait()
        except KeyboardInterrupt:
            playback.stop()
            raise
        return playback.seconds_heard


def describe_voices(settings: Settings) -> list[str]:
    """One line per voice profile: name, espeak-ng voice, rates, pitch, and what it is for."""
    lines = []
    for name, profile in sorted(load_profiles().items()):
        marker = "*" if name == settings.voice else " "
        lines.append(
            f"{marker} {name:<10} {profile.voice:<14} {profile.rate} wpm "
            f"(exercises {profile.exercise_rate})  pitch {profile.pitch}  "
            f"volume {profile.volume:.2f}  {profile.description}"
        )
    lines.append("* the default voice (`voice` in config.toml)")
    return lines
