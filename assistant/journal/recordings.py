"""Kept voice recordings (notes): written private, and removed without a trace when not wanted.

A recording is kept only for an answer that asked for it (a voice note). Everything else —
a crisis statement above all — is discarded: its samples are overwritten before the file is
unlinked, so the words cannot be read back from the disk's free blocks of this file.
"""

import logging
import os
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

NOTES_DIR = "notes"  # under the data directory


def notes_dir(data_dir: Path) -> Path:
    """Where kept recordings live in a data directory."""
    return Path(data_dir) / NOTES_DIR


def keep_recording(directory: Path, audio: np.ndarray, rate: int, stem: str) -> Path:
    """Write `audio` as `<directory>/<stem>.wav`, mode 0600 in a 0700 folder; never overwrites."""
    from assistant.audio.files import write_wav

    directory = Path(directory)
    old_umask = os.umask(0o077)  # no moment where the file or folder is readable by others
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = directory / f"{stem}.wav"
        counter = 1
        while path.exists():  # two notes in the same second keep both
            path = directory / f"{stem}-{counter}.wav"
            counter += 1
        write_wav(path, audio, rate)
    finally:
        os.umask(old_umask)
    path.chmod(0o600)
    return path


def discard_recording(path: Path | str | None) -> None:
    """Overwrite a recording with zeros, then delete it; a missing file is fine."""
    if not path:
        return
    path = Path(path)
    try:
        if path.is_symlink():  # never write through a link to a file elsewhere
            path.unlink()
            return
        size = path.stat().st_size
        with open(path, "r+b") as handle:
            handle.write(b"\0" * size)
            handle.flush()
            os.fsync(handle.fileno())
        path.unlink()
    except FileNotFoundError:
        return
    except OSError as exc:
        log.warning("could not delete recording %s: %s", path, exc.strerror)


def all_recordings(data_dir: Path) -> list[Path]:
    """Every file in the data directory's notes folder, referenced by an entry or not."""
    folder = notes_dir(data_dir)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() or p.is_symlink())
