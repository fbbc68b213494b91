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
        with Journal.open(path.parent, read_only=True, unlock=False) as journal:
            count, locked = journal.entry_count(), journal.locked
    except JournalError as exc:
        return Check("journal", False, str(exc), fix="see the message: move the file aside or "
                                                     "close the other program using it")
    loose = loose_files(path.parent)
    if loose:
        shown = ", ".join(f"{p} ({mode:o})" for p, mode in loose[:3])
        more = f" and {len(loose) - 3} more" if len(loose) > 3 else ""
        return Check("journal", False, f"others could read {shown}{more}",
                     fix=f"chmod -R go-rwx '{path.parent}'")
    sealed = "; encrypted at rest" if locked else ""
    return Check("journal", True, f"{path}: {count} entries{sealed}; every file in "
                 f"{path.parent} private (600, folders 700)")


def loose_files(data_dir: Path) -> list[tuple[Path, int]]:
    """Files (not 0600) and folders (not 0700) in the data directory that others could open."""
    found = []
    for folder, dirs, files in os.walk(data_dir):
        for name in dirs + files:
            item = Path(folder) / name
            try:
                mode = stat.S_IMODE(item.lstat().st_mode)
            except OSError:
                continue
            if item.is_symlink():
                continue
            if mode & 0o077:
                found.append((item, mode))
    data_mode = stat.S_IMODE(data_dir.stat().st_mode)
    if data_mode & 0o077:
        found.insert(0, (data_dir, data_mode))
    return found
