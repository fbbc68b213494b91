"""What Hearth says when the crisis guard fires: calm, short, and the region's resources."""

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from assistant.datafile import read_yaml, validate
from assistant.errors import CatalogueError
from assistant.paths import decks_dir

ABUSE_CONCERNS = {"abuse", "violence"}


class Resources(BaseModel):
    """One region's crisis lines."""

    model_config = ConfigDict(extra="forbid")
    emergency: str  # the emergency number, as a sentence
    crisis: str  # suicide and self-harm line
    abuse: str  # domestic violence and abuse line


@cache
def load_resources(path: Path | None = None) -> dict[str, Resources]:
    """Every region's resources from decks/crisis_resources.yaml."""
    path = path or decks_dir() / "crisis_resources.yaml"
    raw = read_yaml(path, "crisis resources")
    if not isinstance(raw, dict) or "US" not in raw:
        raise CatalogueError("must map regions (US, UK, ...) to their resources; US is required",
                             str(path))
    return {region: validate(Resources, lines, path) for region, lines in raw.items()}


def crisis_reply(concern: str | None, region: str) -> list[str]:
    """The lines to say, in order. Abuse gets the abuse line first; nothing suggests couples work."""
    res = load_resources().get(region) or load_resources()["US"]
    if concern in ABUSE_CONCERNS:
        return [
            "I'm going to stop here, because what you said matters more.",
            "What is happening to you is not your fault, and you deserve to be safe.",
            res.abuse, res.emergency,
            "I won't write any of this down. I'm here if you want to talk about staying safe.",
        ]
    return [
        "I'm going to stop here, because what you said matters more.",
        "I'm really glad you told me. You don't have to carry this alone.",
        res.crisis, res.abuse, res.emergency,
        "I won't write any of this down. I'm here, and I'm listening.",
    ]
