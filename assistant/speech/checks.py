"""What `hearth doctor` checks for speech in: a microphone, and a speech model that loads."""

from assistant.config import Settings
from assistant.doctor import Check
from assistant.errors import HearthError


def checks(settings: Settings) -> list[Check]:
    """Microphone present; speech models present and loadable."""
    return [_microphone(settings), *_models(settings)]


def _microphone(settings: Settings) -> Check:
    from assistant.audio.devices import find_input_device

    try:
        device = find_input_device(settings.input_device)
    except HearthError as exc:
        return Check("microphone", False, str(exc),
                     "plug in a microphone, or set input_device from `hearth devices`")
    return Check("microphone", True, f"'{device.name}' (device {device.index})")


def _models(settings: Settings) -> list[Check]:
    from assistant.speech import make_recognizer
    from assistant.speech.models import list_models

    found = [
        Check(f"speech model {m.engine}/{m.name}", not m.problem, m.problem or str(m.path),
              "" if not m.problem else "delete it and run `hearth models download`")
        for m in list_models(settings)
    ]
    try:
        recognizer = make_recognizer(settings)
        found.append(Check("speech recogniser", True,
                           f"{recognizer.name} loaded in {recognizer.load_seconds:.1f} s"))
        notice = getattr(recognizer, "dictation_notice", None)
        if notice is not None and settings.dictation == "whisper":
            found.append(Check("free-speech recogniser (Whisper)", not notice,
                               notice or "Whisper tiny.en loaded",
                               "run `make setup`, or fix 'whisper_model' in the config file"
                               if notice else ""))
    except HearthError as exc:
        found.append(Check("speech recogniser", False, str(exc),
                           "run `hearth models download`, or set engine = \"pocketsphinx\""))
    return found
