"""Reflective listening: roles, topics, caught and missed words, advice steered back, swap."""

import pytest
from drive import drive, make_context

from assistant.exercises import listening
from assistant.understanding.mirror import sounds_like_advice
from assistant.journal import Journal


@pytest.fixture
def journal(tmp_path):
    with Journal(tmp_path / "journal.sqlite3") as j:
        yield j


@pytest.mark.parametrize("text, advice", [
    ("you should talk to your boss", True),
    ("have you tried going to bed earlier", True),
    ("what I heard is you feel unseen at work", False),
])
def test_advice_is_recognised(text, advice):
    assert sounds_like_advice(text) is advice


ROUND_TWO = ["I had a lovely call with my brother", "you had a lovely call with your brother",
             "yes", "no", "that makes sense", "I imagine you feel happy"]


def test_a_full_session_saves_each_turn_and_swaps(journal):
    run = drive(listening.run, make_context(journal), [
        "Alex", "no",
        "I am stressed about the deadline at work and my boss ignores me",
        "what I heard is you are anxious about your job",
        "yes", "no",
        "it makes sense you'd be stressed", "I imagine you feel alone",
        *ROUND_TWO,
    ])
    mirrors = [e for e in journal.entries("listening") if e.data["part"] == "mirror"]
    assert [(e.data["speaker"], e.data["listener"]) for e in mirrors] == [
        ("Alex", "Sam"), ("Sam", "Alex")]
    first = mirrors[0].data
    assert first["speaker_words"].startswith("I am stressed")
    assert first["mirror"] == "what I heard is you are anxious about your job"
    assert first["caught"] == ["I am stressed about the deadline at work"]
    assert first["missed"] == ["my boss ignores me"]
    assert first["verdict"] == "partial"
    assert first["confirmed"] is True
    feedback = next(line for line in run.said if line.startswith("You caught"))
    assert feedback == "You caught part of it. You didn't mention that Alex's boss ignores Alex."
    validations = [e.data for e in journal.entries("listening") if e.data["part"] == "validation"]
    assert validations[0] == {"part": "validation", "speaker": "Alex", "listener": "Sam",
                              "validation": "it makes sense you'd be stressed",
                              "empathy": "I imagine you feel alone"}
    assert any("swap" in line for line in run.said)
    assert run.said[-1].startswith("That's the practice")


def test_advice_is_steered_back_to_mirroring(journal):
    run = drive(listening.run, make_context(journal), [
        "Sam", "no", "my sister has not called in weeks",
        "you should just call her", "you miss hearing from your sister",
        "yes", "no", "ok", "ok",
    ])
    assert any("suggestion" in line for line in run.said)
    mirror = journal.entries("listening")[0].data
    assert mirror["mirror"] == "you miss hearing from your sister"
    assert mirror["speaker"] == "Sam"


def test_correction_is_mirrored_again(journal):
    drive(listening.run, make_context(journal), [
        "Sam", "no", "I feel unseen at home",
        "you feel tired", "no, it's more that nobody notices what I do at home",
        "nobody notices what you do at home", "no", "ok", "ok",
    ])
    entry = journal.entries("listening")[0].data
    assert entry["confirmed"] is False
    # the "no" answers the question; what is said again is kept as the speaker's words
    assert entry["speaker_words"].endswith("/ it's more that nobody notices what I do at home")
    assert entry["mirror"] == "you feel tired / nobody notices what you do at home"


def test_speaker_carrying_on_is_another_turn(journal):
    drive(listening.run, make_context(journal), [
        "Sam", "no", "work was long", "your work was long", "yes",
        "and then the train was cancelled and I walked home in the rain",
        "the train got cancelled and you walked home in the rain", "yes", "no",
        "ok", "ok",
    ])
    mirrors = [e.data for e in journal.entries("listening") if e.data["part"] == "mirror"]
    assert [m["speaker_words"] for m in mirrors] == [
        "work was long", "and then the train was cancelled and I walked home in the rain"]


def test_a_gentle_topic_is_offered_from_the_deck(journal):
    run = drive(listening.run, make_context(journal), ["Sam", "yes"])
    topic_line = next(line for line in run.said if line.startswith("Here's one:"))
    assert len(topic_line) > len("Here's one: ")
    assert len(journal.seen("listening")) == 1
    assert run.said[-1].startswith("Let's leave it there")
