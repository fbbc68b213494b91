"""The journal written out: JSON for programs, Markdown and plain lines for people."""

from collections import Counter
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from assistant.journal.records import BOOKKEEPING_KINDS, Entry, Session
from assistant.journal.render import describe, title
from assistant.safe_text import shown

if TYPE_CHECKING:
    from assistant.journal.store import Journal

EXPORT_FORMAT = "hearth-journal"


def _hidden(include_bookkeeping: bool) -> frozenset[str]:
    return frozenset() if include_bookkeeping else BOOKKEEPING_KINDS


def to_json(journal: "Journal", include_bookkeeping: bool = False) -> dict:
    """Partners, sessions and entries as plain data (times as UTC ISO 8601 text)."""
    entries = journal.entries(exclude=_hidden(include_bookkeeping))
    return {
        "format": EXPORT_FORMAT,
        "schema": journal.schema_version,
        "exported_at": journal.now().isoformat(timespec="seconds"),
        "partners": journal.partners(),
        "sessions": [_session_json(session) for session in journal.sessions()],
        "entries": [_entry_json(entry) for entry in entries],
    }


def _entry_json(entry: Entry) -> dict:
    return {
        "id": entry.id,
        "kind": entry.kind,
        "partner": entry.partner,
        "created_at": entry.created_at.isoformat(),
        "session_id": entry.session_id,
        "data": entry.data,
    }


def _session_json(session: Session) -> dict:
    return {
        "id": session.id,
        "kind": session.kind,
        "started_at": session.started_at.isoformat(),
        "finished_at": session.finished_at.isoformat() if session.finished_at else None,
        "completed": session.completed,
    }


def to_markdown(journal: "Journal", include_bookkeeping: bool = False) -> str:
    """A readable document: partners, a summary of sessions, then the entries day by day."""
    zone = journal.now().tzinfo
    partners = journal.partners()
    sessions = journal.sessions()
    entries = journal.entries(exclude=_hidden(include_bookkeeping))
    lines = ["# Hearth journal", ""]
    lines.append(f"Exported {journal.now().strftime('%Y-%m-%d %H:%M')}.")
    if partners:
        lines.append(shown(f"Partners: {' and '.join(partners)}."))
    lines.append("")
    lines += _sessions_summary(journal, sessions)
    if not entries:
        lines += ["Nothing has been written in the journal yet.", ""]
    day = None
    for entry in entries:
        local = entry.created_at.astimezone(zone)
        if local.date() != day:
            if day is not None:
                lines.append("")
            day = local.date()
            lines += [f"## {local.strftime('%A %d %B %Y')}", ""]
        who = f" · {entry.partner}" if entry.partner else ""
        heading = f"{local.strftime('%H:%M')} · {title(entry.kind)}{who}"
        lines.append(shown(f"- **{heading}** — {describe(entry)}"))
    return "\n".join(lines).rstrip() + "\n"


def _sessions_summary(journal: "Journal", sessions: list[Session]) -> list[str]:
    if not sessions:
        return []
    done = Counter(session.kind for session in sessions if session.completed)
    started = Counter(session.kind for session in sessions)
    lines = ["## Exercises", ""]
    for kind in sorted(started):
        lines.append(f"- {kind}: {done[kind]} completed of {started[kind]} started")
    streak = journal.streak()
    lines.append(f"- Current streak: {streak} day{'s' if streak != 1 else ''} in a row")
    return lines + [""]


def entry_lines(journal: "Journal", entries: list[Entry]) -> list[str]:
    """One line per entry for `hearth journal list`: local date and time, kind, partner, words."""
    zone = journal.now().tzinfo
    lines = []
    for entry in entries:
        when = entry.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        who = f" {entry.partner}" if entry.partner else ""
        # Names and words as typed may hold escapes or newlines: printed visibly, never raw.
        lines.append(shown(f"{entry.id:>5}  {when}  {title(entry.kind)}{who}: {describe(entry)}"))
    return lines


def since_days(now: datetime, days: int | None) -> datetime | None:
    """The start of the window covering today and the `days - 1` days before it."""
    if days is None:
        return None
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return start - timedelta(days=max(days, 1) - 1)
