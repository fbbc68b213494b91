"""Where Hearth's data files live: intents/, voices/, decks/ and models/ beside the package."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _dir(env: str, name: str) -> Path:
    return Path(os.environ.get(env) or PROJECT_ROOT / name)


def intents_dir() -> Path:
    """The intent catalogue (HEARTH_INTENTS_DIR overrides)."""
    return _dir("HEARTH_INTENTS_DIR", "intents")


def voices_dir() -> Path:
    """Voice profiles (HEARTH_VOICES_DIR overrides)."""
    return _dir("HEARTH_VOICES_DIR", "voices")


def decks_dir() -> Path:
    """Prompt, idea and phrase decks (HEARTH_DECKS_DIR overrides)."""
    return _dir("HEARTH_DECKS_DIR", "decks")


def models_dir() -> Path:
    """Speech models shipped beside the project (HEARTH_MODELS_DIR overrides)."""
    return _dir("HEARTH_MODELS_DIR", "models")
