"""The private journal: a SQLite file in the data directory (see store.Journal)."""

from assistant.journal.records import BOOKKEEPING_KINDS, Entry, Session
from assistant.journal.store import FILE_NAME, Journal

__all__ = ["BOOKKEEPING_KINDS", "FILE_NAME", "Entry", "Journal", "Session"]
