"""A user's own intents directory (hassil-style YAML) as a command grammar's meaning: which
intent a heard sentence is and its slot values. Hearth's catalogue has its own matcher; this is
for `hearth transcribe --intents DIR` and the real-speech benchmark."""

from dataclasses import dataclass, field
from pathlib import Path

from hassil import Intents, recognize

from assistant.datafile import read_yaml
from assistant.errors import CatalogueError


@dataclass(frozen=True)
class Command:
    """What a sentence of the grammar means."""

    intent: str | None  # None: the words are not a sentence of the grammar
    slots: dict[str, str] = field(default_factory=dict)  # slot name -> value


def check_intents_dir(folder: Path) -> list[Path]:
    """The YAML files of an intents directory; CatalogueError when there are none."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CatalogueError("is not a directory of intent files; give a folder of *.yaml "
                             "hassil-style intent files", str(folder))
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise CatalogueError("holds no *.yaml intent files; add at least one (hassil format: "
                             "intents: NAME: data: - sentences: [...])", str(folder))
    return files


def load_intents(folder: Path) -> Intents:
    """Every intents file of `folder` merged into one hassil Intents."""
    merged: dict = {"language": "en", "intents": {}, "lists": {}, "expansion_rules": {}}
    for path in check_intents_dir(folder):
        data = read_yaml(path, "intent file") or {}
        if not isinstance(data, dict):
            raise CatalogueError("is not a mapping of intents:, lists:, expansion_rules:",
                                 str(path))
        for key in ("intents", "lists", "expansion_rules"):
            merged[key].update(data.get(key) or {})
    try:
        return Intents.from_dict(merged)
    except Exception as exc:  # hassil raises many kinds on a broken file; all mean the same
        raise CatalogueError(f"the intent files do not parse ({exc})", str(folder)) from exc


def read_command(text: str, intents: Intents) -> Command:
    """The intent and slot values of `text`, or Command(None) when it is not in the grammar."""
    result = recognize(text, intents) if text else None
    if result is None or result.intent is None:
        return Command(None)
    return Command(result.intent.name,
                   {name: str(entity.value) for name, entity in result.entities.items()})
