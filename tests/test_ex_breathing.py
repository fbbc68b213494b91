"""Breathing: pattern timings, a schedule that never drifts, slower, minutes, and the saved entry."""

import itertools

import pytest
from drive import drive, make_context

from assistant.benchmarks import breathing as bench
from assistant.dialogue.steps import Chime, Say, WaitUntil
from assistant.exercises import breathing
from assistant.journal import Journal


@pytest.fixture
def journal(tmp_path):
    with Journal(tmp_path / "journal.sqlite3") as j:
        yield j


def phase_starts(pattern: str, minutes: float = 1) -> list[tuple[float, str]]:
    """Only the moments a phase begins (counts left out)."""
    words = {p.words for p in breathing.PATTERNS[pattern].phases}
    return [(at, text) for at, text in breathing.breathing_schedule(pattern, minutes)
            if text in words]


def test_box_is_four_four_four_four_counted():
    schedule = breathing.breathing_schedule("box", 1)
    assert schedule[:9] == [(0.0, "In"), (1.0, "two"), (2.0, "three"), (3.0, "four"),
                            (4.0, "Hold"), (5.0, "two"), (6.0, "three"), (7.0, "four"),
                            (8.0, "Out")]
    assert [at for at, _ in phase_starts("box")][:5] == [0, 4, 8, 12, 16]


def test_four_seven_eight_phases():
    assert phase_starts("4-7-8")[:4] == [(0, "In"), (4, "Hold"), (11, "Out"), (19, "In")]
    counts = [t for at, t in breathing.breathing_schedule("4-7-8", 1) if 11 < at < 19]
    assert counts == ["two", "three", "four", "five", "six", "seven", "eight"]


def test_coherent_is_about_five_and_a_half_breaths_a_minute():
    starts = phase_starts("coherent", 10)
    inhales = [at for at, text in starts if text == "Breathe in"]
    assert inhales[1] - inhales[0] == pytest.approx(10.9)
    assert len(inhales) / 10 == pytest.approx(5.5, abs=0.1)


def test_sigh_is_a_double_inhale_then_a_long_exhale():
    assert phase_starts("sigh")[:4] == [(0, "Breathe in"), (2.5, "And more"),
                                        (4.0, "Long out"), (10.0, "Breathe in")]


def test_ten_minutes_of_cues_never_drift():
    """Each cue time is the exact sum of the phases before it: no error builds up."""
    schedule = breathing.breathing_schedule("coherent", 10)
    inhales = [at for at, text in schedule if text == "Breathe in"]
    assert inhales[-1] == pytest.approx((len(inhales) - 1) * 10.9, abs=1e-9)


def test_script_waits_on_the_schedule(journal):
    run = drive(breathing.run, make_context(journal, slots={"pattern": "4-7-8", "minutes": 3}), [])
    waits = [s.at for s in run.steps if isinstance(s, WaitUntil)]
    lead = waits[0]
    expected = [at for at, _ in breathing.breathing_schedule("4-7-8", 3, start=lead)]
    assert waits == pytest.approx(expected)


def test_minutes_slot_is_honoured_in_whole_breaths(journal):
    for minutes in (1, 4):
        run = drive(breathing.run, make_context(journal, slots={"pattern": "box",
                                                                "minutes": minutes}), [])
        waits = [s.at for s in run.steps if isinstance(s, WaitUntil)]
        assert waits[-1] - waits[0] == pytest.approx(minutes * 60, abs=8)


@pytest.mark.parametrize("given, used", [(None, 2), (0, 1), (45, 20), ("7", 7)])
def test_minutes_are_kept_between_one_and_twenty(given, used):
    assert breathing.minutes_from(given) == used


def test_slower_stretches_the_phases_that_follow(journal):
    def slow_down_after_third_wait(step, ctx):
        if isinstance(step, WaitUntil):
            slow_down_after_third_wait.waits += 1
            if slow_down_after_third_wait.waits == 3:
                ctx.pace *= 1.3
    slow_down_after_third_wait.waits = 0

    run = drive(breathing.run, make_context(journal, slots={"pattern": "box", "minutes": 1}), [],
                on_step=slow_down_after_third_wait)
    waits = [s.at for s in run.steps if isinstance(s, WaitUntil)]
    gaps = [round(b - a, 6) for a, b in itertools.pairwise(waits)]
    assert gaps[:3] == [1.0, 1.0, 1.0]  # the phase under way keeps its pace
    assert gaps[4:7] == [1.3, 1.3, 1.3]
    assert run.saved("breathing")[0]["pace"] == 1.3


def test_each_phase_has_its_own_tone(journal):
    run = drive(breathing.run, make_context(journal, slots={"pattern": "box", "minutes": 1}), [])
    chimes = [s.kind for s in run.steps if isinstance(s, Chime)]
    assert chimes[:4] == ["inhale", "hold", "exhale", "hold"]


def test_intro_explains_the_controls_and_the_close_is_gentle(journal):
    run = drive(breathing.run, make_context(journal, slots={"pattern": "sigh"}), [])
    intro = run.said[0]
    assert "slower" in intro and "pause" in intro and "stop" in intro
    assert all(s.style == "calm" for s in run.steps if isinstance(s, Say))
    assert "notice how you feel" in run.said[-1]


def test_saves_pattern_minutes_and_completion(journal):
    drive(breathing.run, make_context(journal, slots={"pattern": "coherent", "minutes": 1}), [])
    entry = journal.entries("breathing")[0].data
    assert entry["pattern"] == "coherent"
    assert entry["minutes"] == 1
    assert entry["completed"] is True
    assert entry["breaths"] == 6


def test_unknown_pattern_falls_back_to_box():
    assert breathing.pattern_named("yoga").name == "box"


def test_through_the_runner_no_cue_drifts_beyond_the_wait_jitter():
    """The real runner on a simulated clock: waits oversleep up to 2 ms, speech takes its time,
    someone says "slower" twice; only the cues right after Hearth's spoken reply may be late."""
    for name in breathing.PATTERNS:
        lateness, replied = bench.simulated(name, 4, slower_at=(40.0, 100.0))
        assert len(replied) == 2
        others = [late for i, late in enumerate(lateness)
                  if not any(0 <= i - r <= 1 for r in replied)]
        assert len(others) > 20
        assert max(others) <= 0.0021
        assert min(others) >= 0.0
