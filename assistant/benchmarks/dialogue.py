"""A typed session of 50 turns through the real runner, matcher and journal: time per turn."""

import io
import statistics
import tempfile
import time
from pathlib import Path

from assistant.config import Settings
from assistant.dialogue.channel import TextChannel
from assistant.dialogue.runner import Runner
from assistant.journal import Journal
from assistant.understanding import load_matcher

NAME = "dialogue"
# Requests and answers as a couple might type them; prompts and ideas take one turn each.
SCRIPT = [
    "let's check in", "6", "a long week at work", "a quiet evening together",
    "8", "looking forward to the weekend", "a walk tomorrow",
    "ask us something fun", "another one", "another one", "no thanks",
    "give us a date idea", "another", "no",
    "how can i show more affection", "no",
    "let's do gratitude", "the way you made dinner when I was tired",
    "because it made me feel looked after", "no",
    "how you listened to me last night", "it helped me calm down", "no",
    "show our streak", "what's the weather like", "help",
    "self care ideas", "no", "we might need a therapist",
    "ask us a deep question", "skip", "no",
    "let's check in", "calm", "nothing much", "just a hug", "happy", "work", "time",
    "leave a note for my partner", "thank you for today", "play my messages",
    "suggest something to do together", "no", "how are we doing lately",
    "something fun to talk about", "no", "repeat", "what can i ask you", "bye",
]


class TimedTextChannel(TextChannel):
    """Records the time from each line being taken to Hearth listening again."""

    def __init__(self, *args):
        super().__init__(*args)
        self.turns: list[float] = []
        self._taken: float | None = None

    def hear(self, timeout, wanted=None, mode="command", keep_audio=False, request=False):
        if self._taken is not None:
            self.turns.append(time.perf_counter() - self._taken)
            self._taken = None
        heard = super().hear(timeout, wanted, mode, keep_audio, request)
        if heard is not None:
            self._taken = time.perf_counter()
        return heard


def run(quick: bool) -> list[tuple[str, str]]:
    """Median and max processing time per turn (typing time excluded)."""
    with tempfile.TemporaryDirectory() as tmp:
        journal = Journal.open(Path(tmp))
        out = io.StringIO()
        channel = TimedTextChannel(io.StringIO("\n".join(SCRIPT) + "\n"), out)
        runner = Runner(channel, load_matcher(), journal, Settings(partners=["Sam", "Alex"]),
                        fast=True)
        started = time.perf_counter()
        runner.session()
        total = time.perf_counter() - started
        journal.close()
    turns = channel.turns
    return [
        ("typed turns", f"{len(turns)} (waits shrunk to 1/1000)"),
        ("whole session", f"{total * 1000:.0f} ms"),
        ("per turn: line in -> listening again",
         f"median {statistics.median(turns) * 1000:.1f} ms, max {max(turns) * 1000:.1f} ms"),
    ]
