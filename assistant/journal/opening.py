"""Opening the journal file: created private, checked before anything is written to it, read-only
when only read, and SQLite's errors turned into one line that says what to do."""

import logging
import os
import shutil
import sqlite3
import time
from pathlib import Path
from urllib.parse import quote

from assistant.errors import JournalError
from assistant.journal.schema import SCHEMA_VERSION, check_known, migrate, schema_version

log = logging.getLogger(__name__)

LOW_SPACE = 1 << 20  # bytes free under which a failed write is blamed on a full disk


def connect(path: Path, busy_timeout: float, read_only: bool = False) -> sqlite3.Connection:
    """An open, checked, up-to-date connection to the journal at `path`.

    `read_only` (list, export, plot): an existing file is opened without writing to it, so a
    read-only file or folder can still be read; a missing one is created as usual.
    """
    # A tight umask while the file and its -wal/-shm companions may be created: no moment
    # where another user could open them.
    old_umask = os.umask(0o077)
    try:
        if read_only and path.is_file():
            conn = _connect_read_only(path, busy_timeout)
            if conn is not None:
                return conn
        create_private_file(path)
        try:
            conn = sqlite3.connect(
                path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise explain(exc, path, "opening") from exc
        try:
            _prepare(conn, path, busy_timeout)
        except sqlite3.Error as exc:
            conn.close()
            raise explain(exc, path, "opening") from exc
        except BaseException:
            conn.close()
            raise
    finally:
        os.umask(old_umask)
    # Only once the file proved to be a journal: an unreadable file is left exactly as found.
    for suffix in ("", "-wal", "-shm"):
        make_private(path.with_name(path.name + suffix))
    return conn


def _connect_read_only(path: Path, busy_timeout: float) -> sqlite3.Connection | None:
    """The file opened for reading only; None when it needs a migration we may write."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None,
                               check_same_thread=False)
    except sqlite3.Error as exc:
        raise explain(exc, path, "opening to read") from exc
    try:
        try:
            version = _check(conn, path)
        except sqlite3.OperationalError as exc:
            if "unable to open" not in str(exc):
                raise
            # A WAL journal in a folder we cannot write: SQLite cannot make its -shm file,
            # so read the file as it stands on disk.
            conn.close()
            conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?immutable=1", uri=True,
                                   isolation_level=None, check_same_thread=False)
            version = _check(conn, path)
        if version < SCHEMA_VERSION and _writable(path):
            conn.close()
            return None  # an older journal we may upgrade: open it normally
        # An older journal we cannot upgrade is read as it is (what it lacks reads as empty).
        return conn
    except sqlite3.Error as exc:
        conn.close()
        raise explain(exc, path, "opening to read") from exc
    except BaseException:
        conn.close()
        raise


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def create_private_file(path: Path) -> None:
    """The folder (0700) and an empty 0600 file; an existing file is never truncated."""
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise JournalError(
            "is a file, not a folder, so the journal cannot live there; move the file aside "
            "or choose another data directory with --data-dir",
            str(folder),
        )
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise JournalError(
            f"cannot be created ({exc.strerror}); choose another data directory with "
            "--data-dir or HEARTH_DATA_DIR",
            str(folder),
        ) from exc
    if path.exists() and not path.is_file():
        raise JournalError("is not a file; move it aside", str(path))
    if path.exists() and not os.access(path, os.W_OK):
        raise JournalError(
            f"is read-only, so nothing new can be kept; make it writable (chmod u+w '{path}'). "
            "`hearth journal list` and `export` still read it",
            str(path),
        )
    try:
        # SQLite reads an empty file as a new database.
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    except OSError as exc:
        if not path.exists() and not os.access(folder, os.W_OK):
            raise JournalError(
                "is not writable, so the journal cannot be created there; make it writable "
                f"(chmod u+w '{folder}') or choose another data directory with --data-dir",
                str(folder),
            ) from exc
        raise JournalError(f"cannot be opened ({exc.strerror})", str(path)) from exc


def _check(conn: sqlite3.Connection, path: Path) -> int:
    """Its schema version, after refusing a newer or damaged file (nothing written yet)."""
    version = schema_version(conn)
    check_known(version, str(path))
    if version:
        problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise sqlite3.DatabaseError(f"database disk image is malformed: {problems[0]}")
    return version


def _prepare(conn: sqlite3.Connection, path: Path, busy_timeout: float) -> None:
    # Reading the version first means a file that is not a database fails here, before
    # anything (WAL mode, a migration) could write to it.
    _check(conn, path)
    _use_wal(conn, busy_timeout)  # readers (hearth journal list) never block
    conn.execute("PRAGMA synchronous = FULL")  # a committed answer survives a power cut
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")  # forgotten text is overwritten, not left behind
    old = migrate(conn, str(path))
    if old != schema_version(conn):
        log.info("journal %s migrated from schema %d", path, old)


def _use_wal(conn: sqlite3.Connection, busy_timeout: float) -> None:
    """Switch a new file to WAL. SQLite answers "locked" at once, without waiting, while
    another Hearth opens the same new file, so wait here (up to the busy timeout)."""
    deadline = time.monotonic() + busy_timeout
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def explain(exc: sqlite3.Error, path: Path, doing: str) -> JournalError:
    """SQLite's error as one line naming the file and what to do; nothing stored is lost."""
    text = str(exc)
    where = str(path)
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
    if "full" in text or ("disk I/O" in text and _space_left(path) < LOW_SPACE):
        return JournalError(
            f"cannot be written while {doing}: the disk is full. Free some space and try "
            "again; everything saved before is kept",
            where,
        )
    if "readonly" in text:
        return JournalError(
            f"is read-only, so nothing new can be kept while {doing}; make it and its folder "
            f"writable (chmod u+w '{where}' '{path.parent}'). Reading and export still work",
            where,
        )
    if "unable to open" in text:
        return JournalError(
            f"cannot be opened while {doing} ({text}); check the permissions of {path.parent}",
            where,
        )
    if "disk I/O" in text:
        return JournalError(
            f"the disk reported an error while {doing}; check the disk (and `dmesg`), then "
            "try again", where,
        )
    return JournalError(f"{doing} failed ({text})", where)


def _space_left(path: Path) -> int:
    try:
        return shutil.disk_usage(path.parent).free
    except OSError:
        return LOW_SPACE  # cannot tell: do not claim the disk is full


def make_private(path: Path) -> None:
    """chmod 0600 if the file exists and is looser (e.g. made by an older version)."""
    try:
        if path.exists() and path.stat().st_mode & 0o077:
            path.chmod(0o600)
    except OSError as exc:
        log.warning("could not make %s private: %s", path, exc.strerror)
