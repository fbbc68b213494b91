"""Phrase files in decks/ that are not plain decks: empathy phrases, blame patterns, the
distance check's questions. Loaded once, validated with pydantic; errors name file and field.
"""

import re
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.datafile import load_yaml_model
from assistant.errors import CatalogueError
from assistant.paths import decks_dir

INTENT_ID = r"^[a-z_]+\.[a-z_]+$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EmpathySituation(_Strict):
    """One kind of situation a partner may be in, with phrases that fit it."""

    id: str = Field(description="Stable key, e.g. work_stress.")
    name: str = Field(description="How Hearth names the situation aloud.")
    keywords: list[str] = Field(description="Words that suggest this situation (whole words).")
    phrases: list[str] = Field(min_length=2, description="Validating things to say.")
    reply: str = Field(description="Practice reply; {echo} is what the partner said, reflected.")

    @field_validator("reply")
    @classmethod
    def _only_echo(cls, value: str) -> str:
        names = set(re.findall(r"{(\w*)}", value))
        if names - {"echo"}:
            raise ValueError(f"only {{echo}} may be filled in, found {sorted(names - {'echo'})}")
        return value


class EmpathyPhrases(_Strict):
    """decks/empathy_phrases.yaml."""

    why: list[str] = Field(min_length=1, description="Why validating comes before fixing.")
    default: str = Field(description="Situation id used when no keyword matches.")
    situations: list[EmpathySituation] = Field(min_length=1, description="Situations by key.")

    def situation(self, key: str) -> EmpathySituation:
        """The situation with this id."""
        return next(s for s in self.situations if s.id == key)


class BlamePattern(_Strict):
    """A way a complaint can sound like blame, and a kind word about it."""

    id: str = Field(description="Stable key, e.g. always.")
    phrases: list[str] = Field(min_length=1, description="Words that show it (whole words).")
    note: str = Field(description="What Hearth says when it hears this.")


class BlamePatterns(_Strict):
    """decks/blame_patterns.yaml."""

    patterns: list[BlamePattern] = Field(min_length=1, description="Blaming forms to notice.")


class DistanceQuestion(_Strict):
    """One yes/no question; yes means the sign is there."""

    id: str = Field(description="Stable key, stored with the answer.")
    text: str = Field(description="The question, asked aloud.")
    sign: str = Field(description="The sign in a few words, for the summary.")
    next: str = Field(pattern=INTENT_ID, description="Intent of the exercise that helps with it.")
    offer: str = Field(description="How Hearth offers that exercise.")


class DistanceBand(_Strict):
    """A result band: up to this many yes answers."""

    id: str = Field(description="Stable key, stored with the result.")
    up_to: int = Field(ge=0, description="Highest number of yes answers in this band.")
    text: str = Field(description="What Hearth says for this band.")


class DistanceCheck(_Strict):
    """decks/distance_check.yaml."""

    intro: str = Field(description="Said before the questions.")
    questions: list[DistanceQuestion] = Field(min_length=3, description="Asked in order.")
    bands: list[DistanceBand] = Field(min_length=2, description="Ordered by up_to, ascending.")

    def band_for(self, yes_count: int) -> DistanceBand:
        """The first band whose up_to covers the count (the last band catches the rest)."""
        for band in sorted(self.bands, key=lambda b: b.up_to):
            if yes_count <= band.up_to:
                return band
        return max(self.bands, key=lambda b: b.up_to)


Model = TypeVar("Model", bound=BaseModel)


def load_phrases(name: str, model: type[Model], directory: Path | None = None) -> Model:
    """Load decks/NAME.yaml as MODEL; errors name the file and the field."""
    return _load(name, model, directory or decks_dir())


@cache
def _load(name: str, model: type[Model], directory: Path) -> Model:
    path = directory / f"{name}.yaml"
    loaded = load_yaml_model(path, model, "phrase file")
    _check_unique_ids(loaded, path)
    return loaded


def _check_unique_ids(loaded: BaseModel, path: Path) -> None:
    """Ids must be unique within each list, and a default must name a real situation."""
    for field_name in type(loaded).model_fields:
        items = getattr(loaded, field_name)
        if isinstance(items, list) and items and hasattr(items[0], "id"):
            ids = [item.id for item in items]
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise CatalogueError(f"field '{field_name}': duplicate id(s) {', '.join(dupes)}",
                                     str(path))
    if isinstance(loaded, EmpathyPhrases) and loaded.default not in {
        s.id for s in loaded.situations
    }:
        raise CatalogueError(f"field 'default': no situation with id '{loaded.default}'", str(path))


def empathy_phrases() -> EmpathyPhrases:
    """decks/empathy_phrases.yaml."""
    return load_phrases("empathy_phrases", EmpathyPhrases)


def blame_patterns() -> BlamePatterns:
    """decks/blame_patterns.yaml."""
    return load_phrases("blame_patterns", BlamePatterns)


def distance_check() -> DistanceCheck:
    """decks/distance_check.yaml."""
    return load_phrases("distance_check", DistanceCheck)
