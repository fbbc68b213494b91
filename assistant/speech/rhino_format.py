"""Picovoice Rhino context files (the speech-to-intent benchmark's grammar) as hassil intents.

Rhino writes `[a, b]` for one of the choices, `(a, b)` for an optional part and `$type:slot`
for a slot whose values are listed under `slots:`. hassil writes the same things `(a|b)`,
`[a|b]` and `{type:slot}`, so the conversion is a walk over the characters.
"""

from pathlib import Path

import yaml

from assistant.datafile import read_yaml
from assistant.errors import CatalogueError

_BRACKETS = {"[": "(", "]": ")", "(": "[", ")": "]"}


def rhino_expression(text: str) -> str:
    """One Rhino expression as a hassil template."""
    out, depth, i = [], 0, 0
    while i < len(text):
        char = text[i]
        if char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        if char in _BRACKETS:
            out.append(_BRACKETS[char])
        elif char == "," and depth > 0:
            out.append("|")
            while i + 1 < len(text) and text[i + 1] == " ":
                i += 1
        elif char == "$":
            end = i + 1
            while end < len(text) and (text[end].isalnum() or text[end] in "_:"):
                end += 1
            out.append("{" + text[i + 1:end] + "}")
            i = end - 1
        else:
            out.append(char)
        i += 1
    if depth != 0:
        raise ValueError(f"unbalanced brackets in {text!r}")
    return "".join(out)


def rhino_to_intents(context: dict, where: str = "context") -> dict:
    """A Rhino context (`{"context": {"expressions": ..., "slots": ...}}`) as the dict of one
    hassil-style intents file: intents with their sentences, and one list per slot type."""
    try:
        body = context["context"]
        expressions = body["expressions"]
        slots = body.get("slots") or {}
        intents = {name: {"data": [{"sentences": [rhino_expression(str(e)) for e in lines]}]}
                   for name, lines in expressions.items()}
        lists = {name: {"values": [str(v) for v in values]} for name, values in slots.items()}
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise CatalogueError(
            f"not a Rhino context ({exc}); it needs context: expressions: and slots:", where
        ) from exc
    return {"language": "en", "intents": intents, "lists": lists}


def write_rhino_as_intents(path: Path, folder: Path) -> Path:
    """Convert a Rhino context YAML file into `folder/<name>.yaml`; returns the folder."""
    intents = rhino_to_intents(read_yaml(Path(path), "Rhino context") or {}, str(path))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{Path(path).stem}.yaml").write_text(
        yaml.safe_dump(intents, sort_keys=False), encoding="utf-8")
    return folder
