"""Wire a dialogue session together: settings, journal, matcher, channel, runner."""

import sys

from assistant.config import data_dir, load_settings
from assistant.dialogue.channel import TextChannel
from assistant.dialogue.runner import Runner
from assistant.journal import Journal
from assistant.understanding import load_matcher


def chat(data_dir_override: str | None = None, speak: bool = False, fast: bool = False) -> int:
    """The typed dialogue on stdin/stdout; with `speak`, replies are also spoken."""
    settings = load_settings()
    speaker = None
    if speak:
        from assistant.voice import Speaker

        speaker = Speaker(settings)
    journal = Journal.open(data_dir(data_dir_override))
    try:
        runner = Runner(TextChannel(sys.stdin, sys.stdout, speaker), load_matcher(), journal,
                        settings, fast=fast)
        return runner.session()
    finally:
        journal.close()

