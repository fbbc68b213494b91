"""Crisis resources: the lines said when the crisis guard fires, per region.

They come from decks/crisis_resources.yaml so they can be kept current without code, but the
reply never depends on that file: a built-in copy of the shipped defaults is used for any region
the file does not give, and for all of them when it is missing or broken.
"""

import logging
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from assistant.datafile import read_yaml, validate
from assistant.errors import CatalogueError, HearthError
from assistant.paths import decks_dir

log = logging.getLogger(__name__)

FILE_NAME = "crisis_resources.yaml"


class Resources(BaseModel):
    """One region's crisis lines."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    emergency: str  # the emergency number, as a sentence
    crisis: str  # suicide and self-harm line
    abuse: str  # domestic violence and abuse line


# The shipped defaults, kept here too so the resources are said whatever happens to decks/.
# tests/test_resources.py checks this copy against decks/crisis_resources.yaml.
BUILT_IN: dict[str, Resources] = {
    "US": Resources(
        emergency="If you are in danger right now, call 911.",
        crisis="You can call or text 988, the Suicide and Crisis Lifeline, any time, day or "
        "night.",
        abuse="The National Domestic Violence Hotline is 1-800-799-7233, or text START to "
        "88788.",
    ),
    "UK": Resources(
        emergency="If you are in danger right now, call 999.",
        crisis="You can call Samaritans free on 116 123, any time.",
        abuse="The National Domestic Abuse Helpline is 0808 2000 247, free and open all day "
        "and night.",
    ),
    "CA": Resources(
        emergency="If you are in danger right now, call 911.",
        crisis="You can call or text 988, the Suicide Crisis Helpline, any time.",
        abuse="A local shelter or crisis line can help; calling 211 will connect you to one.",
    ),
    "AU": Resources(
        emergency="If you are in danger right now, call 000.",
        crisis="You can call Lifeline on 13 11 14, any time.",
        abuse="1800RESPECT, on 1800 737 732, helps with family and domestic violence.",
    ),
    "IE": Resources(
        emergency="If you are in danger right now, call 112 or 999.",
        crisis="You can call Samaritans free on 116 123, any time.",
        abuse="Women's Aid is on 1800 341 900, and Men's Aid on 01 554 3811.",
    ),
    "NZ": Resources(
        emergency="If you are in danger right now, call 111.",
        crisis="You can call or text 1737 to talk with a trained counsellor, any time.",
        abuse="Women's Refuge is on 0800 733 843, any time.",
    ),
}


def resources_path() -> Path:
    """Where the editable resources live."""
    return decks_dir() / FILE_NAME


def read_resources(path: Path | None = None) -> dict[str, Resources]:
    """Every region in the file, validated; CatalogueError naming the file and field if not."""
    path = path or resources_path()
    raw = read_yaml(path, "crisis resources")
    if not isinstance(raw, dict) or "US" not in raw:
        raise CatalogueError("must map regions (US, UK, ...) to their resources; US is required",
                             str(path))
    return {str(region): validate(Resources, lines, path) for region, lines in raw.items()}


@cache
def load_resources(path: Path | None = None) -> dict[str, Resources]:
    """The file's regions over the built-in ones; the built-in copy alone if the file fails."""
    try:
        return {**BUILT_IN, **read_resources(path)}
    except HearthError as exc:
        log.warning("%s; using the built-in crisis resources", exc)
        return dict(BUILT_IN)


def resources_for(region: str) -> Resources:
    """The region's lines (US when the region is unknown). Never raises."""
    loaded = load_resources()
    return loaded.get(region) or loaded["US"]


def resources_problem(path: Path | None = None) -> str | None:
    """What is wrong with the resources file, or None when it is fine (for doctor and start-up)."""
    try:
        read_resources(path)
    except HearthError as exc:
        return str(exc)
    return None
