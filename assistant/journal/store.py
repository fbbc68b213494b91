"""The journal: a private SQLite file in the data directory; every write is committed at once."""

import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from assistant import config
from assistant.errors import InputError, JournalError
from assistant.journal import export
from assistant.journal.crypto import Sealer, ask_passphrase, dumps, new_settings, sealer_for
from assistant.journal.kinds import shaped
from assistant.journal.opening import connect, explain
from assistant.journal.recordings import all_recordings, discard_recording
from assistant.journal.records import Entry, Session
from assistant.journal.schema import schema_version
from assistant.journal.seen import SeenCards
from assistant.safe_text import name_problem

log = logging.getLogger(__name__)

FILE_NAME = "journal.sqlite3"
AUDIO_KEYS = ("audio", "audio_path")  # data keys that point at a kept recording (voice notes)


def local_now() -> datetime:
    """The default clock: now, aware, in the local time zone (whose days make streaks)."""
    return datetime.now().astimezone()


class Journal:
    """Sessions, entries and partners in one SQLite file that only its owner can read or write."""

    def __init__(
        self,
        path: Path,
        now: Callable[[], datetime] = local_now,
        busy_timeout: float = 5.0,
        read_only: bool = False,
        passphrase: str | None = None,
        unlock: bool = True,
    ):
        """Open (creating if needed) the journal file at `path` and bring its schema up to date.

        `read_only`: only reading is intended, so a journal that cannot be written (a read-only
        file or folder) can still be listed and exported. An encrypted journal needs its
        passphrase: `passphrase`, else HEARTH_PASSPHRASE, else asked on the terminal
        (`unlock=False`: not asked; only counts and sessions can be read, as by doctor).
        """
        self.path = Path(path)
        self._now = now
        self._lock = threading.RLock()  # one connection, possibly used by the voice loop's threads
        self._conn: sqlite3.Connection | None = None
        self._seen = SeenCards()  # deck bookkeeping in memory: drawing stays fast with use
        self._conn = connect(self.path, busy_timeout, read_only)
        self._sealer: Sealer | None = None  # set when the journal is encrypted and unlocked
        self.locked = False  # encrypted, and opened without its passphrase
        try:
            if unlock:
                self._unlock(passphrase)
            else:
                self.locked = self._setting("encryption") is not None
        except BaseException:
            self.close()
            raise

    @classmethod
    def open(
        cls,
        data_dir: Path | None = None,
        now: Callable[[], datetime] = local_now,
        busy_timeout: float = 5.0,
        read_only: bool = False,
        passphrase: str | None = None,
        unlock: bool = True,
    ) -> "Journal":
        """Open the journal in `data_dir` (default: HEARTH_DATA_DIR, else the OS data dir)."""
        directory = Path(data_dir) if data_dir is not None else config.data_dir()
        return cls(directory / FILE_NAME, now=now, busy_timeout=busy_timeout,
                   read_only=read_only, passphrase=passphrase, unlock=unlock)

    def close(self) -> None:
        """Close the file; safe to call twice."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> "Journal":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @contextmanager
    def _db(self, doing: str) -> Iterator[sqlite3.Connection]:
        """The connection, with SQLite's errors turned into one clear JournalError."""
        with self._lock:
            if self._conn is None:
                raise JournalError("is closed; open it again", str(self.path))
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise explain(exc, self.path, doing) from exc

    @contextmanager
    def _transaction(self, doing: str) -> Iterator[sqlite3.Connection]:
        with self._db(doing) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:  # SQLite ends it itself on some errors (a full disk)
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def now(self) -> datetime:
        """The journal's clock, aware; its time zone decides where days begin."""
        moment = self._now()
        return moment if moment.tzinfo else moment.astimezone()

    def _stamp(self) -> str:
        return to_stamp(self._now())

    @property
    def schema_version(self) -> int:
        """The schema version of the open file."""
        with self._db("reading the schema version") as conn:
            return schema_version(conn)

    # -- sessions -----------------------------------------------------------------------------

    def start_session(self, kind: str) -> int:
        """Record that an exercise (an intent id like "ritual.bedtime") has started; its id."""
        with self._db("starting a session") as conn:
            cur = conn.execute(
                "INSERT INTO sessions (kind, started_at) VALUES (?, ?)", (kind, self._stamp())
            )
            return cur.lastrowid

    def finish_session(self, session_id: int, completed: bool) -> None:
        """Record how a session ended; completed sessions count towards streaks."""
        with self._db("finishing a session") as conn:
            cur = conn.execute(
                "UPDATE sessions SET finished_at = ?, completed = ? WHERE id = ?",
                (self._stamp(), int(completed), session_id),
            )
        if cur.rowcount == 0:
            # Forgotten meanwhile (`hearth journal forget` from another terminal): the session
            # carries on in the fresh journal, nothing to finish.
            log.info("session %s was forgotten before it finished", session_id)

    def sessions(self, kind: str | None = None, since: datetime | None = None) -> list[Session]:
        """Sessions (of one kind, started at or after `since`), oldest first."""
        clauses, params = _filters(kind=kind, since=since, time_column="started_at")
        sql = (
            "SELECT id, kind, started_at, finished_at, completed FROM sessions"
            f"{clauses} ORDER BY started_at, id"
        )
        with self._db("reading sessions") as conn:
            rows = conn.execute(sql, params).fetchall()
        return [
            Session(
                id=row[0],
                kind=row[1],
                started_at=from_stamp(row[2]),
                finished_at=from_stamp(row[3]) if row[3] else None,
                completed=bool(row[4]),
            )
            for row in rows
        ]

    # -- entries ------------------------------------------------------------------------------

    def save(
        self,
        kind: str,
        data: dict,
        partner: str | None = None,
        session_id: int | None = None,
        replaces: int | None = None,
    ) -> int:
        """Store one entry and commit it at once; its id.

        With `replaces`, the entry of that id gets the new data instead (an answer saved early
        and completed later, so nothing is lost in between); if it is gone (forgotten
        meanwhile), a new entry is stored.
        """
        data = shaped(kind, data)  # every entry of a kind stored with the same fields
        payload = self._seal(kind, encode_data(kind, data))
        with self._transaction(f"saving a '{kind}' entry") as conn:
            if replaces is not None:
                cur = conn.execute(
                    "UPDATE entries SET data = ? WHERE id = ? AND kind = ?",
                    (payload, replaces, kind),
                )
                if cur.rowcount:
                    self._seen.clear()
                    return replaces
            # A session forgotten meanwhile (forget from another terminal) leaves the entry
            # without one rather than failing the answer.
            cur = conn.execute(
                "INSERT INTO entries (kind, partner, created_at, data, session_id) "
                "VALUES (?, ?, ?, ?, (SELECT id FROM sessions WHERE id = ?))",
                (kind, valid_text(partner), self._stamp(), payload, session_id),
            )
        self._seen.saved(kind, data)
        return cur.lastrowid

    def entries(
        self,
        kind: str | None = None,
        partner: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
        exclude: Collection[str] = (),
    ) -> list[Entry]:
        """Entries matching every filter, oldest first; with `limit`, only the newest ones."""
        clauses, params = _filters(
            kind=kind, partner=partner, since=since, exclude=exclude, time_column="created_at"
        )
        columns = "id, kind, partner, created_at, data, session_id"
        sql = f"SELECT {columns} FROM entries{clauses}"
        if limit is not None:
            sql = f"SELECT * FROM ({sql} ORDER BY created_at DESC, id DESC LIMIT ?)"
            params.append(max(limit, 0))
        sql += " ORDER BY created_at, id"
        with self._db("reading entries") as conn:
            rows = conn.execute(sql, params).fetchall()
        return [
            Entry(
                id=row[0],
                kind=row[1],
                partner=row[2],
                created_at=from_stamp(row[3]),
                data=json.loads(self._open(row[1], row[4])),
                session_id=row[5],
            )
            for row in rows
        ]

    def update(self, entry_id: int, data: dict) -> None:
        """Replace an entry's data (e.g. mark a note heard), committed at once."""
        with self._transaction("updating an entry") as conn:
            row = conn.execute("SELECT kind FROM entries WHERE id = ?", (entry_id,)).fetchone()
            if row is None:
                raise JournalError(f"has no entry {entry_id} to update", str(self.path))
            payload = self._seal(row[0], encode_data(row[0], data))
            conn.execute("UPDATE entries SET data = ? WHERE id = ?", (payload, entry_id))
        self._seen.clear()

    def seen(self, deck: str) -> set[str]:
        """Ids of the deck's items drawn since they last started over."""
        with self._db(f"reading deck '{deck}'") as conn:
            return self._seen.get(conn, deck)

    # -- encryption at rest --------------------------------------------------------------------

    @property
    def encrypted(self) -> bool:
        """Whether entry bodies are sealed with a passphrase."""
        return self._sealer is not None

    def _unlock(self, passphrase: str | None) -> None:
        settings = self._setting("encryption")
        if settings is not None:
            given = passphrase or ask_passphrase(str(self.path))
            self._sealer = sealer_for(json.loads(settings), given, str(self.path))

    def _setting(self, key: str) -> str | None:
        with self._db("reading settings") as conn:
            if schema_version(conn) < 3:  # an older journal opened read-only: no settings yet
                return None
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _seal(self, kind: str, payload: str) -> str:
        return self._sealer.seal(kind, payload) if self._sealer else payload

    def _open(self, kind: str, stored: str) -> str:
        if self.locked:
            raise JournalError("is encrypted and was opened without its passphrase",
                               str(self.path))
        return self._sealer.open(kind, stored, str(self.path)) if self._sealer else stored

    def entry_count(self) -> int:
        """How many entries are stored (readable without the passphrase)."""
        with self._db("counting entries") as conn:
            return conn.execute("SELECT count(*) FROM entries").fetchone()[0]

    def encrypt(self, passphrase: str) -> int:
        """Seal every entry body with a key from `passphrase` (in one transaction) and scrub
        the plain text from the file; the number of entries sealed."""
        if self._sealer is not None:
            raise JournalError("is already encrypted", str(self.path))
        settings, sealer = new_settings(passphrase)
        count = self._reseal(lambda kind, stored: sealer.seal(kind, stored),
                             ("INSERT INTO settings (key, value) VALUES ('encryption', ?)",
                              (dumps(settings),)))
        self._sealer = sealer
        return count

    def decrypt(self) -> int:
        """Store every entry body in plain text again and drop the key settings."""
        if self._sealer is None:
            raise JournalError("is not encrypted", str(self.path))
        sealer, where = self._sealer, str(self.path)
        count = self._reseal(lambda kind, stored: sealer.open(kind, stored, where),
                             ("DELETE FROM settings WHERE key = 'encryption'", ()))
        self._sealer = None
        return count

    def _reseal(self, change: Callable[[str, str], str], statement: tuple[str, tuple]) -> int:
        with self._transaction("changing the journal's encryption") as conn:
            rows = conn.execute("SELECT id, kind, data FROM entries").fetchall()
            changed = [(change(kind, stored), entry_id) for entry_id, kind, stored in rows]
            conn.executemany("UPDATE entries SET data = ? WHERE id = ?", changed)
            conn.execute(*statement)
        self._scrub()
        return len(changed)

    def _scrub(self) -> None:
        """Rewrite the file and empty the WAL, so old text is not left in free pages."""
        with self._db("compacting") as conn:
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # -- partners -----------------------------------------------------------------------------

    def partners(self) -> list[str]:
        """The stored partner names, in answering order (empty until set)."""
        with self._db("reading partners") as conn:
            return [row[0] for row in conn.execute("SELECT name FROM partners ORDER BY position")]

    def set_partners(self, names: list[str]) -> None:
        """Remember the partners' names, replacing any stored before."""
        if not names:
            raise InputError("at least one partner name is needed")
        for name in names:
            if problem := name_problem(name):
                raise InputError(f"cannot store the partner name: {problem}")
        cleaned = [name.strip() for name in names]
        with self._transaction("storing partners") as conn:
            conn.execute("DELETE FROM partners")
            conn.executemany(
                "INSERT INTO partners (position, name) VALUES (?, ?)", enumerate(cleaned)
            )

    # -- export, forget, streaks ----------------------------------------------------------------

    def export_json(self) -> dict:
        """Everything stored (deck bookkeeping aside), as plain JSON-ready data."""
        return export.to_json(self)

    def export_markdown(self) -> str:
        """Everything stored (deck bookkeeping aside), as a readable Markdown document."""
        return export.to_markdown(self)

    def forget(self) -> None:
        """Delete everything: entries, sessions, partners, and kept note recordings."""
        recordings = self._recordings()
        with self._transaction("forgetting everything") as conn:
            conn.execute("DELETE FROM entries")
            conn.execute("DELETE FROM sessions")
            conn.execute("DELETE FROM partners")
        self._seen.clear()
        self._scrub()
        for recording in recordings:
            discard_recording(recording)

    def _recordings(self) -> list[Path]:
        """Every recording in the notes folder (named by an entry or left over, e.g. by a crash)
        and those named by entries elsewhere inside the data directory."""
        home = self.path.parent.resolve()
        found = all_recordings(self.path.parent)
        for entry in self.entries():
            for key in AUDIO_KEYS:
                value = entry.data.get(key)
                if isinstance(value, str) and value:
                    path = Path(value)
                    path = (path if path.is_absolute() else home / path).resolve()
                    if path.is_relative_to(home):
                        found.append(path)
        return found

    def streak(self, kind: str | None = None, today: date | None = None) -> int:
        """Consecutive days, ending today or yesterday, with a completed session (of that kind)."""
        now = self.now()
        zone = now.tzinfo
        today = today or now.date()
        days = {
            session.started_at.astimezone(zone).date()
            for session in self.sessions(kind)
            if session.completed
        }
        day = today if today in days else today - timedelta(days=1)
        count = 0
        while day in days:
            count += 1
            day -= timedelta(days=1)
        return count


def to_stamp(moment: datetime) -> str:
    """A sortable UTC text stamp (naive times are taken as local time)."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_stamp(text: str) -> datetime:
    """The aware UTC datetime of a stored stamp."""
    return datetime.fromisoformat(text).astimezone(UTC)


def encode_data(kind: str, data: dict) -> str:
    """The entry's data as JSON text; paths and dates become strings."""
    if not isinstance(data, dict):
        raise JournalError(f"entry '{kind}' data must be a dict, not {type(data).__name__}")
    try:
        text = json.dumps(data, default=_plain, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise JournalError(f"entry '{kind}' data cannot be stored as JSON ({exc})") from exc
    return valid_text(text)


def valid_text(text: str | None) -> str | None:
    """Text SQLite can store: lone surrogates (undecodable bytes let through) become "?"."""
    if text is None:
        return None
    return text.encode("utf-8", "replace").decode("utf-8") if not text.isascii() else text


def _plain(value: object) -> object:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _filters(
    time_column: str,
    kind: str | None = None,
    partner: str | None = None,
    since: datetime | None = None,
    exclude: Collection[str] = (),
) -> tuple[str, list]:
    clauses, params = [], []
    if kind is not None:
        clauses.append("kind = ?")
        params.append(kind)
    if partner is not None:
        clauses.append("partner = ?")
        params.append(partner)
    if since is not None:
        clauses.append(f"{time_column} >= ?")
        params.append(to_stamp(since))
    if exclude:
        clauses.append(f"kind NOT IN ({', '.join('?' * len(exclude))})")
        params.extend(exclude)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params
