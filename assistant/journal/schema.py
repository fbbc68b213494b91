"""The journal's tables, grown one migration at a time; PRAGMA user_version says how far."""

import sqlite3

from assistant.errors import JournalError

# Each step moves the schema from version i to i + 1. Never edit a released step: add one.
MIGRATIONS: tuple[str, ...] = (
    # 1: sessions and entries, the heart of the journal
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        completed INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        partner TEXT,
        created_at TEXT NOT NULL,
        data TEXT NOT NULL,
        session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL
    );
    """,
    # 2: partners remembered once asked; indexes for the common queries
    """
    CREATE TABLE partners (
        position INTEGER PRIMARY KEY,
        name TEXT NOT NULL
    );
    CREATE INDEX entries_by_kind ON entries(kind, created_at);
    CREATE INDEX sessions_by_kind ON sessions(kind, started_at);
    """,
    # 3: journal-wide settings (encryption at rest: salt, scrypt cost, key check)
    """
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """The version the file is at (0 for a new, empty file)."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection, where: str) -> int:
    """Bring the schema up to SCHEMA_VERSION, a transaction per step; the version it started at.

    The version is read again under the write lock: several Hearths starting together on a new
    data directory must not each decide to run the same step.
    """
    start = schema_version(conn)
    check_known(start, where)
    while schema_version(conn) < SCHEMA_VERSION:
        # executescript would commit on its own; run the statements inside one transaction so a
        # crash mid-migration leaves the previous version intact.
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = schema_version(conn)  # another process may have migrated meanwhile
            if version < SCHEMA_VERSION:
                for statement in _statements(MIGRATIONS[version]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version + 1}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    return start


def check_known(version: int, where: str) -> None:
    """Refuse a file from a newer Hearth before anything is written to it."""
    if version > SCHEMA_VERSION:
        raise JournalError(
            f"was written by a newer Hearth (schema {version}, this one knows {SCHEMA_VERSION}); "
            "upgrade Hearth to open it. The file was left untouched",
            where,
        )


def _statements(script: str) -> list[str]:
    """Split a migration into statements (none of ours contain a semicolon inside a string)."""
    return [part.strip() for part in script.split(";") if part.strip()]
