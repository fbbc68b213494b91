"""The core exercises end to end, typed through `hearth chat --fast`, checked in the journal."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.journal import Journal

HEARTH = Path(sys.executable).with_name("hearth")


@pytest.fixture
def chat(tmp_path):
    """chat(lines) -> (stdout, Journal) after a typed session with partners Sam and Alex."""
    config = Path(os.environ["HEARTH_CONFIG"])
    config.write_text('partners = ["Sam", "Alex"]\n')
    opened: list[Journal] = []

    def _chat(*lines: str) -> tuple[str, Journal]:
        done = subprocess.run([str(HEARTH), "chat", "--fast"], input="\n".join(lines) + "\n",
                              capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 0, done.stderr
        journal = Journal.open(Path(os.environ["HEARTH_DATA_DIR"]))
        opened.append(journal)
        return done.stdout, journal

    yield _chat
    for journal in opened:
        journal.close()


def test_checkin_low_mood_hands_over_to_breathing(chat):
    out, journal = chat("let's check in", "3", "work was long", "I need you to listen to me",
                        "calm", "my sister is visiting", "a quiet evening", "yes")
    assert "Sam, you're at a 3, you mentioned work was long, and you'd like Alex to listen to you." in out
    assert [(e.partner, e.data["part"]) for e in journal.entries("checkin")] == [
        ("Sam", "mood"), ("Sam", "on_mind"), ("Sam", "need"),
        ("Alex", "mood"), ("Alex", "on_mind"), ("Alex", "need")]
    assert journal.entries("checkin")[3].data["mood_word"] == "calm"
    breathing = journal.entries("breathing")
    assert breathing[0].data["pattern"] == "box" and breathing[0].data["completed"] is True
    assert [s.kind for s in journal.sessions()] == ["checkin.start", "exercise.breathing"]


def test_breathing_pattern_and_minutes_from_the_request(chat):
    out, journal = chat("box breathing for 3 minutes")
    assert "Box breathing, for about 3 minutes." in out
    assert out.count("[inhale chime]") == 11  # 180 s of 16 s breaths, rounded to whole ones
    assert journal.entries("breathing")[0].data["minutes"] == 3


def test_gratitude_with_a_nudge_and_a_note(chat):
    out, journal = chat("let's do a gratitude round", "you're nice",
                        "you brought me soup when I was ill", "I felt looked after", "yes",
                        "the way you laugh at my jokes", "it makes home feel light", "no")
    assert "one moment lately" in out
    entries = journal.entries("gratitude")
    assert [(e.partner, e.data["about"]) for e in entries] == [("Sam", "Alex"), ("Alex", "Sam")]
    assert entries[0].data["text"] == "you're nice; you brought me soup when I was ill"
    note = journal.entries("note")[0].data
    assert (note["to"], note["from"], note["heard"]) == ("Alex", "Sam", False)


def test_reflective_listening_round_each_way(chat):
    out, journal = chat(
        "let's practice reflective listening", "Alex", "no",
        "I am stressed about the deadline at work and my boss ignores me",
        "what I heard is you are anxious about your job", "yes", "no",
        "it makes sense you're stressed", "I imagine you feel alone",
        "I miss my brother", "you miss your brother", "yes", "no",
        "that makes sense", "I imagine you feel sad")
    assert "You didn't mention that Alex's boss ignores Alex." in out
    mirrors = [e.data for e in journal.entries("listening") if e.data["part"] == "mirror"]
    assert [m["speaker"] for m in mirrors] == ["Alex", "Sam"]
    assert mirrors[0]["missed"] == ["my boss ignores me"]
    assert "That's the practice" in out


def test_bedtime_with_the_reading_timer(chat):
    out, journal = chat("start our bedtime ritual", "done", "you made dinner", "you listened",
                        "yes")
    assert "[timer chime]" in out
    assert "Good night, Sam and Alex." in out
    record = journal.entries("bedtime")[0].data
    assert record["reading_minutes"] == 12 and record["appreciations"] == 2
    assert [s.completed for s in journal.sessions("ritual.bedtime")] == [True]


def test_prompts_draw_fresh_deep_questions(chat):
    out, journal = chat("ask us something deep", "another one", "another one", "no")
    assert "Here's one for you both." in out
    assert "Enjoy the conversation" in out
    seen = journal.seen("prompts")
    assert len(seen) == 3 and all(item.startswith("deep-") for item in seen)
