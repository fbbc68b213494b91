"""Commands: (none yet)."""


def register(sub) -> None:
    """Add this module's commands to the `hearth` parser."""
