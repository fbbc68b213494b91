"""Files under the user's control that hold journal text: written so only the owner can read."""

import os
from pathlib import Path


def open_private(path: Path) -> int:
    """Open `path` for writing, emptied, as a file only its owner can read: 0600 even when it
    already existed with a looser mode (the descriptor; close it)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
    except OSError:
        os.close(fd)
        raise
    return fd
