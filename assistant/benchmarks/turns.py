"""Slower with use? One typed prompts session of 5,000 turns ("another one"), timed per 1,000.

Each turn draws a card (the journal's seen set) and commits a "deck_seen" entry, so a cost
that grows with the journal shows up as later blocks taking longer than the first.
"""

import io
import os
import tempfile
import time
from pathlib import Path

NAME = "turns"


class _TimedLines(io.StringIO):
    """stdin for the session that notes the time every `block` lines are read."""

    def __init__(self, text: str, block: int):
        super().__init__(text)
        self.block, self.read_lines, self.marks = block, 0, [time.perf_counter()]

    def readline(self, *args) -> str:
        self.read_lines += 1
        if self.read_lines % self.block == 1 and self.read_lines > 1:
            self.marks.append(time.perf_counter())
        return super().readline(*args)


def per_block(turns: int, block: int = 1000) -> list[float]:
    """Seconds each block of `block` turns took, in order."""
    from assistant.config import Settings
    from assistant.dialogue.channel import TextChannel
    from assistant.dialogue.runner import Runner
    from assistant.journal import Journal
    from assistant.understanding import load_matcher

    lines = _TimedLines("ask us something deep\n" + "another one\n" * turns, block)
    with tempfile.TemporaryDirectory() as tmp, open(os.devnull, "w") as out, \
            Journal.open(Path(tmp)) as journal:
        runner = Runner(TextChannel(lines, out), load_matcher(), journal,
                        Settings(partners=["Sam", "Alex"]), fast=True)
        runner.session()
    lines.marks.append(time.perf_counter())
    return [later - earlier for earlier, later in zip(lines.marks, lines.marks[1:])]


def run(quick: bool) -> list[tuple[str, str]]:
    """Per-turn time over one long prompts session."""
    turns = 2000 if quick else 5000
    blocks = per_block(turns)
    per_turn = [f"{seconds:.2f}" for seconds in blocks[:turns // 1000]]
    return [
        (f"seconds per 1,000 prompt turns, blocks 1..{len(per_turn)} of one session",
         " / ".join(per_turn)),
        ("last block / first block", f"{blocks[len(per_turn) - 1] / blocks[0]:.2f}"),
    ]
