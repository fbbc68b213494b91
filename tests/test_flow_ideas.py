"""Ideas, affection and self-care: decks without repeats, consent framing, the grounding minute."""

import pytest
from drive import drive
from flowkit import clock, context, journal  # noqa: F401  (fixtures)

from assistant.dialogue.steps import Pause, Say
from assistant.exercises import affection, ideas, selfcare
from assistant.exercises.decks import load_deck


def card_ids(run) -> list[str]:
    return [d["item"] for d in run.saved("deck_seen")]


def test_shared_ideas_never_repeat_until_the_deck_is_used_up(journal):
    size = len(load_deck("shared_activities").items)
    first = drive(ideas.run, context(journal), ["another one"] * (size - 5) + ["no"])
    second = drive(ideas.run, context(journal), ["skip"] * 10 + ["that's enough"])
    ids = card_ids(first) + card_ids(second)
    assert len(ids[:size]) == len(set(ids[:size])) == size
    assert second.saved("deck_reset")  # started over only once all were seen
    assert all(s.style == "bright" for s in first.steps if isinstance(s, Say))


@pytest.mark.parametrize("reply", ["no", "stop", "done"])
def test_no_or_stop_ends_after_one_idea(journal, reply):
    run = drive(ideas.run, context(journal), [reply])
    assert len(card_ids(run)) == 1
    assert run.said[-1] == "Enjoy your time together."


def test_every_gesture_comes_with_a_consent_reminder(journal):
    reminders = {item.text for item in load_deck("affection_consent").items}
    gestures = {item.text for item in load_deck("affection").items}
    run = drive(affection.run, context(journal), ["another one", "yes", "no"])
    for i, line in enumerate(run.said):
        if line in gestures:
            assert run.said[i + 1] in reminders
    assert len(card_ids(run)) == 3
    assert any("what feels good" in r for r in reminders)


def test_grounding_minute_walks_the_senses_then_offers_more(journal):
    run = drive(selfcare.run, context(journal), ["a grounding minute please", "no"])
    cues = [item.text for item in load_deck("grounding").items]
    assert [line for line in run.said if line in cues] == cues
    pauses = [s.seconds for s in run.steps if isinstance(s, Pause)]
    assert pauses[:len(cues)] == [selfcare.CUE_SECONDS] * len(cues)
    assert sum(pauses[:len(cues)]) == 60
    practices = [d["practice"] for d in run.saved("selfcare")]
    assert practices[0] == "grounding-minute"
    topics = {item.id: item.topic for item in load_deck("selfcare").items}
    assert topics[card_ids(run)[0]] == "grounding"
    assert all(s.style == "calm" for s in run.steps if isinstance(s, Say))


@pytest.mark.parametrize("choice, topic", [("a journaling prompt", "journaling"),
                                           ("I just need rest", "rest"), ("anything", None)])
def test_self_care_draws_the_chosen_kind(journal, choice, topic):
    run = drive(selfcare.run, context(journal), [choice, "another one", "no"])
    topics = {item.id: item.topic for item in load_deck("selfcare").items}
    drawn = card_ids(run)
    assert len(drawn) == 2 and drawn[0] != drawn[1]
    if topic:
        assert {topics[i] for i in drawn} == {topic}
    assert len(run.saved("selfcare")) == 2


def test_journaling_gives_quiet_writing_time_scaled_by_pace(journal):
    ctx = context(journal)
    ctx.pace = 2.0
    run = drive(selfcare.run, ctx, ["journal", "no"])
    assert [s.seconds for s in run.steps if isinstance(s, Pause)] == [240.0]
