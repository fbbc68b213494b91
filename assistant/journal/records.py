"""What the journal hands back: one stored entry, one exercise session."""

from dataclasses import dataclass, field
from datetime import datetime

# Entries that only remember which deck cards were drawn; hidden from lists and exports.
BOOKKEEPING_KINDS = frozenset({"deck_seen", "deck_reset"})


@dataclass(frozen=True)
class Entry:
    """One stored answer or record, e.g. a check-in or a gratitude."""

    id: int  # row id, stable for the life of the journal
    kind: str  # "checkin", "gratitude", "note", "deck_seen", ...
    partner: str | None  # whose entry it is, when it belongs to one partner
    created_at: datetime  # aware, UTC
    data: dict = field(default_factory=dict)  # the exercise's answers, as stored JSON
    session_id: int | None = None  # the exercise run it came from, if any

    @property
    def record(self):
        """The typed record (assistant/journal/kinds.py), or None for a kind without a model or
        data that does not fit it."""
        from assistant.journal.kinds import record

        return record(self.kind, self.data)


@dataclass(frozen=True)
class Session:
    """One run of an exercise; completed sessions make streaks."""

    id: int  # row id
    kind: str  # the intent id, e.g. "ritual.bedtime"
    started_at: datetime  # aware, UTC
    finished_at: datetime | None  # None while running, or if the run was cut short by a crash
    completed: bool  # True when the exercise reached its end
