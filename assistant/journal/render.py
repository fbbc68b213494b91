"""Words for stored entries: known kinds read naturally, any other kind as key: value pairs."""

import json
from collections.abc import Callable

from assistant.journal.records import Entry

KIND_TITLES = {
    "checkin": "Check-in",
    "gratitude": "Gratitude",
    "note": "Note",
    "note_heard": "Note heard",
    "assessment": "Distance self-check",
    "listening": "Reflective listening",
    "bedtime": "Bedtime ritual",
    "cooldown": "Cool-down",
    "prompt": "Conversation prompt",
    "deck_seen": "Card drawn",
    "deck_reset": "Deck started over",
}


def title(kind: str) -> str:
    """A readable name for an entry kind ("checkin" -> "Check-in", "my_kind" -> "My kind")."""
    return KIND_TITLES.get(kind) or kind.replace("_", " ").replace(".", " ").capitalize()


def describe(entry: Entry) -> str:
    """One line saying what the entry holds."""
    known = _DESCRIBERS.get(entry.kind)
    text = known(entry.data) if known else ""
    return text or pairs(entry.data)


def pairs(data: dict) -> str:
    """Any data as "key: value; key: value", skipping empty values."""
    shown = {key: value for key, value in data.items() if value not in (None, "", [])}
    return "; ".join(f"{key}: {_value(value)}" for key, value in shown.items())


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_value(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return " ".join(str(value).split())  # one line, whatever newlines the speech had


def _checkin(data: dict) -> str:
    parts = []
    mood, word = data.get("mood"), data.get("mood_word")
    if mood is not None and word:
        parts.append(f"mood {mood}/10 ({_value(word)})")
    elif mood is not None:
        parts.append(f"mood {mood}/10")
    elif word:
        parts.append(f"feeling {_value(word)}")
    if data.get("on_mind"):
        parts.append(f"on their mind: {_value(data['on_mind'])}")
    if data.get("need"):
        parts.append(f"needs: {_value(data['need'])}")
    if data.get("reflection"):
        parts.append(f"Hearth heard: {_value(data['reflection'])}")
    return "; ".join(parts)


def _gratitude(data: dict) -> str:
    text = _value(data.get("text") or "")
    about = data.get("about")
    line = f"about {_value(about)}: {text}" if about else text
    if data.get("why"):
        line += f" (because {_value(data['why'])})"
    return line


def _note(data: dict) -> str:
    sender, to = data.get("from"), data.get("to")
    line = f"from {_value(sender)} " if sender else ""
    line += f"for {_value(to)}: " if to else ""
    line += _value(data.get("text") or "(a recording)")
    if data.get("audio") or data.get("audio_path"):
        line += " [recording kept]"
    if "heard" in data:
        line += " (heard)" if data["heard"] else " (not heard yet)"
    return line


def _note_heard(data: dict) -> str:
    return f"note {data['note_id']} was played" if data.get("note_id") is not None else ""


def _assessment(data: dict) -> str:
    parts = []
    if data.get("score") is not None:
        parts.append(f"score {data['score']}")
    if data.get("band"):
        parts.append(_value(data["band"]))
    if data.get("answers"):
        parts.append(f"{len(data['answers'])} answers")
    return ", ".join(parts)


_DESCRIBERS: dict[str, Callable[[dict], str]] = {
    "checkin": _checkin,
    "gratitude": _gratitude,
    "note": _note,
    "note_heard": _note_heard,
    "assessment": _assessment,
}
