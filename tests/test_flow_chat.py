"""The flows end to end, typed through `hearth chat --fast`, with the journal checked after."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.exercises.decks import load_deck

HEARTH = Path(sys.executable).parent / "hearth"


@pytest.fixture
def home(tmp_path):
    (tmp_path / "config.toml").write_text('partners = ["Sam", "Alex"]\n')
    return tmp_path


def chat(home: Path, *lines: str) -> str:
    """Type the lines into `hearth chat --fast`; everything Hearth said."""
    done = subprocess.run([str(HEARTH), "chat", "--fast"], input="\n".join([*lines, "bye"]) + "\n",
                          capture_output=True, text=True, timeout=60,
                          env={"HEARTH_CONFIG": str(home / "config.toml"),
                               "HEARTH_DATA_DIR": str(home / "data"), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return done.stdout


def stored(home: Path, kind: str) -> list[tuple[str | None, dict]]:
    with sqlite3.connect(home / "data" / "journal.sqlite3") as conn:
        rows = conn.execute("SELECT partner, data FROM entries WHERE kind = ? ORDER BY id",
                            (kind,)).fetchall()
    return [(partner, json.loads(data)) for partner, data in rows]


def test_coaching_and_distance_check(home):
    out = chat(home,
               "help me turn this into an i statement",
               "you never listen to me", "ignored",
               "I talk about my day and you look at your phone",
               "I want to feel close to you", "could we put phones away when we talk", "no",
               "do we have emotional distance",
               "yes", "yes", "no", "no", "no", "no", "no", "no", "no", "no", "no",
               "how do i support my partner when they are sad",
               "she lost her job", "no")
    assert "I heard a 'never'." in out
    assert ("I feel ignored when I talk about my day and you look at your phone because I want "
            "to feel close to you. Could we put phones away when we talk?") in out
    assert "There's some distance showing" not in out and "fairly close" in out
    assert "pressure at work" in out
    [(_, distance)] = stored(home, "assessment")
    assert distance["band"] == "close" and distance["yes_count"] == 2
    assert stored(home, "i_statement")[0][1]["blame_forms"] == ["never"]


def test_cooldown_then_a_note_announced_and_heard(home):
    out = chat(home, "we are arguing and need to stop", "yes", "thirty minutes", "yes", "no",
               "leave a note for my partner", "Sam", "thanks for the coffee this morning")
    assert "Let's take a break of 20 minutes" in out and "Agreed: 30 minutes." in out
    assert "Welcome back." in out
    assert [d for _, d in stored(home, "cooldown")][0] == {"phase": "break", "minutes": 30}
    out = chat(home, "play my messages", "Alex", "no")
    assert "Alex, there's a note waiting for you from Sam." in out
    assert "thanks for the coffee this morning" in out
    assert len(stored(home, "note_heard")) == 1
    out = chat(home, "show our streak")
    assert "Alex, there's a note waiting" not in out
    assert "Your first note for each other" in out


def test_cooldown_not_safe_goes_to_safety(home):
    out = chat(home, "i need to cool down", "no")
    assert "988" in out
    assert "break of" not in out
    assert stored(home, "cooldown") == []


def test_ideas_selfcare_and_professional_help(home):
    out = chat(home, "give us a date idea", "another one", "done",
               "affection ideas please", "sounds good",
               "i need to take care of myself", "journaling", "no",
               "we might need a therapist", "no", "yes")
    assert out.count("How does that sound?") == 3
    assert out.count("Would you like another one?") == 1
    reminders = [item.text for item in load_deck("affection_consent").items]
    assert sum(line in out for line in reminders) == 1  # the one gesture came with its reminder
    assert "Enjoy your time together." in out
    assert "directories" in out and "sliding-scale" in out
    assert len(stored(home, "selfcare")) == 1
    assert len(stored(home, "deck_seen")) == 4


def test_bye_instead_of_names_ends_the_session(tmp_path):
    (tmp_path / "config.toml").write_text("")
    out = chat(tmp_path, "bye", "let's check in")
    assert out.rstrip().endswith("Goodbye for now. Take care of each other.")
    assert "Partner A" not in out and "check in" not in out.lower().split("goodbye")[-1]


def test_goodbye_after_abuse_speaks_to_the_person_not_the_couple(home):
    out = chat(home, "he grabbed my arm so hard it bruised")
    assert "1-800-799-7233" in out
    assert out.rstrip().endswith("Goodbye for now. Please look after yourself.")
