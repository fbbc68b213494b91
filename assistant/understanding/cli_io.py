"""Text in, JSON out: the shapes `hearth understand` prints, with clear errors for bad input."""

import gc
import json
from typing import BinaryIO, TextIO

from assistant.errors import HearthError, InputError
from assistant.understanding import load_matcher, understand
from assistant.understanding.matcher import MAX_CHARS
from assistant.understanding.result import IntentMatch

CHUNK = 1 << 16  # bytes read at a time from stdin (a few thousand lines)


def _as_json(match: IntentMatch, explain: bool) -> dict:
    out = match.to_json()
    if explain:
        out["near_tie"] = match.near_tie
        out["concern"] = match.concern
        out["danger"] = match.danger  # the crisis reader's probability, when it read the line
        out["crisis_by"] = match.crisis_by  # which layer of the crisis guard decided
        out["candidates"] = [
            {"intent": c.intent, "score": round(c.score, 3),
             "semantic": None if c.semantic is None else round(c.semantic, 3),
             "fuzzy": None if c.fuzzy is None else round(c.fuzzy, 3),
             "contextual": None if c.contextual is None else round(c.contextual, 3),
             "reader": None if c.reader is None else round(c.reader, 3),
             "template": c.template}
            for c in match.candidates[:5]
        ]
    return out


def understand_text(text: str, explain: bool = False) -> dict:
    """One utterance -> the public JSON object; empty or overlong text is an InputError."""
    _check(text)
    return _as_json(understand(text), explain)


def understand_lines(stream: BinaryIO, out: TextIO, err: TextIO, explain: bool = False) -> int:
    """One JSON line per input line. Bad lines get an "error" object (so lines stay aligned)
    and a message on stderr; the exit code is 2 if any line was bad, else 0.

    Lines are read as they arrive and every line that has arrived is understood together (one
    matrix product for all): a pipe of thousands of lines goes fast, and a program that writes
    one line and waits for its answer gets it at once.
    """
    read = getattr(stream, "read1", stream.read)  # read1: what is there, without waiting for more
    status, number, pending = 0, 0, b""
    while True:
        chunk = read(CHUNK)
        if chunk:
            pending += chunk
            *lines, pending = pending.split(b"\n")
        else:
            lines, pending = ([pending] if pending else []), b""
        if lines:
            status = max(status, _answer(lines, number, out, err, explain))
            number += len(lines)
            out.flush()
            if not gc.isenabled():  # loaded: what is there now stays, the collector skips it
                gc.freeze()
                gc.enable()
        if not chunk:
            return status


def _answer(lines: list[bytes], before: int, out: TextIO, err: TextIO, explain: bool) -> int:
    """Understand a run of input lines (numbered from before + 1) and write their answers."""
    results: list[dict | None] = []
    texts: dict[int, str] = {}
    status = 0
    for offset, raw in enumerate(lines):
        number = before + offset + 1
        try:
            text = raw.decode("utf-8").rstrip("\r")
            _check(text)
            texts[offset] = text
            results.append(None)
        except UnicodeDecodeError:
            results.append(_bad(number, "is not UTF-8 text", err))
        except HearthError as exc:
            results.append(_bad(number, str(exc), err))
    if texts:
        matches = load_matcher().understand_many(list(texts.values()))
        for offset, match in zip(texts, matches):
            results[offset] = _as_json(match, explain)
    for result in results:
        status = 2 if "error" in result else status
        out.write(json.dumps(result) + "\n")
    return status


def _check(text: str) -> None:
    if not text.strip():
        raise InputError("no text to understand; give an utterance, e.g. hearth understand "
                         "\"let's check in\"")
    if len(text) > MAX_CHARS:
        raise InputError(f"utterance is {len(text)} characters long; at most {MAX_CHARS}")


def _bad(number: int, problem: str, err: TextIO) -> dict:
    err.write(f"hearth: stdin line {number}: {problem}\n")
    return {"line": number, "error": problem}
