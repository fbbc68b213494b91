"""What `hearth doctor` checks about the voice: profiles, espeak-ng through pyttsx3, the speaker."""

from __future__ import annotations

from assistant.config import Settings
from assistant.doctor import Check
from assistant.errors import HearthError
from assistant.voice.profiles import VoiceProfile, choose_profile, load_profiles
from assistant.voice.synth import INSTALL_HINT, default_synthesizer


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
        synthesizer = default_synthesizer()
        spoken = []
        for profile in profiles.values():  # each profile's espeak-ng voice must exist
            audio, rate = synthesizer.synthesize("Hello.", profile)
            spoken.append(len(audio) / rate)
    except HearthError as exc:
        return Check("speech synthesis", False, str(exc), INSTALL_HINT)
    if spoken and min(spoken) <= 0:
        return Check("speech synthesis", False, "espeak-ng produced silence", INSTALL_HINT)
    return Check("speech synthesis", True,
                 f"espeak-ng through pyttsx3; {len(spoken)} voices speak")


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
        found.append(_synthesis_check(profiles))
    found.append(_speaker_check(settings))
    return found
