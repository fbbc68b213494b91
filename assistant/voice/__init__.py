"""Hearth's voice: profiles (voices/*.yaml), Piper and espeak-ng synthesis, interruptible
playback, chimes, and the spoken form of numbers and names.

    from assistant.voice import Speaker
    speaker = Speaker(settings)                      # or Speaker(settings, sink=WavSink(path))
    playback = speaker.say("Hello. Shall we begin?", style="warm")
    playback.wait()          # True when finished; playback.stop() -> seconds heard
    speaker.chime("inhale")  # inhale, exhale, hold, timer, soft

    audio, rate = synthesize("Hello.", profile)      # float32 mono array in memory

Modules: profiles (load/validate), synth (the interface, streaming pieces, espeak-ng through
pyttsx3), piper_synth and piper_voices (the neural voice and where voices are), engines (which
engine speaks, with the espeak-ng fallback), spoken (numbers and names as words), playback
(Playback, DeviceSink, WavSink), tones (chimes), speaker (Speaker), checks (`hearth doctor`),
commands (`hearth say`/`voices`), nullsink (a private PulseAudio null sink for tests and
benchmarks).
"""

from assistant.voice.playback import AudioSink, DeviceSink, Playback, WavSink
from assistant.voice.profiles import VoiceProfile, choose_profile, load_profiles
from assistant.voice.engines import VoiceSynthesizer
from assistant.voice.speaker import Speaker
from assistant.voice.spoken import spoken_form
from assistant.voice.synth import Synthesizer, speech_pieces, split_sentences, synthesize
from assistant.voice.tones import CHIME_KINDS, chime

__all__ = [
    "CHIME_KINDS",
    "AudioSink",
    "DeviceSink",
    "Playback",
    "Speaker",
    "Synthesizer",
    "VoiceProfile",
    "VoiceSynthesizer",
    "WavSink",
    "chime",
    "choose_profile",
    "load_profiles",
    "speech_pieces",
    "split_sentences",
    "spoken_form",
    "synthesize",
]
