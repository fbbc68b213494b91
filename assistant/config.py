"""Settings from a TOML file in the user's config directory (HEARTH_CONFIG overrides the path)."""

import os
import tomllib
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from assistant.datafile import first_problem
from assistant.errors import ConfigError
from assistant.safe_text import name_problem

APP = "hearth"


class Settings(BaseModel):
    """Everything a user can set in config.toml; unknown keys are an error, not a surprise."""

    model_config = ConfigDict(extra="forbid")

    partners: list[str] = Field(
        default_factory=list, max_length=2,
        description="The partners' names in answering order: two, or one person alone.",
    )
    engine: Literal["pocketsphinx", "vosk"] = Field(
        "pocketsphinx", description="Speech recogniser; vosk needs a downloaded model."
    )
    vosk_model: Path | None = Field(None, description="Path to a Vosk model directory.")
    dictation: Literal["whisper", "pocketsphinx"] = Field(
        "whisper", description="Free-speech recogniser: whisper (neural, needs its model "
        "package) or pocketsphinx (always there)."
    )
    whisper_model: Path | None = Field(
        None, description="A CTranslate2 Whisper model folder; default: the bundled tiny.en."
    )
    voice: str = Field("warm", description="Voice profile name from voices/.")
    voice_engine: Literal["piper", "espeak"] = Field(
        "piper", description="piper: each profile's neural voice when installed; espeak: "
        "always espeak-ng."
    )
    spoken_names: dict[str, str] = Field(
        default_factory=dict,
        description="Names spelt the way the voice should say them, e.g. {Siobhan = \"Shivawn\"}.",
    )
    wake_phrase: str | None = Field(
        None, description="Say this before a request in `hearth listen`; none means always on."
    )
    region: Literal["US", "UK", "CA", "AU", "IE", "NZ"] = Field(
        "US", description="Which crisis resources to read out."
    )
    input_device: str | int | None = Field(None, description="Microphone name or index.")
    output_device: str | int | None = Field(None, description="Speaker name or index.")
    trailing_silence: float = Field(
        0.24, ge=0.1, le=5.0, description="Seconds of silence that end a spoken request."
    )
    dictation_silence: float = Field(
        1.0, ge=0.2, le=5.0, description="Seconds of silence that end a free-speech answer."
    )
    idle_timeout: float = Field(
        60.0, ge=5.0, description="Seconds without an answer before Hearth asks again."
    )
    bedtime_steps: list[Literal["phones", "appreciation", "reading", "breaths", "goodnight"]] = (
        Field(
            default_factory=lambda: ["phones", "appreciation", "reading", "breaths", "goodnight"],
            description="The bedtime ritual's steps, in order.",
        )
    )
    reading_minutes: int = Field(12, ge=10, le=15, description="Reading-together timer length.")


    @field_validator("partners")
    @classmethod
    def _names(cls, names: list[str]) -> list[str]:
        # A name is printed on every line and said aloud: no newlines, escapes or blanks.
        for name in names:
            if problem := name_problem(name):
                raise ValueError(problem)
        cleaned = [name.strip() for name in names]
        if len(set(cleaned)) < len(cleaned):
            raise ValueError("the two names must differ")
        return cleaned


def config_path() -> Path:
    """Where the config file is read from."""
    env = os.environ.get("HEARTH_CONFIG")
    return Path(env) if env else Path(platformdirs.user_config_dir(APP)) / "config.toml"


def data_dir(override: str | Path | None = None) -> Path:
    """Where the journal and notes live: --data-dir, then HEARTH_DATA_DIR, then the OS default."""
    chosen = override or os.environ.get("HEARTH_DATA_DIR")
    return Path(chosen) if chosen else Path(platformdirs.user_data_dir(APP))


def load_settings(path: Path | None = None) -> Settings:
    """Read and validate the config file; a missing file means the defaults."""
    path = path or config_path()
    if not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"not valid TOML ({exc}); fix the file or delete it", str(path)) from exc
    except OSError as exc:
        raise ConfigError(f"cannot be read ({exc.strerror})", str(path)) from exc
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(first_problem(exc), str(path)) from exc
