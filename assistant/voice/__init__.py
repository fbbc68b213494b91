"""Hearth's voice: profiles (voices/*.yaml), pyttsx3 synthesis, interruptible playback, chimes.

    from assistant.voice import Speaker
    speaker = Speaker(settings)                      # or Speaker(settings, sink=WavSink(path))
    playback = speaker.say("Hello. Shall we begin?", style="warm")
    playback.wait()          # True when finished; playback.stop() -> seconds heard
    speaker.chime("inhale")  # inhale, exhale, hold, timer, soft

    audio, rate = synthesize("Hello.", profile)      # float32 mono array in memory

Modules: profiles (load/validate), synth (pyttsx3), playback (Playback, DeviceSink, WavSink),
tones (chimes), speaker (Speaker), checks (`hearth doctor`), commands (`hearth say`/`voices`),
nullsink (a private PulseAudio null sink for tests and benchmarks).
"""

from assistant.voice.playback import AudioSink, DeviceSink, Playback, WavSink
from assistant.voice.profiles import VoiceProfile, choose_profile, load_profiles
from assistant.voice.speaker import Speaker
from assistant.voice.synth import Synthesizer, split_sentences, synthesize
from assistant.voice.tones import CHIME_KINDS, chime

__all__ = [
    "CHIME_KINDS",
    "AudioSink",
    "DeviceSink",
    "Playback",
    "Speaker",
    "Synthesizer",
    "VoiceProfile",
    "WavSink",
    "chime",
    "choose_profile",
    "load_profiles",
    "split_sentences",
    "synthesize",
]
