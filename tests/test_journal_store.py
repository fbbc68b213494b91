"""The journal store: real SQLite files in tmp_path, data in and data out."""

import random
import signal
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from assistant.errors import InputError, JournalError
from assistant.exercises.decks import Deck, DeckItem, draw
from assistant.journal import FILE_NAME, Entry, Journal
from assistant.journal.schema import MIGRATIONS, SCHEMA_VERSION

# These test the store itself with free-form data on purpose (any kind, any fields); the
# entry shapes are checked in test_entry_kinds.py.
pytestmark = pytest.mark.filterwarnings("ignore::assistant.journal.kinds.EntryShapeWarning")


class StepClock:
    """Returns a fixed moment until moved, so multi-day histories take no real time."""

    def __init__(self, start: datetime | None = None):
        self.moment = start or datetime(2026, 3, 2, 20, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


@pytest.fixture
def clock():
    return StepClock()


@pytest.fixture
def journal(tmp_path, clock):
    with Journal.open(tmp_path / "data", now=clock) as opened:
        yield opened


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- where it lives, and who may read it --------------------------------------------------------


def test_open_without_a_directory_uses_hearth_data_dir(tmp_path):
    with Journal.open() as journal:  # conftest points HEARTH_DATA_DIR at tmp_path / "data"
        assert journal.path == tmp_path / "data" / FILE_NAME
        assert journal.path.is_file()


def test_file_and_companions_are_private_and_new_directory_is_0700(journal):
    journal.save("checkin", {"mood": 6})
    assert mode(journal.path.parent) == 0o700
    files = [journal.path.with_name(FILE_NAME + s) for s in ("", "-wal", "-shm")]
    assert all(f.exists() for f in files)  # WAL mode: all three are there while open
    assert [mode(f) for f in files] == [0o600, 0o600, 0o600]


def test_a_loose_existing_journal_is_made_private(tmp_path):
    Journal.open(tmp_path).close()
    (tmp_path / FILE_NAME).chmod(0o644)
    with Journal.open(tmp_path) as journal:
        assert mode(journal.path) == 0o600


# -- saving and reading back --------------------------------------------------------------------


def test_save_and_read_back(journal, clock):
    entry_id = journal.save(
        "checkin", {"mood": 7, "mood_word": "calm", "on_mind": "work"}, partner="Sam"
    )
    [entry] = journal.entries()
    assert entry == Entry(
        id=entry_id, kind="checkin", partner="Sam", created_at=clock.moment,
        data={"mood": 7, "mood_word": "calm", "on_mind": "work"}, session_id=None,
    )
    assert entry.created_at.tzinfo is not None


def test_paths_and_dates_in_data_are_stored_as_text(journal):
    journal.save("note", {"audio": Path("/notes/1.wav"), "on": date(2026, 3, 2)})
    assert journal.entries()[0].data == {"audio": "/notes/1.wav", "on": "2026-03-02"}


def test_data_that_is_not_json_is_refused_with_the_kind_named(journal):
    with pytest.raises(JournalError, match="entry 'checkin'.*JSON"):
        journal.save("checkin", {"mood": object()})
    assert journal.entries() == []


def test_a_second_connection_sees_each_save_at_once(tmp_path):
    with Journal.open(tmp_path) as writer, Journal.open(tmp_path) as reader:
        writer.save("gratitude", {"text": "the soup"}, partner="Alex")
        assert [e.data["text"] for e in reader.entries()] == ["the soup"]


def test_answers_saved_before_a_kill_survive_it(tmp_path):
    script = (
        "import sys, time\n"
        "from assistant.journal import Journal\n"
        "j = Journal.open(sys.argv[1])\n"
        "s = j.start_session('checkin.start')\n"
        "j.save('checkin', {'mood': 4}, partner='Sam', session_id=s)\n"
        "j.save('checkin', {'mood': 8}, partner='Alex', session_id=s)\n"
        "print('saved', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "saved"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    with Journal.open(tmp_path) as journal:
        assert [(e.partner, e.data["mood"]) for e in journal.entries()] == [("Sam", 4), ("Alex", 8)]
        [session] = journal.sessions()
        assert (session.kind, session.finished_at, session.completed) == (
            "checkin.start", None, False)


def test_entries_filter_by_kind_partner_and_time(journal, clock):
    journal.save("checkin", {"mood": 3}, partner="Sam")
    clock.advance(days=1)
    cutoff = clock.moment
    journal.save("checkin", {"mood": 5}, partner="Alex")
    journal.save("gratitude", {"text": "tea"}, partner="Sam")
    assert [e.data for e in journal.entries(kind="checkin")] == [{"mood": 3}, {"mood": 5}]
    assert [e.kind for e in journal.entries(partner="Sam")] == ["checkin", "gratitude"]
    assert [e.data for e in journal.entries(since=cutoff, kind="checkin")] == [{"mood": 5}]
    assert [e.kind for e in journal.entries(exclude={"gratitude"})] == ["checkin", "checkin"]


def test_since_in_another_time_zone_means_the_same_instant(journal, clock):
    journal.save("checkin", {"mood": 1})
    clock.advance(hours=1)
    journal.save("checkin", {"mood": 2})
    since = (clock.moment - timedelta(minutes=30)).astimezone(timezone(timedelta(hours=-5)))
    assert [e.data["mood"] for e in journal.entries(since=since)] == [2]


def test_limit_gives_the_newest_still_oldest_first(journal, clock):
    for mood in range(1, 6):
        journal.save("checkin", {"mood": mood})
        clock.advance(minutes=1)
    assert [e.data["mood"] for e in journal.entries(limit=2)] == [4, 5]
    assert journal.entries(limit=0) == []


def test_entries_are_ordered_by_time_even_when_saved_out_of_order(journal, clock):
    journal.save("checkin", {"mood": 2})
    clock.advance(hours=-1)
    journal.save("checkin", {"mood": 1})
    assert [e.data["mood"] for e in journal.entries()] == [1, 2]


def test_update_replaces_the_data(journal):
    note = journal.save("note", {"to": "Alex", "text": "thank you", "heard": False})
    journal.update(note, {"to": "Alex", "text": "thank you", "heard": True})
    assert journal.entries(kind="note")[0].data["heard"] is True


def test_update_of_a_missing_entry_says_so(journal):
    with pytest.raises(JournalError, match="no entry 42"):
        journal.update(42, {"heard": True})


# -- sessions and streaks -----------------------------------------------------------------------


def test_sessions_record_start_finish_and_completion(journal, clock):
    first = journal.start_session("ritual.bedtime")
    journal.save("bedtime", {"appreciation": "the walk"}, session_id=first)
    clock.advance(minutes=10)
    journal.finish_session(first, completed=True)
    second = journal.start_session("exercise.breathing")
    journal.finish_session(second, completed=False)
    sessions = journal.sessions()
    assert [(s.kind, s.completed) for s in sessions] == [
        ("ritual.bedtime", True), ("exercise.breathing", False)]
    assert sessions[0].finished_at - sessions[0].started_at == timedelta(minutes=10)
    assert journal.entries()[0].session_id == first
    assert [s.id for s in journal.sessions(kind="exercise.breathing")] == [second]
    assert journal.sessions(since=clock.moment + timedelta(seconds=1)) == []


def test_a_session_forgotten_from_another_terminal_carries_on_in_the_fresh_journal(tmp_path):
    with Journal.open(tmp_path / "data") as running, Journal.open(tmp_path / "data") as other:
        session = running.start_session("exercise.gratitude")
        first = running.save("gratitude", {"text": "the tea"}, "Sam", session)
        other.forget()
        again = running.save("gratitude", {"text": "the tea", "why": "cold day"}, "Sam",
                             session, replaces=first)
        running.save("gratitude", {"text": "the walk"}, "Alex", session)
        running.finish_session(session, completed=True)
        stored = running.entries()
    assert [(e.data["text"], e.session_id) for e in stored] == [("the tea", None),
                                                               ("the walk", None)]
    assert stored[0].id == again and stored[0].data["why"] == "cold day"


def test_a_replacing_save_completes_the_same_entry(journal):
    first = journal.save("gratitude", {"text": "the tea", "why": None}, "Sam")
    assert journal.save("gratitude", {"text": "the tea", "why": "cold"}, "Sam",
                        replaces=first) == first
    assert [e.data for e in journal.entries()] == [{"text": "the tea", "why": "cold"}]


def complete_on_days(journal, clock, days: list[int], kind="ritual.bedtime"):
    start = clock.moment
    for day in days:
        clock.moment = start + timedelta(days=day)
        journal.finish_session(journal.start_session(kind), completed=True)
    clock.moment = start


def test_streak_counts_consecutive_days_to_today(journal, clock):
    complete_on_days(journal, clock, [0, 1, 2])
    day0 = clock.moment.date()
    assert journal.streak(today=day0 + timedelta(days=2)) == 3
    assert journal.streak(today=day0 + timedelta(days=3)) == 3  # today not done yet: still alive
    assert journal.streak(today=day0 + timedelta(days=4)) == 0  # a whole day missed


def test_streak_broken_by_a_missing_day_counts_only_the_latest_run(journal, clock):
    complete_on_days(journal, clock, [0, 2, 3])
    assert journal.streak(today=clock.moment.date() + timedelta(days=3)) == 2


def test_streak_ignores_unfinished_sessions_and_other_kinds(journal, clock):
    complete_on_days(journal, clock, [0, 1])
    complete_on_days(journal, clock, [2], kind="checkin.start")
    clock.advance(days=3)
    journal.finish_session(journal.start_session("ritual.bedtime"), completed=False)
    today = clock.moment.date()
    assert journal.streak("ritual.bedtime", today=today - timedelta(days=1)) == 2
    assert journal.streak("ritual.bedtime", today=today) == 0
    assert journal.streak(today=today - timedelta(days=1)) == 3  # any kind: days 0, 1, 2


def test_streak_defaults_to_the_clock_and_its_time_zone(tmp_path):
    evening = timezone(timedelta(hours=-5))
    clock = StepClock(datetime(2026, 3, 2, 23, 30, tzinfo=evening))  # 04:30 UTC on the 3rd
    with Journal.open(tmp_path, now=clock) as journal:
        journal.finish_session(journal.start_session("ritual.bedtime"), completed=True)
        clock.moment = datetime(2026, 3, 3, 21, 0, tzinfo=evening)
        journal.finish_session(journal.start_session("ritual.bedtime"), completed=True)
        assert journal.streak() == 2  # the 2nd and the 3rd, local days


# -- decks --------------------------------------------------------------------------------------


def test_seen_is_undone_by_a_reset_of_those_items_only(journal):
    for item in ("a", "b", "c"):
        journal.save("deck_seen", {"deck": "prompts", "item": item})
    journal.save("deck_seen", {"deck": "ideas", "item": "a"})
    journal.save("deck_reset", {"deck": "prompts", "items": ["a", "b"]})
    assert journal.seen("prompts") == {"c"}
    journal.save("deck_seen", {"deck": "prompts", "item": "a"})
    assert journal.seen("prompts") == {"a", "c"}
    assert journal.seen("ideas") == {"a"}
    assert journal.seen("unknown") == set()


class DeckContext:
    """What decks.draw reads from the runner's context."""

    def __init__(self, journal, seed):
        self.journal = journal
        self.rng = random.Random(seed)


def test_drawing_a_deck_repeats_nothing_until_used_up_across_runs(tmp_path):
    items = [DeckItem(id=f"q{i}", text=f"Question {i}") for i in range(3)]
    deck = Deck(name="prompts", items=items)
    drawn = []
    for run in range(6):  # each run opens the journal afresh, like a new `hearth` session
        with Journal.open(tmp_path) as journal:
            item, saves = draw(DeckContext(journal, run), deck)
            for save in saves:
                journal.save(save.kind, save.data)
            drawn.append(item.id)
    assert sorted(drawn[:3]) == ["q0", "q1", "q2"]
    assert sorted(drawn[3:]) == ["q0", "q1", "q2"]


# -- partners -----------------------------------------------------------------------------------


def test_partners_are_stored_in_order_and_replaced(journal, tmp_path):
    assert journal.partners() == []
    journal.set_partners(["Sam", " Alex "])
    journal.set_partners(["Robin", "Sam"])
    with Journal.open(journal.path.parent) as again:
        assert again.partners() == ["Robin", "Sam"]


def test_empty_partner_names_are_refused(journal):
    with pytest.raises(InputError, match="partner name"):
        journal.set_partners(["Sam", "  "])
    assert journal.partners() == []


# -- migrations ---------------------------------------------------------------------------------


def test_an_empty_file_becomes_the_current_schema(tmp_path):
    (tmp_path / FILE_NAME).touch()
    with Journal.open(tmp_path) as journal:
        assert journal.schema_version == SCHEMA_VERSION
        journal.set_partners(["Sam", "Alex"])
        assert journal.partners() == ["Sam", "Alex"]


def test_an_older_journal_is_migrated_and_keeps_its_entries(tmp_path):
    raw = sqlite3.connect(tmp_path / FILE_NAME)
    raw.executescript(MIGRATIONS[0])
    raw.execute("INSERT INTO entries (kind, partner, created_at, data) VALUES "
                "('gratitude', 'Sam', '2025-01-01T10:00:00.000000+00:00', '{\"text\": \"tea\"}')")
    raw.execute("PRAGMA user_version = 1")
    raw.commit()
    raw.close()
    with Journal.open(tmp_path) as journal:
        assert journal.schema_version == SCHEMA_VERSION
        [entry] = journal.entries()
        assert (entry.kind, entry.partner, entry.data) == ("gratitude", "Sam", {"text": "tea"})
        assert entry.created_at == datetime(2025, 1, 1, 10, tzinfo=UTC)
        journal.set_partners(["Sam", "Alex"])  # a table from version 2


def test_a_journal_from_a_newer_version_is_refused_untouched(tmp_path):
    raw = sqlite3.connect(tmp_path / FILE_NAME)
    raw.execute("PRAGMA user_version = 99")
    raw.close()
    before = (tmp_path / FILE_NAME).read_bytes()
    with pytest.raises(JournalError, match="newer Hearth"):
        Journal.open(tmp_path)
    assert (tmp_path / FILE_NAME).read_bytes() == before


# -- corrupt and locked files -------------------------------------------------------------------


def test_a_file_that_is_not_a_database_is_reported_and_left_untouched(tmp_path):
    path = tmp_path / FILE_NAME
    garbage = bytes(range(256)) * 20
    path.write_bytes(garbage)
    path.chmod(0o640)
    with pytest.raises(JournalError) as caught:
        Journal.open(tmp_path)
    message = str(caught.value)
    assert str(path) in message and "mv " in message and "\n" not in message
    assert path.read_bytes() == garbage
    assert mode(path) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]


def test_a_damaged_page_is_reported_and_the_file_left_untouched(tmp_path):
    with Journal.open(tmp_path) as journal:
        for i in range(300):
            journal.save("gratitude", {"text": f"thing {i} " * 20})
    path = tmp_path / FILE_NAME
    damaged = bytearray(path.read_bytes())
    page_size = int.from_bytes(damaged[16:18], "big")
    damaged[3 * page_size: 3 * page_size + 200] = b"\xff" * 200  # an interior page
    path.write_bytes(bytes(damaged))
    with pytest.raises(JournalError, match="not a readable journal"):
        Journal.open(tmp_path)
    assert path.read_bytes() == bytes(damaged)


def test_a_journal_locked_by_another_writer_gives_a_clear_error(tmp_path):
    with Journal.open(tmp_path) as journal:
        journal.save("checkin", {"mood": 5})
    other = sqlite3.connect(tmp_path / FILE_NAME, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with Journal.open(tmp_path, busy_timeout=0.1) as journal:
            with pytest.raises(JournalError, match="locked"):
                journal.save("checkin", {"mood": 6})
            assert [e.data for e in journal.entries()] == [{"mood": 5}]  # reading still works
    finally:
        other.execute("ROLLBACK")
        other.close()
    with Journal.open(tmp_path) as journal:
        journal.save("checkin", {"mood": 6})
        assert [e.data["mood"] for e in journal.entries()] == [5, 6]


def test_a_journal_locked_before_it_was_ever_opened_gives_a_clear_error(tmp_path):
    other = sqlite3.connect(tmp_path / FILE_NAME, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("CREATE TABLE hold (x)")
    try:
        with pytest.raises(JournalError, match="locked by another program"):
            Journal.open(tmp_path, busy_timeout=0.1)
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_closed_journal_says_so(journal):
    journal.close()
    journal.close()
    with pytest.raises(JournalError, match="closed"):
        journal.entries()


def test_doctor_line_for_a_missing_a_healthy_and_a_corrupt_journal(tmp_path):
    from assistant.journal.health import check_journal

    missing = check_journal(tmp_path / "new")
    assert missing.ok and "not created yet" in missing.detail
    assert not (tmp_path / "new").exists()  # checking creates nothing
    with Journal.open(tmp_path / "ok") as journal:
        journal.save("checkin", {"mood": 5})
    healthy = check_journal(tmp_path / "ok")
    assert healthy.ok and "1 entries" in healthy.detail
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / FILE_NAME).write_bytes(b"not a database" * 100)
    broken = check_journal(tmp_path / "bad")
    assert not broken.ok and "not a readable journal" in broken.detail
