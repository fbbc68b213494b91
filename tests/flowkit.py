"""Shared pieces for the flow tests: a real journal with a settable clock, a context with a
speaker."""

from datetime import datetime, timedelta

import pytest
from drive import make_context

from assistant.journal import Journal

START = datetime(2025, 3, 10, 20, 0).astimezone()


class Clock:
    """A clock the test moves by hand, so entries land on chosen days."""

    def __init__(self, moment: datetime = START):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def journal(tmp_path, clock):
    with Journal(tmp_path / "journal.sqlite3", now=clock) as j:
        yield j


def context(journal, speaker: str | None = "Sam", slots: dict | None = None, seed: int = 7):
    """A context for Sam and Alex, with who is speaking."""
    ctx = make_context(journal, slots=slots, seed=seed)
    ctx.speaker = speaker
    return ctx
