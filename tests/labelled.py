"""Readers for the labelled sets in tests/data/ (tab-separated, '#' lines are comments)."""

from pathlib import Path

DATA = Path(__file__).parent / "data"


def rows(name: str) -> list[list[str]]:
    """The rows of tests/data/NAME after its header line, split at tabs."""
    lines = [line.rstrip("\n") for line in (DATA / name).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]
