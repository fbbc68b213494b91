"""Bedtime ritual: configured steps in order, appreciations stored, the reading timer, streaks."""

import pytest
from drive import drive, make_context

from assistant.config import Settings
from assistant.dialogue.steps import Chime, Pause
from assistant.exercises import bedtime
from assistant.journal import Journal


@pytest.fixture
def journal(tmp_path):
    with Journal(tmp_path / "journal.sqlite3") as j:
        yield j


def test_full_ritual_in_order_with_reading(journal):
    run = drive(bedtime.run, make_context(journal, settings=Settings(reading_minutes=15)), [
        "they're away", "you made dinner when I was late", "you listened to me vent", "yes"])
    text = run.text()
    order = [text.index("phones"), text.index("appreciated about Alex"),
             text.index("read together for 15 minutes"), text.index("three slow breaths"),
             text.index("Good night, Sam and Alex")]
    assert order == sorted(order)
    assert Pause(15 * 60) in run.steps
    timer = run.steps.index(Pause(15 * 60))
    assert run.steps[timer + 1] == Chime("timer")
    assert [s for s in run.steps if isinstance(s, Chime)].count(Chime("inhale")) == 3
    assert journal.entries("bedtime")[0].data == {
        "steps": ["phones", "appreciation", "reading", "breaths", "goodnight"],
        "appreciations": 2, "reading_minutes": 15}


def test_appreciations_are_saved_as_gratitude(journal):
    drive(bedtime.run, make_context(journal), ["done", "you made dinner", "skip", "no"])
    entries = journal.entries("gratitude")
    assert [(e.partner, e.data["about"], e.data["text"]) for e in entries] == [
        ("Sam", "Alex", "you made dinner")]
    assert entries[0].data["source"] == "bedtime"


def test_nothing_to_say_is_a_pass_not_an_appreciation(journal):
    run = drive(bedtime.run, make_context(journal), [
        "done", "hmm, nothing really", "um not sure", "no"])
    assert journal.entries("gratitude") == []
    assert "That's all right, Sam." in run.text() and "That's all right, Alex." in run.text()
    assert journal.entries("bedtime")[0].data["appreciations"] == 0


def test_reading_declined_has_no_timer(journal):
    run = drive(bedtime.run, make_context(journal), ["ok", "a", "b", "no"])
    assert Chime("timer") not in run.steps
    assert journal.entries("bedtime")[0].data["reading_minutes"] == 0


def test_only_configured_steps_run(journal):
    settings = Settings(bedtime_steps=["breaths", "goodnight"])
    run = drive(bedtime.run, make_context(journal, settings=settings), [])
    assert not run.asks  # no appreciation, no reading question
    assert "phones" not in run.text()
    assert journal.entries("bedtime")[0].data["steps"] == ["breaths", "goodnight"]


def test_slower_stretches_the_breaths(journal):
    ctx = make_context(journal, settings=Settings(bedtime_steps=["breaths"]))
    ctx.pace = 1.3
    run = drive(bedtime.run, ctx, [])
    pauses = [s.seconds for s in run.steps if isinstance(s, Pause)]
    assert pauses == pytest.approx([5.2, 7.8] * 3)


def test_nobody_answering_ends_without_a_bedtime_record(journal):
    run = drive(bedtime.run, make_context(journal), [])
    assert journal.entries("bedtime") == []
    assert run.said[-1] == "Let's leave it there. Rest well."


def test_the_phones_step_waits_for_its_answer(journal):
    run = drive(bedtime.run, make_context(journal), ["ok they're away", "you made dinner",
                                                     "skip", "no"])
    assert run.asks[0].text.endswith("Tell me when they're away.")
    assert [e.data["text"] for e in journal.entries("gratitude")] == ["you made dinner"]
