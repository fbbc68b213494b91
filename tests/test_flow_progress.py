"""Progress: streaks (a paused one said kindly), mood trends in words, gratitude, milestones."""

import pytest
from drive import drive
from flowkit import clock, context, journal  # noqa: F401  (fixtures)

from assistant.exercises import progress

SHAME = ("broke", "broken", "failed", "lost your", "missed", "should have", "only managed")


def checkin_day(journal, clock, moods: dict, kind="checkin.start"):
    """One completed check-in session on the clock's day, with a mood per partner; next day."""
    session = journal.start_session(kind)
    for name, mood in moods.items():
        journal.save("checkin", {"part": "mood", "mood": mood, "mood_word": None, "said": str(mood)},
                     partner=name, session_id=session)
    journal.finish_session(session, completed=True)
    clock.advance(days=1)


@pytest.mark.parametrize("moods, trend", [([3, 4, 6, 7], "rising"), ([7, 7, 6, 7], "steady"),
                                          ([8, 7, 5, 4], "dipping"), ([5], None)])
def test_mood_trend(moods, trend):
    assert progress.mood_trend(moods) == trend


def test_rising_and_dipping_moods_in_words(journal, clock):
    for sam, alex in [(3, 8), (4, 8), (6, 6), (7, 5)]:
        checkin_day(journal, clock, {"Sam": sam, "Alex": alex})
    run = drive(progress.run, context(journal), [])
    text = run.text()
    assert "Sam's mood has been lifting, from about 4 to about 6" in text
    assert "Alex's mood has dipped a little, from about 8 to about 6" in text


def test_streak_and_milestones_celebrated_once(journal, clock):
    for _ in range(7):
        checkin_day(journal, clock, {"Sam": 6, "Alex": 7})
    clock.advance(days=-1)  # still the last day
    run = drive(progress.run, context(journal), [])
    assert "7 days in a row" in run.text()
    assert [d["id"] for d in run.saved("milestone")] == ["first_checkin", "streak_7"]
    assert "A seven-day streak" in run.text()
    again = drive(progress.run, context(journal), [])
    assert again.saved("milestone") == []
    assert "Milestones so far: 2." in again.text()


def test_paused_streak_is_named_without_shame(journal, clock):
    for _ in range(5):
        checkin_day(journal, clock, {"Sam": 6})
    clock.advance(days=4)
    run = drive(progress.run, context(journal), [])
    text = run.text()
    assert "Your last run was 5 days" in text and "begin again" in text
    assert not any(word in text.lower() for word in SHAME)


def test_gratitude_and_ten_gratitudes_milestone(journal):
    for i in range(10):
        journal.save("gratitude", {"about": "Alex", "text": f"the tea number {i}", "why": None},
                     partner="Sam")
    run = drive(progress.run, context(journal), [])
    assert "Lately Sam appreciated the tea number 9." in run.text()
    assert [d["id"] for d in run.saved("milestone")] == ["gratitudes_10"]


def test_empty_journal_invites_a_first_checkin(journal):
    run = drive(progress.run, context(journal), [])
    assert run.said == ["There's nothing to look back on yet. A check-in is a lovely place to "
                        "start."]


def test_runs_of_days():
    from datetime import date
    days = {date(2025, 1, d) for d in (1, 2, 3, 5, 6, 9)}
    assert progress.longest_run(days) == 3
    assert progress.last_run(days, today=date(2025, 1, 12)) == 1
    assert progress.last_run(days, today=date(2025, 1, 9)) == 2
