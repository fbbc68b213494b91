"""Read a YAML data file (intents, decks, voices, resources) into a validated model.

Every data file fails the same way: one line naming the file and the field that is wrong.
"""

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from assistant.errors import CatalogueError

Model = TypeVar("Model", bound=BaseModel)


def first_problem(exc: ValidationError, top: str = "(top level)") -> str:
    """pydantic's first complaint as "field 'a.b': message"."""
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"]) or top
    return f"field '{where}': {err['msg']}"


def read_yaml(path: Path, what: str = "file") -> Any:
    """The parsed YAML of `path`; unreadable or malformed files raise CatalogueError."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogueError(f"cannot read {what} ({exc.strerror})", str(path)) from exc
    except UnicodeDecodeError as exc:
        raise CatalogueError(f"{what} is not UTF-8 text", str(path)) from exc
    except yaml.YAMLError as exc:
        raise CatalogueError(f"not valid YAML: {str(exc).splitlines()[0]}", str(path)) from exc


def validate(model: type[Model], raw: Any, path: Path) -> Model:
    """`raw` checked against `model`; the first problem names the file and field."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise CatalogueError(first_problem(exc), str(path)) from exc


def load_yaml_model(path: Path, model: type[Model], what: str = "file") -> Model:
    """Read and validate a YAML file in one step."""
    return validate(model, read_yaml(path, what), path)
