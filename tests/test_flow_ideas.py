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


@pytest.mark.parametrize("reply", ["sounds good", "stop", "done", "perfect, thanks"])
def test_done_or_stop_ends_after_one_idea(journal, reply):
    run = drive(ideas.run, context(journal), [reply])
    assert len(card_ids(run)) == 1
    assert run.said[-1] == "Enjoy your time together."


def test_every_gesture_comes_with_a_consent_reminder(journal):
    reminders = {item.text for item in load_deck("affection_consent").items}
    gestures = {item.text for item in load_deck("affection").items}
    run = drive(affection.run, context(journal), ["another one", "not that one", "perfect"])
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


@pytest.mark.parametrize("seed", range(6))
def test_quiet_writing_time_matches_what_is_said(journal, seed):
    run = drive(selfcare.run, context(journal, seed=seed), ["journal", "no"])
    card = next(line for line in run.said if line in {i.text for i in
                                                       load_deck("selfcare").items})
    [pause] = [s.seconds for s in run.steps if isinstance(s, Pause)]
    if "three minutes" in card:
        assert pause == 180 and "three minutes" in run.text().split(card)[1]
    else:
        assert pause == selfcare.QUIET_SECONDS["journaling"]


@pytest.mark.parametrize("reply", ["no", "meh we did that", "not that one"])
def test_turning_an_idea_down_offers_another(journal, reply):
    run = drive(ideas.run, context(journal), [reply, "done"])
    assert len(card_ids(run)) == 2


def test_a_boundary_is_acknowledged_and_touch_left_aside(journal):
    run = drive(affection.run, context(journal), ["he hates being touched when he's stressed",
                                                  "not that one", "done"])
    topics = {item.id: item.topic for item in load_deck("affection").items}
    assert "doesn't want matters" in run.text()
    assert [topics[i] for i in card_ids(run)[1:]] and "touch" not in [
        topics[i] for i in card_ids(run)[1:]]
