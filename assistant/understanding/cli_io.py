"""Text in, JSON out: the shapes `hearth understand` prints, with clear errors for bad input."""

import json
from typing import BinaryIO, TextIO

from assistant.errors import HearthError, InputError
from assistant.understanding import understand
from assistant.understanding.result import IntentMatch


def _as_json(match: IntentMatch, explain: bool) -> dict:
    out = match.to_json()
    if explain:
        out["near_tie"] = match.near_tie
        out["concern"] = match.concern
        out["candidates"] = [
            {"intent": c.intent, "score": round(c.score, 3),
             "semantic": None if c.semantic is None else round(c.semantic, 3),
             "fuzzy": None if c.fuzzy is None else round(c.fuzzy, 3), "template": c.template}
            for c in match.candidates[:5]
        ]
    return out


def understand_text(text: str, explain: bool = False) -> dict:
    """One utterance -> the public JSON object; empty text is an InputError."""
    if not text.strip():
        raise InputError("no text to understand; give an utterance, e.g. hearth understand "
                         "\"let's check in\"")
    return _as_json(understand(text), explain)


def understand_lines(stream: BinaryIO, out: TextIO, err: TextIO, explain: bool = False) -> int:
    """One JSON line per input line. Bad lines get an "error" object (so lines stay aligned)
    and a message on stderr; the exit code is 2 if any line was bad, else 0."""
    status = 0
    for number, raw in enumerate(stream, start=1):
        try:
            text = raw.decode("utf-8").rstrip("\r\n")
            result = understand_text(text, explain)
        except UnicodeDecodeError:
            result, problem = None, "is not UTF-8 text"
        except HearthError as exc:
            result, problem = None, str(exc)
        if result is None:
            status = 2
            err.write(f"hearth: stdin line {number}: {problem}\n")
            result = {"line": number, "error": problem}
        out.write(json.dumps(result) + "\n")
    return status
