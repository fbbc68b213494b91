"""The journal's line in `hearth doctor`: can it be opened, is it private."""

import os
import stat
from pathlib import Path

from assistant import config
from assistant.doctor import Check
from assistant.errors import JournalError
from assistant.journal.store import FILE_NAME, Journal


def check_journal(data_dir: Path | None = None) -> Check:
    """Open the journal (if it exists) and report what is stored and whether it is private."""
    path = config.data_dir(data_dir) / FILE_NAME
    if not path.exists():
        parent = next((p for p in path.parents if p.exists()), Path("/"))
        if os.access(parent, os.W_OK):
            return Check("journal", True, f"not created yet; the first answer creates {path}")
        return Check("journal", False, f"{parent} is not writable, so {path} cannot be created",
                     fix="choose another place with --data-dir or HEARTH_DATA_DIR")
    try:
        with Journal.open(path.parent) as journal:
            count = len(journal.entries())
    except JournalError as exc:
        return Check("journal", False, str(exc), fix="see the message: move the file aside or "
                                                     "close the other program using it")
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode != 0o600:
        return Check("journal", False, f"{path} has mode {mode:o}; others could read it",
                     fix=f"chmod 600 '{path}'")
    return Check("journal", True, f"{path}: {count} entries, private (mode 600)")
