"""What `hearth doctor` checks about the voice: profiles, the neural voice, espeak-ng, the speaker."""

from __future__ import annotations

from assistant.config import Settings
from assistant.doctor import Check
from assistant.errors import HearthError
from assistant.voice.profiles import VoiceProfile, choose_profile, load_profiles
from assistant.voice.engines import VoiceSynthesizer
from assistant.voice.piper_voices import ENGINE_HINT, piper_installed
from assistant.voice.synth import INSTALL_HINT, espeak_synthesizer


def _profiles_check(settings: Settings) -> tuple[Check, dict[str, VoiceProfile]]:
    try:
        profiles = load_profiles()
        choose_profile(profiles, settings.voice)
    except HearthError as exc:
        return Check("voice profiles", False, str(exc),
                     "fix the file and field named, or set `voice` in config.toml"), {}
    detail = f"{len(profiles)} profiles ({', '.join(sorted(profiles))}); default {settings.voice}"
    return Check("voice profiles", True, detail), profiles


def _synthesis_check(profiles: dict[str, VoiceProfile]) -> Check:
    try:
        synthesizer = espeak_synthesizer()
        spoken = []
        for profile in profiles.values():  # each profile's espeak-ng voice must exist
            audio, rate = synthesizer.synthesize("Hello.", profile)
            spoken.append(len(audio) / rate)
    except HearthError as exc:
        return Check("speech synthesis", False, str(exc), INSTALL_HINT)
    if spoken and min(spoken) <= 0:
        return Check("speech synthesis", False, "espeak-ng produced silence", INSTALL_HINT)
    return Check("speech synthesis", True,
                 f"espeak-ng through pyttsx3 (the fallback); {len(spoken)} voices speak")


def _neural_check(settings: Settings, profiles: dict[str, VoiceProfile]) -> Check:
    if settings.voice_engine == "espeak":
        return Check("neural voice", True, 'off (voice_engine = "espeak")')
    if not piper_installed():
        return Check("neural voice", False, "Piper is not installed; espeak-ng speaks instead",
                     ENGINE_HINT)
    synth = VoiceSynthesizer(settings.voice_engine, strict=True)
    used = sorted({p.piper.voice for p in profiles.values() if p.engine == "piper"})
    for profile in profiles.values():
        if profile.engine == "piper":
            try:
                synth.prepare(profile)
            except HearthError as exc:
                return Check("neural voice", False, str(exc),
                             f"`hearth models download {profile.piper.voice}`, or set "
                             'voice_engine = "espeak" in config.toml')
    return Check("neural voice", True, f"Piper: {', '.join(used) or 'no profile uses it'}")


def _speaker_check(settings: Settings) -> Check:
    from assistant.voice.playback import DeviceSink

    try:
        sink = DeviceSink(settings.output_device)
    except HearthError as exc:
        return Check("speaker", False, str(exc),
                     "connect a speaker or set output_device in config.toml (`hearth devices`)")
    except OSError as exc:  # PortAudio itself missing
        return Check("speaker", False, f"PortAudio cannot be loaded ({exc})",
                     "install it with `sudo apt install libportaudio2`")
    return Check("speaker", True, f"output device {sink.device}: {sink.name}")


def checks(settings: Settings) -> list[Check]:
    """The voice's findings for `hearth doctor`: profiles, synthesis, speaker."""
    profile_check, profiles = _profiles_check(settings)
    found = [profile_check]
    if profiles:
        found.append(_neural_check(settings, profiles))
        found.append(_synthesis_check(profiles))
    found.append(_speaker_check(settings))
    return found
