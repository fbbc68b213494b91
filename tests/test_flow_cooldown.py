"""The conflict cool-down: safety first, never a break under twenty minutes, a timed return."""

import pytest
from drive import drive
from flowkit import clock, context, journal  # noqa: F401  (fixtures)

from assistant.dialogue.steps import WaitUntil
from assistant.exercises import cooldown


def waits(run) -> list[float]:
    return [step.at for step in run.steps if isinstance(step, WaitUntil)]


@pytest.mark.parametrize("answer", ["no", "I'm scared of him"])
def test_not_safe_goes_to_the_safety_path(journal, answer):
    run = drive(cooldown.run, context(journal), [answer])
    assert run.exit.next_intent == "safety.crisis"
    assert run.saves == []
    assert not any("break" in line for line in run.said)


def test_default_break_is_twenty_minutes_with_a_timed_return(journal):
    run = drive(cooldown.run, context(journal), ["yes", "yes", "yes", "no"])
    assert "Let's take a break of 20 minutes" in run.text()
    assert waits(run) == [600, 1200]
    assert run.saved("cooldown") == [{"phase": "break", "minutes": 20},
                                     {"phase": "return", "minutes": 20, "extra_minutes": 0}]
    assert "Start gently" in run.text()
    assert "at about 8:20" in run.text()  # the journal clock says 20:00


@pytest.mark.parametrize("slot, expected", [(5, 20), (19, 20), (20, 20), (45, 45)])
def test_minutes_slot_may_lengthen_but_never_shorten(journal, slot, expected):
    run = drive(cooldown.run, context(journal, slots={"minutes": slot}), ["yes", "yes", "yes"])
    assert f"break of {expected} minutes" in run.text()
    assert max(waits(run)) == expected * 60
    assert run.saved("cooldown")[0]["minutes"] == expected


@pytest.mark.parametrize("reply, expected", [("thirty minutes please", 30), ("an hour", 60),
                                             ("ten", 20), ("make it 5", 20)])
def test_asked_length_is_honoured_only_upwards(journal, reply, expected):
    run = drive(cooldown.run, context(journal), ["yes", reply, "yes"])
    assert run.saved("cooldown")[0]["minutes"] == expected
    assert all(at <= expected * 60 for at in waits(run))
    assert max(waits(run)) == expected * 60


def test_not_ready_adds_ten_minutes_then_offers_an_i_statement(journal):
    run = drive(cooldown.run, context(journal), ["yes", "yes", "no", "yes"])
    assert waits(run) == [600, 1200, 1800]
    assert run.saved("cooldown")[1]["extra_minutes"] == 10
    assert run.exit.next_intent == "coach.i_statement"


def test_soothing_breaths_slow_down_with_pace(journal):
    ctx = context(journal)
    ctx.pace = 1.5
    run = drive(cooldown.run, ctx, ["yes", "yes", "yes"])
    pauses = [s.seconds for s in run.steps if type(s).__name__ == "Pause"]
    assert pauses[:2] == [6.0, 9.0]
