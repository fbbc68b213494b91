"""Voice profiles: YAML files in voices/, one per voice, validated where they are loaded.

A profile file (voices/calm.yaml):

    name: calm                # the profile's key; must match the file name
    description: Slow and low, for breathing and bedtime
    voice: en-us              # an espeak-ng voice name or language code (`espeak-ng --voices`)
    rate: 140                 # words per minute (80-400)
    exercise_rate: 115        # slower words per minute for exercise cues (80-400)
    volume: 0.8               # 0.0-1.0
    pitch: 38                 # 0-100, 50 is the voice's normal pitch
    sentence_pause: 0.45      # seconds of silence between sentences (0-3)

The dialogue asks for a style ("warm", "calm", "bright"): the profile with that name is used,
or the configured default (`voice` in config.toml) when there is none by that name.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from assistant.datafile import read_yaml, validate
from assistant.errors import CatalogueError, VoiceError
from assistant.paths import voices_dir


class VoiceProfile(BaseModel):
    """How one of Hearth's voices sounds."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(..., min_length=1, description="The profile's key; matches the file name.")
    description: str = Field("", description="One line on when this voice is used.")
    voice: str = Field("en-us", min_length=1, description="espeak-ng voice name or language.")
    rate: int = Field(160, ge=80, le=400, description="Words per minute.")
    exercise_rate: int = Field(
        130, ge=80, le=400, description="Slower words per minute for exercise cues."
    )
    volume: float = Field(0.9, ge=0.0, le=1.0, description="Loudness, 0.0 to 1.0.")
    pitch: int = Field(50, ge=0, le=100, description="Base pitch, 0-100; 50 is normal.")
    sentence_pause: float = Field(
        0.35, ge=0.0, le=3.0, description="Seconds of silence between sentences."
    )
    source: Path | None = Field(None, exclude=True, description="The file it was loaded from.")

    @model_validator(mode="after")
    def _exercise_not_faster(self) -> VoiceProfile:
        if self.exercise_rate > self.rate:
            raise ValueError("exercise_rate must not be faster than rate")
        return self

    @property
    def where(self) -> str:
        """The file this profile came from, for error messages."""
        return str(self.source) if self.source else f"voice profile '{self.name}'"


def load_profile(path: Path) -> VoiceProfile:
    """Load and validate one profile file; errors name the file and the field."""
    raw = read_yaml(path, "voice profile")
    if not isinstance(raw, dict):
        raise CatalogueError("a voice profile must be a mapping of fields (name:, voice:, ...)",
                             str(path))
    profile = validate(VoiceProfile, {**raw, "source": path}, path)
    if profile.name != path.stem:
        raise CatalogueError(
            f"field 'name': '{profile.name}' must match the file name '{path.stem}'", str(path)
        )
    return profile


def load_profiles(directory: Path | None = None) -> dict[str, VoiceProfile]:
    """Every profile in voices/ by name; a broken file is an error, not silently skipped."""
    directory = directory or voices_dir()
    files = sorted(directory.glob("*.yaml")) if directory.is_dir() else []
    if not files:
        raise CatalogueError("no voice profiles (*.yaml) found; restore the voices/ folder "
                             "or set HEARTH_VOICES_DIR", str(directory))
    return {profile.name: profile for profile in map(load_profile, files)}


def choose_profile(
    profiles: dict[str, VoiceProfile], default: str, style: str | None = None
) -> VoiceProfile:
    """The profile for a style hint, falling back to the default profile name."""
    if style and style in profiles:
        return profiles[style]
    if default not in profiles:
        raise VoiceError(
            f"unknown voice '{default}'; choose one of: {', '.join(sorted(profiles))} "
            "(see `hearth voices`)"
        )
    return profiles[default]
