"""Export, forget and the mood plot: what goes in comes out (or is gone)."""

import json
import stat
from datetime import UTC, datetime, timedelta

import pytest
from matplotlib.image import imread

from assistant.journal import FILE_NAME, Journal
from assistant.journal.plot import mood_series, plot_moods

# These test the store itself with free-form data on purpose (any kind, any fields); the
# entry shapes are checked in test_entry_kinds.py.
pytestmark = pytest.mark.filterwarnings("ignore::assistant.journal.kinds.EntryShapeWarning")

START = datetime(2026, 3, 2, 20, 30, tzinfo=UTC)


@pytest.fixture
def moment():
    return [START]  # tests move time by replacing moment[0]


@pytest.fixture
def journal(tmp_path, moment):
    with Journal.open(tmp_path / "data", now=lambda: moment[0]) as opened:
        yield opened


def fill(journal, moment):
    journal.set_partners(["Sam", "Alex"])
    session = journal.start_session("checkin.start")
    journal.save("checkin", {"mood": 7, "mood_word": "calm", "on_mind": "the move",
                             "need": "a walk together", "reflection": None},
                 partner="Sam", session_id=session)
    journal.save("checkin", {"mood": None, "mood_word": "tired"}, partner="Alex",
                 session_id=session)
    journal.finish_session(session, completed=True)
    journal.save("deck_seen", {"deck": "prompts", "item": "deep-01"})
    moment[0] = START + timedelta(days=1)
    journal.save("gratitude", {"about": "Alex", "text": "made soup", "why": "I was cold"},
                 partner="Sam")
    note = journal.save("note", {"to": "Sam", "from": "Alex", "text": "thanks for today",
                                 "audio_path": None}, partner="Alex")
    journal.save("note_heard", {"note_id": note, "audio_path": None}, partner="Sam")
    journal.save("cooldown", {"return_at": "21:15", "safe": True, "steps": ["walk", "breathe"]})


def test_export_json_holds_partners_sessions_and_entries_without_bookkeeping(journal, moment):
    fill(journal, moment)
    exported = json.loads(json.dumps(journal.export_json()))  # plain JSON all the way down
    assert exported["format"] == "hearth-journal"
    assert exported["partners"] == ["Sam", "Alex"]
    assert [(s["kind"], s["completed"]) for s in exported["sessions"]] == [("checkin.start", True)]
    assert [e["kind"] for e in exported["entries"]] == [
        "checkin", "checkin", "gratitude", "note", "note_heard", "cooldown"]
    first = exported["entries"][0]
    assert first["partner"] == "Sam" and first["data"]["need"] == "a walk together"
    assert first["created_at"] == START.isoformat()
    assert first["session_id"] == exported["sessions"][0]["id"]


def test_export_json_can_include_bookkeeping(journal, moment):
    from assistant.journal.export import to_json

    fill(journal, moment)
    kinds = [e["kind"] for e in to_json(journal, include_bookkeeping=True)["entries"]]
    assert "deck_seen" in kinds


def test_export_markdown_reads_naturally_day_by_day(journal, moment):
    fill(journal, moment)
    text = journal.export_markdown()
    assert text.startswith("# Hearth journal\n")
    assert "Partners: Sam and Alex." in text
    assert "## Monday 02 March 2026" in text and "## Tuesday 03 March 2026" in text
    assert text.index("## Monday") < text.index("Check-in · Sam") < text.index("## Tuesday")
    assert ("- **20:30 · Check-in · Sam** — mood 7/10 (calm); on their mind: the move; "
            "needs: a walk together") in text
    assert "Check-in · Alex** — feeling tired" in text
    assert "about Alex: made soup (because I was cold)" in text
    assert "Note · Alex** — from Alex for Sam: thanks for today" in text
    assert "Note heard · Sam** — note 5 was played" in text
    assert "Cool-down** — return_at: 21:15; safe: yes; steps: walk, breathe" in text
    assert "deep-01" not in text
    assert "checkin.start: 1 completed of 1 started" in text


def test_export_markdown_of_an_empty_journal_says_so(journal):
    assert "Nothing has been written in the journal yet." in journal.export_markdown()


def test_unknown_kinds_render_as_key_value(journal):
    from assistant.journal.render import describe

    journal.save("my_new.kind", {"a": 1, "b": "two\nlines", "c": None, "d": {"x": 1}})
    entry = journal.entries()[0]
    assert describe(entry) == 'a: 1; b: two lines; d: {"x": 1}'


def test_forget_empties_everything_and_leaves_no_trace_in_the_file(journal, moment, tmp_path):
    fill(journal, moment)
    notes = journal.path.parent / "notes"
    notes.mkdir()
    inside = notes / "1.wav"
    inside.write_bytes(b"RIFF")
    outside = tmp_path / "mine.wav"
    outside.write_bytes(b"RIFF")
    journal.save("note", {"to": "Sam", "text": "a very particular secret",
                          "audio_path": str(inside)})
    journal.save("note", {"to": "Sam", "text": "not ours", "audio": str(outside)})

    journal.forget()

    assert journal.entries() == [] and journal.sessions() == [] and journal.partners() == []
    assert journal.seen("prompts") == set()
    assert not inside.exists()
    assert outside.exists()  # never delete a file outside the data directory
    stored = b"".join(p.read_bytes() for p in journal.path.parent.glob(FILE_NAME + "*"))
    assert b"particular secret" not in stored and b"made soup" not in stored
    journal.save("checkin", {"mood": 5})  # still usable afterwards
    assert len(journal.entries()) == 1


def test_mood_series_per_partner_within_the_window(journal, moment):
    journal.save("checkin", {"mood": 2}, partner="Sam")  # day 0
    moment[0] = START + timedelta(days=5)
    journal.save("checkin", {"mood": 6}, partner="Sam")
    journal.save("checkin", {"mood": None, "mood_word": "fine"}, partner="Alex")
    journal.save("checkin", {"mood": 9}, partner="Alex")
    journal.save("gratitude", {"mood": 1}, partner="Alex")
    assert {name: [m for _, m in points] for name, points in mood_series(journal).items()} == {
        "Sam": [2, 6], "Alex": [9]}
    recent = mood_series(journal, days=3)
    assert {name: [m for _, m in points] for name, points in recent.items()} == {
        "Sam": [6], "Alex": [9]}


def test_plot_writes_a_private_png(journal, moment, tmp_path):
    for day, (sam, alex) in enumerate([(4, 6), (5, 7), (8, 7)]):
        moment[0] = START + timedelta(days=day)
        journal.save("checkin", {"mood": sam}, partner="Sam")
        journal.save("checkin", {"mood": alex}, partner="Alex")
    out = tmp_path / "pics" / "moods.png"
    assert plot_moods(journal, out, days=30) == 6
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert imread(out).shape[:2] == (400, 800)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_plot_of_no_moods_still_draws_a_picture(journal, tmp_path):
    out = tmp_path / "empty.png"
    assert plot_moods(journal, out) == 0
    assert out.read_bytes()[:4] == b"\x89PNG"
