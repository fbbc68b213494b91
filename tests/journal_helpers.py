"""A settable clock for journal tests, so multi-day histories take no real time."""

from datetime import UTC, datetime, timedelta


class StepClock:
    """Returns a fixed moment until moved; `journal = Journal.open(d, now=clock)`."""

    def __init__(self, start: datetime | None = None):
        self.moment = start or datetime(2026, 3, 2, 20, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)
