"""The journal: a private SQLite file in the data directory; every write is committed at once."""

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from assistant import config
from assistant.errors import InputError, JournalError
from assistant.journal import export
from assistant.journal.recordings import all_recordings, discard_recording
from assistant.journal.records import Entry, Session
from assistant.journal.schema import check_known, migrate, schema_version

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
    ):
        """Open (creating if needed) the journal file at `path` and bring its schema up to date."""
        self.path = Path(path)
        self._now = now
        self._lock = threading.RLock()  # one connection, possibly used by the voice loop's threads
        self._conn: sqlite3.Connection | None = None
        self._busy_timeout = busy_timeout
        self._conn = self._connect(busy_timeout)

    @classmethod
    def open(
        cls,
        data_dir: Path | None = None,
        now: Callable[[], datetime] = local_now,
        busy_timeout: float = 5.0,
    ) -> "Journal":
        """Open the journal in `data_dir` (default: HEARTH_DATA_DIR, else the OS data dir)."""
        directory = Path(data_dir) if data_dir is not None else config.data_dir()
        return cls(directory / FILE_NAME, now=now, busy_timeout=busy_timeout)

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

    # -- opening ------------------------------------------------------------------------------

    def _connect(self, busy_timeout: float) -> sqlite3.Connection:
        # A tight umask while the file and its -wal/-shm companions may be created: no moment
        # where another user could open them.
        old_umask = os.umask(0o077)
        try:
            self._create_private_file()
            try:
                conn = sqlite3.connect(
                    self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
                )
            except sqlite3.Error as exc:
                raise self._error(exc, "opening") from exc
            try:
                self._prepare(conn)
            except sqlite3.Error as exc:
                conn.close()
                raise self._error(exc, "opening") from exc
            except BaseException:
                conn.close()
                raise
        finally:
            os.umask(old_umask)
        # Only once the file proved to be a journal: an unreadable file is left exactly as found.
        for suffix in ("", "-wal", "-shm"):
            _make_private(self.path.with_name(self.path.name + suffix))
        return conn

    def _create_private_file(self) -> None:
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if self.path.exists() and not self.path.is_file():
                raise JournalError("is not a file; move it aside", str(self.path))
            # Create it empty with 0600 ourselves (SQLite reads an empty file as a new database);
            # an existing file is never truncated.
            os.close(os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600))
        except OSError as exc:
            raise JournalError(
                f"cannot be created or opened ({exc.strerror}); check that the data directory "
                "is writable, or choose another with --data-dir",
                str(self.path),
            ) from exc

    def _prepare(self, conn: sqlite3.Connection) -> None:
        # Reading the version first means a file that is not a database fails here, before
        # anything (WAL mode, a migration) could write to it.
        version = schema_version(conn)
        check_known(version, str(self.path))
        if version:
            problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise sqlite3.DatabaseError(f"database disk image is malformed: {problems[0]}")
        self._use_wal(conn)  # readers (hearth journal list) never block
        conn.execute("PRAGMA synchronous = FULL")  # a committed answer survives a power cut
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")  # forgotten text is overwritten, not left behind
        old = migrate(conn, str(self.path))
        if old != schema_version(conn):
            log.info("journal %s migrated from schema %d", self.path, old)

    def _use_wal(self, conn: sqlite3.Connection) -> None:
        """Switch a new file to WAL. SQLite answers "locked" at once, without waiting, while
        another Hearth opens the same new file, so wait here (up to the busy timeout)."""
        deadline = time.monotonic() + self._busy_timeout
        while True:
            try:
                if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def _error(self, exc: sqlite3.Error, doing: str) -> JournalError:
        text = str(exc)
        where = str(self.path)
        if "locked" in text or "busy" in text:
            return JournalError(
                f"is locked by another program while {doing} (is another `hearth` running?); "
                "close it and try again. Nothing stored was lost",
                where,
            )
        if isinstance(exc, sqlite3.DatabaseError) and (
            "not a database" in text or "malformed" in text or "corrupt" in text
        ):
            return JournalError(
                f"is not a readable journal ({text}); it was left untouched. Move it aside "
                f"(mv '{where}' '{where}.broken') and Hearth will start a new one",
                where,
            )
        if "readonly" in text or "unable to open" in text:
            return JournalError(
                f"cannot be written while {doing} ({text}); check the permissions of "
                f"{self.path.parent}",
                where,
            )
        return JournalError(f"{doing} failed ({text})", where)

    @contextmanager
    def _db(self, doing: str) -> Iterator[sqlite3.Connection]:
        """The connection, with SQLite's errors turned into one clear JournalError."""
        with self._lock:
            if self._conn is None:
                raise JournalError("is closed; open it again", str(self.path))
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise self._error(exc, doing) from exc

    @contextmanager
    def _transaction(self, doing: str) -> Iterator[sqlite3.Connection]:
        with self._db(doing) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
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
        payload = encode_data(kind, data)
        with self._transaction(f"saving a '{kind}' entry") as conn:
            if replaces is not None:
                cur = conn.execute(
                    "UPDATE entries SET data = ? WHERE id = ? AND kind = ?",
                    (payload, replaces, kind),
                )
                if cur.rowcount:
                    return replaces
            # A session forgotten meanwhile (forget from another terminal) leaves the entry
            # without one rather than failing the answer.
            cur = conn.execute(
                "INSERT INTO entries (kind, partner, created_at, data, session_id) "
                "VALUES (?, ?, ?, ?, (SELECT id FROM sessions WHERE id = ?))",
                (kind, valid_text(partner), self._stamp(), payload, session_id),
            )
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
                data=json.loads(row[4]),
                session_id=row[5],
            )
            for row in rows
        ]

    def update(self, entry_id: int, data: dict) -> None:
        """Replace an entry's data (e.g. mark a note heard), committed at once."""
        payload = encode_data("update", data)
        with self._db("updating an entry") as conn:
            cur = conn.execute("UPDATE entries SET data = ? WHERE id = ?", (payload, entry_id))
        if cur.rowcount == 0:
            raise JournalError(f"has no entry {entry_id} to update", str(self.path))

    def seen(self, deck: str) -> set[str]:
        """Ids of the deck's items drawn since they last started over."""
        sql = (
            "SELECT kind, data FROM entries WHERE kind IN ('deck_seen', 'deck_reset') "
            "AND json_extract(data, '$.deck') = ? ORDER BY created_at, id"
        )
        with self._db(f"reading deck '{deck}'") as conn:
            rows = conn.execute(sql, (deck,)).fetchall()
        seen: set[str] = set()
        for kind, payload in rows:
            data = json.loads(payload)
            if kind == "deck_seen":
                seen.add(str(data.get("item")))
            else:
                seen.difference_update(str(item) for item in data.get("items", []))
        return seen

    # -- partners -----------------------------------------------------------------------------

    def partners(self) -> list[str]:
        """The stored partner names, in answering order (empty until set)."""
        with self._db("reading partners") as conn:
            return [row[0] for row in conn.execute("SELECT name FROM partners ORDER BY position")]

    def set_partners(self, names: list[str]) -> None:
        """Remember the partners' names, replacing any stored before."""
        cleaned = [name.strip() for name in names]
        if not cleaned or not all(cleaned):
            raise InputError(f"partner names must not be empty (got {names!r})")
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
        with self._db("compacting after forgetting") as conn:
            # Rewrite the file and empty the WAL, so deleted text is not left in free pages.
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
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


def _make_private(path: Path) -> None:
    """chmod 0600 if the file exists and is looser (e.g. made by an older version)."""
    try:
        if path.exists() and path.stat().st_mode & 0o077:
            path.chmod(0o600)
    except OSError as exc:
        log.warning("could not make %s private: %s", path, exc.strerror)
