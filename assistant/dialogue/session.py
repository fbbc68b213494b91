"""Wire a dialogue session together: settings, journal, matcher, channel, runner."""

import logging
import sys
from functools import partial

from assistant.config import data_dir, load_settings
from assistant.dialogue.channel import TextChannel
from assistant.dialogue.runner import Runner, interrupts
from assistant.errors import CatalogueError
from assistant.journal import Journal
from assistant.understanding import load_matcher

logger = logging.getLogger(__name__)


def check_decks() -> None:
    """Refuse to start on a missing or broken deck, rather than fail mid-exercise.

    (The crisis reply itself never depends on decks/: it has a built-in copy.)
    """
    from assistant.dialogue.resources import resources_problem
    from assistant.exercises.deck_check import deck_problems

    problems = [p for p in (resources_problem(), *deck_problems()) if p]
    if problems:
        more = f" (and {len(problems) - 1} more; see `hearth doctor`)" if len(problems) > 1 else ""
        raise CatalogueError(f"{problems[0]}{more}")


def listen(data_dir_override: str | None = None, engine: str | None = None,
           input_device: str | None = None, output_device: str | None = None,
           wake_phrase: str | None = None) -> int:
    """The hands-free dialogue: microphone in, speaker out, barge-in, a live transcript."""
    from assistant.audio.alsa import silence_alsa_messages
    from assistant.audio.microphone import UtteranceListener
    from assistant.dialogue.voice_channel import VoiceChannel
    from assistant.speech import make_recognizer
    from assistant.voice import Speaker

    silence_alsa_messages()
    settings = load_settings()
    check_decks()
    updates = {k: v for k, v in (("engine", engine), ("input_device", input_device),
                                 ("output_device", output_device),
                                 ("wake_phrase", wake_phrase)) if v is not None}
    settings = settings.model_copy(update=updates)
    directory = data_dir(data_dir_override)
    journal = Journal.open(directory)
    matcher = load_matcher()
    channel = None
    try:
        recognizer = make_recognizer(settings, data_override=data_dir_override)
        # Opened once here, so a missing device is one clear error before anything starts;
        # if one goes away mid-session, the channel reopens it with these.
        make_speaker = partial(Speaker, settings)
        make_listener = partial(UtteranceListener, settings.input_device,
                                settings.trailing_silence)
        speaker, listener = make_speaker(), make_listener()
        listener.start()
        channel = VoiceChannel(speaker, listener, recognizer, partial(interrupts, matcher),
                               notes_dir=directory / "notes", wake_phrase=settings.wake_phrase,
                               silences=(settings.trailing_silence, settings.dictation_silence),
                               make_speaker=make_speaker, make_listener=make_listener)
        if getattr(recognizer, "dictation_notice", ""):  # Whisper missing or broken
            from assistant.speech import SPOKEN_DICTATION_NOTICE

            logger.warning("%s", recognizer.dictation_notice)
            channel.say(SPOKEN_DICTATION_NOTICE)
        return Runner(channel, matcher, journal, settings).session()
    finally:
        if channel is not None:
            channel.close()
        journal.close()


def chat(data_dir_override: str | None = None, speak: bool = False, fast: bool = False) -> int:
    """The typed dialogue on stdin/stdout; with `speak`, replies are also spoken."""
    settings = load_settings()
    check_decks()
    speaker = None
    if speak:
        from assistant.voice import Speaker

        speaker = Speaker(settings)
    journal = Journal.open(data_dir(data_dir_override))
    # Bytes that are not UTF-8 become U+FFFD instead of ending the session (and losing the
    # answer); a terminal that cannot show a character gets "?" rather than a traceback.
    sys.stdin.reconfigure(encoding="utf-8", errors="replace")
    sys.stdout.reconfigure(errors="replace")
    try:
        runner = Runner(TextChannel(sys.stdin, sys.stdout, speaker), load_matcher(), journal,
                        settings, fast=fast)
        return runner.session()
    finally:
        journal.close()

