"""What each `hearth journal` command does; the CLI only parses arguments and prints."""

import json
import os
from pathlib import Path

from assistant import config
from assistant.errors import JournalError
from assistant.journal.crypto import ask_passphrase
from assistant.journal.export import entry_lines, since_days, to_json, to_markdown
from assistant.journal.plot import plot_moods
from assistant.journal.private_files import open_private
from assistant.journal.records import BOOKKEEPING_KINDS
from assistant.journal.store import FILE_NAME, Journal

DEFAULT_PLOT = Path("hearth-moods.png")


def list_entries(
    data_dir: Path | None,
    kind: str | None = None,
    partner: str | None = None,
    days: int | None = None,
    limit: int | None = None,
    include_bookkeeping: bool = False,
) -> str:
    """The journal's entries, one line each, oldest first (or a line saying there are none)."""
    with Journal.open(data_dir, read_only=True) as journal:
        entries = journal.entries(
            kind=kind,
            partner=partner,
            since=since_days(journal.now(), days),
            limit=limit,
            exclude=() if include_bookkeeping else BOOKKEEPING_KINDS,
        )
        if not entries:
            return f"No entries yet in {journal.path}."
        return "\n".join(entry_lines(journal, entries))


def export_journal(data_dir: Path | None, markdown: bool, include_bookkeeping: bool = False) -> str:
    """Everything stored, as pretty JSON or as Markdown."""
    with Journal.open(data_dir, read_only=True) as journal:
        if markdown:
            return to_markdown(journal, include_bookkeeping)
        data = to_json(journal, include_bookkeeping)
    return json.dumps(data, indent=2, ensure_ascii=False)


def journal_path(data_dir: Path | None) -> Path:
    """Where the journal file is (without opening it)."""
    return config.data_dir(data_dir) / FILE_NAME


def forget_everything(data_dir: Path | None) -> Path:
    """Delete everything stored; the journal's path."""
    with Journal.open(data_dir) as journal:
        journal.forget()
        return journal.path


def encrypt_journal(data_dir: Path | None) -> tuple[Path, int]:
    """Turn encryption at rest on, with a passphrase asked twice (or HEARTH_PASSPHRASE)."""
    with Journal.open(data_dir) as journal:
        if journal.encrypted:
            raise JournalError("is already encrypted", str(journal.path))
        passphrase = ask_passphrase(str(journal.path), confirm=True)
        return journal.path, journal.encrypt(passphrase)


def decrypt_journal(data_dir: Path | None) -> tuple[Path, int]:
    """Turn encryption at rest off (the passphrase opens it first)."""
    with Journal.open(data_dir) as journal:
        return journal.path, journal.decrypt()


def plot_journal(data_dir: Path | None, out: Path | None, days: int | None) -> tuple[Path, int]:
    """Draw the moods to a PNG; where it went and how many check-ins it shows."""
    out = out or DEFAULT_PLOT
    with Journal.open(data_dir, read_only=True) as journal:
        return out, plot_moods(journal, out, days)


def write_private(path: Path, text: str) -> None:
    """Write an export readable by its owner only (it holds the whole journal)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = open_private(path)  # 0600 even over an existing, looser file
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text if text.endswith("\n") else text + "\n")
    except OSError as exc:
        raise JournalError(f"cannot write the export ({exc.strerror})", str(path)) from exc
