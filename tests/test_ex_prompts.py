"""Conversation prompts: the deck's shape, topics, no repeats across runs, another one or done."""

from collections import Counter

import pytest
from drive import answer, drive, make_context

from assistant.exercises import prompts
from assistant.exercises.decks import load_deck
from assistant.journal import Journal

TOPICS = {"deep", "fun", "dreams", "memories", "future", "appreciation", "vulnerability"}


def asked(run) -> list[str]:
    """The questions drawn during a run (ids from the Save steps)."""
    return [data["item"] for data in run.saved("deck_seen")]


def test_deck_has_every_topic_with_at_least_ten_questions():
    deck = load_deck("prompts")
    counts = Counter(item.topic for item in deck.items)
    assert set(counts) == TOPICS
    assert min(counts.values()) >= 10
    assert len(deck.items) >= 80
    assert len({item.text for item in deck.items}) == len(deck.items)


def test_no_repeats_until_the_topic_is_used_up_across_two_opens(tmp_path):
    path = tmp_path / "journal.sqlite3"
    with Journal(path) as journal:
        first = drive(prompts.run, make_context(journal, slots={"topic": "fun"}, seed=1),
                      ["another one"] * 5 + ["done"])
    with Journal(path) as journal:
        second = drive(prompts.run, make_context(journal, slots={"topic": "fun"}, seed=1),
                       ["another one"] * 7 + ["done"])
    ids = asked(first) + asked(second)
    fun = [item.id for item in load_deck("prompts").items if item.topic == "fun"]
    assert len(ids) == 14
    assert sorted(ids[:12]) == sorted(fun)  # all twelve, none twice
    assert set(ids[12:]) <= set(fun)  # then it starts over
    assert second.saved("deck_reset") == [{"deck": "prompts", "items": fun}]


def test_topic_slot_picks_the_topic(tmp_path):
    with Journal(tmp_path / "j.sqlite3") as journal:
        run = drive(prompts.run, make_context(journal, slots={"topic": "memories"}),
                    ["next", "skip", "no"])
    assert [i.split("-")[0] for i in asked(run)] == ["memories"] * 3
    assert all(s.style == "bright" for s in run.steps if hasattr(s, "style"))


def test_done_closes_after_one_question(tmp_path):
    with Journal(tmp_path / "j.sqlite3") as journal:
        run = drive(prompts.run, make_context(journal), ["we're done, thanks"])
    assert len(asked(run)) == 1
    assert run.said[-1] == prompts.CLOSE


def test_chatter_waits_then_closes_kindly(tmp_path):
    """Talk that is neither "another" nor "done" does not draw a question."""
    with Journal(tmp_path / "j.sqlite3") as journal:
        run = drive(prompts.run, make_context(journal),
                    ["I think it was Rome", "yes Rome in the rain", "another one", "hmm", "ha",
                     "well"])
    assert len(asked(run)) == 2
    assert run.said[-1] == prompts.CLOSE


def test_asking_for_a_topic_switches_to_it(tmp_path):
    with Journal(tmp_path / "j.sqlite3") as journal:
        run = drive(prompts.run, make_context(journal, slots={"topic": "deep"}),
                    [answer("something fun now", "prompt.conversation"), "done"])
    assert [i.split("-")[0] for i in asked(run)] == ["deep", "fun"]


@pytest.mark.parametrize("text, choice", [
    ("another one", "another"), ("next please", "another"), ("yes", "another"),
    ("skip", "another"), ("no", "done"), ("we're done", "done"), ("that's enough", "done"),
    ("I loved that trip", None),
])
def test_decide(text, choice):
    assert prompts.decide(answer(text)) == choice
