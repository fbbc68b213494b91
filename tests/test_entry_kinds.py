"""Every journal entry kind has a typed model: saved and read back through it, found in the code,
described in the README (issue 13, item 11)."""

import ast
import io
import os
import re
import typing
import warnings
from pathlib import Path

import pytest
from pydantic import BaseModel

from assistant.benchmarks.kills import SCRIPTS
from assistant.config import Settings
from assistant.dialogue.channel import TextChannel
from assistant.dialogue.runner import Runner
from assistant.journal import Journal
from assistant.journal.kinds import KINDS, EntryShapeWarning, as_data
from assistant.understanding import load_matcher

ROOT = Path(__file__).resolve().parent.parent

# One full example of every model; the test below fails when a model has none.
EXAMPLES: dict[str, dict] = {
    "CheckinMood": {"part": "mood", "mood": 4, "mood_word": "tired", "said": "pretty tired"},
    "CheckinOnMind": {"part": "on_mind", "on_mind": "the move"},
    "CheckinNeed": {"part": "need", "need": "a hug", "from": "Alex"},
    "Gratitude": {"about": "Alex", "text": "the tea", "why": "it was cold", "source": "gratitude"},
    "Note": {"to": "Alex", "from": "Sam", "text": "hi", "audio_path": "notes/a.wav",
             "heard": False},
    "NoteHeard": {"note_id": 3, "audio_path": None},
    "Assessment": {"name": "distance", "answers": {"talk": True, "touch": None}, "yes_count": 1,
                   "asked": 1, "band": "close", "complete": False},
    "ListeningMirror": {"part": "mirror", "speaker": "Sam", "listener": "Alex",
                        "speaker_words": "work is heavy", "mirror": "work weighs on you",
                        "caught": ["work"], "missed": [], "verdict": "good", "confirmed": True},
    "ListeningValidation": {"part": "validation", "speaker": "Sam", "listener": "Alex",
                            "validation": "it makes sense", "empathy": "tired"},
    "Bedtime": {"steps": ["phones", "goodnight"], "appreciations": 0, "reading_minutes": 0},
    "CooldownBreak": {"phase": "break", "minutes": 20},
    "CooldownReturn": {"phase": "return", "minutes": 20, "extra_minutes": 10},
    "IStatement": {"statement": None, "feeling": "hurt", "situation": None, "need": None,
                   "request": None, "blame_forms": ["always"], "complete": False},
    "EmpathyPractice": {"situation": "work", "practised": 1},
    "Breathing": {"pattern": "box", "minutes": 2, "completed": True, "breaths": 8, "pace": 1.0},
    "SelfCare": {"practice": "rest-01", "topic": "rest"},
    "Milestone": {"id": "first-checkin", "checkins": 1, "gratitudes": 0, "notes": 0,
                  "longest_streak": 1},
    "DeckSeen": {"deck": "prompts", "item": "deep-01"},
    "DeckReset": {"deck": "prompts", "items": ["deep-01"]},
}


def models_of(kind: str) -> list[type[BaseModel]]:
    """The model of a kind, or each part's model where the kind is a union of parts."""
    model = KINDS[kind]
    if typing.get_origin(model) is typing.Annotated:
        model = typing.get_args(model)[0]
    return list(typing.get_args(model)) or [model]


ALL_MODELS = [(kind, model) for kind in KINDS for model in models_of(kind)]


@pytest.mark.parametrize("kind, model", ALL_MODELS, ids=[m.__name__ for _, m in ALL_MODELS])
def test_every_kind_round_trips_through_the_journal(tmp_path, kind, model):
    example = EXAMPLES[model.__name__]
    with warnings.catch_warnings():
        warnings.simplefilter("error", EntryShapeWarning)
        with Journal.open(tmp_path) as journal:
            journal.save(kind, example, partner="Sam")
            [entry] = journal.entries()
    assert isinstance(entry.record, model)
    assert entry.record == model.model_validate(example)
    assert as_data(entry.record) == example == entry.data


def test_data_that_does_not_fit_its_kind_is_still_kept_with_a_warning(tmp_path):
    with Journal.open(tmp_path) as journal:
        with pytest.warns(EntryShapeWarning, match="field 'text'"):
            journal.save("gratitude", {"about": "Alex", "txt": "typo in the field"}, "Sam")
        [entry] = journal.entries()
    assert entry.data == {"about": "Alex", "txt": "typo in the field"} and entry.record is None


def test_older_notes_with_audio_read_back_as_audio_path():
    from assistant.journal.kinds import record

    old = {"to": "Sam", "from": "Alex", "text": "thanks", "heard": False, "audio": None}
    assert record("note", old).audio_path is None


def saved_kinds_in_the_code() -> set[str]:
    """Every kind passed as a literal to Save(...) or .save(...) anywhere in the package."""
    found = set()
    for path in (ROOT / "assistant").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in ("Save", "save") and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                found.add(node.args[0].value)
    return found


def test_every_kind_the_code_saves_has_a_model():
    found = saved_kinds_in_the_code()
    assert "checkin" in found and "deck_seen" in found  # the scan itself works
    assert found <= set(KINDS), f"kinds without a model: {sorted(found - set(KINDS))}"


def test_every_exercise_saves_entries_that_fit_their_models(tmp_path):
    """Each scripted session (one per exercise) typed through the real runner."""
    lines = "".join(f"{text}\n" for script in SCRIPTS.values() for text, _ in script)
    with warnings.catch_warnings():
        warnings.simplefilter("error", EntryShapeWarning)
        with Journal.open(tmp_path) as journal, open(os.devnull, "w") as out:
            Runner(TextChannel(io.StringIO(lines), out), load_matcher(), journal,
                   Settings(partners=["Sam", "Alex"]), fast=True).session()
            kinds = {entry.kind for entry in journal.entries()}
            assert all(entry.record is not None for entry in journal.entries())
    assert {"checkin", "gratitude", "note", "assessment", "listening", "i_statement",
            "cooldown", "bedtime", "breathing", "deck_seen"} <= kinds


def readme_rows() -> dict[str, list[str]]:
    """The README's entry table: "kind (part)" -> the fields it lists."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        match = re.match(r"\| `(\w+)`(?: \((?:part|phase) `(\w+)`\))? \| (.*?) \|", line)
        if match and "`" in match.group(3):
            key = f"{match.group(1)}:{match.group(2) or ''}"
            fields = re.sub(r"\([^)]*\)", "", match.group(3))  # "(1-10 or null)" is a note
            rows[key] = re.findall(r"`(\w+)`", fields)
    return rows


def test_the_readme_lists_every_kind_with_its_fields():
    rows = readme_rows()
    for kind, model in ALL_MODELS:
        fields = [f.alias or name for name, f in model.model_fields.items()]
        part = model.model_fields.get("part") or model.model_fields.get("phase")
        key = f"{kind}:{part.default if part else ''}"
        assert key in rows, f"README has no row for {key}"
        assert rows[key] == fields, f"README row {key}: {rows[key]} != {fields}"
