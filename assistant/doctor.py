"""The shape of one `hearth doctor` finding; each subsystem contributes its own checks."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    """One thing `hearth doctor` looked at."""

    name: str  # what was checked, e.g. "microphone"
    ok: bool  # whether it is usable
    detail: str  # what was found
    fix: str = ""  # how to fix it when not ok
