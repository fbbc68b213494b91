"""The check-in: moods, minds and needs stored as given, reflected, and followed up."""

import pytest
from drive import drive, make_context

from assistant.exercises import checkin, exercise_registry
from assistant.journal import Journal


@pytest.fixture
def journal(tmp_path):
    with Journal(tmp_path / "journal.sqlite3") as j:
        yield j


def test_registered_for_its_intent():
    assert exercise_registry()["checkin.start"].run is checkin.run


@pytest.mark.parametrize(
    "said, mood, feeling",
    [
        ("7", 7, None),
        ("about a seven", 7, None),
        ("pretty tired", 4, "tired"),
        ("not great", 4, "not great"),
        ("not bad", 6, "not bad"),
        ("happy, like a 9", 9, "happy"),
        ("hmm", None, None),
    ],
)
def test_mood_from_numbers_and_feeling_words(said, mood, feeling):
    assert checkin.read_mood(said) == (mood, feeling)


def test_each_answer_is_stored_for_each_partner(journal):
    run = drive(checkin.run, make_context(journal), [
        "7", "work was long", "a hug",
        "calm", "I'm worried about my sister", "I need you to listen to me",
    ])
    stored = [(e.partner, e.data) for e in journal.entries("checkin")]
    assert stored == [
        ("Sam", {"part": "mood", "mood": 7, "mood_word": None, "said": "7"}),
        ("Sam", {"part": "on_mind", "on_mind": "work was long"}),
        ("Sam", {"part": "need", "need": "a hug", "from": "Alex"}),
        ("Alex", {"part": "mood", "mood": 7, "mood_word": "calm", "said": "calm"}),
        ("Alex", {"part": "on_mind", "on_mind": "I'm worried about my sister"}),
        ("Alex", {"part": "need", "need": "I need you to listen to me", "from": "Sam"}),
    ]
    assert run.exit is None


def test_reflection_gives_each_partner_their_words_back(journal):
    run = drive(checkin.run, make_context(journal), [
        "7", "work was long", "a hug",
        "calm", "I'm worried about my sister", "I need you to listen to me",
    ])
    text = run.text()
    assert "Sam, you're at a 7, you mentioned work was long, and you'd like a hug from Alex." in text
    assert ("Alex, you're at a 7, feeling calm, you mentioned you're worried about your sister, "
            "and you'd like Sam to listen to you.") in text


def test_unclear_mood_is_asked_again_once(journal):
    run = drive(checkin.run, make_context(journal), ["banana", "a six", "x", "y"])
    assert sum("didn't quite catch" in line for line in run.said) == 1
    assert run.saved("checkin")[0]["mood"] == 6


def test_still_unclear_mood_keeps_the_words(journal):
    drive(checkin.run, make_context(journal), ["banana", "purple"])
    first = journal.entries("checkin")[0].data
    assert first == {"part": "mood", "mood": None, "mood_word": None, "said": "purple"}


def test_a_stop_after_the_mood_keeps_the_mood(journal):
    """Nobody answers after the mood: the mood is already in the journal."""
    run = drive(checkin.run, make_context(journal), ["3"])
    assert [e.data["mood"] for e in journal.entries("checkin")] == [3]
    assert run.said[-1].startswith("That's all right")


def test_low_mood_offers_breathing_and_hands_over_on_yes(journal):
    run = drive(checkin.run, make_context(journal), [
        "sad", "my dad is ill", "skip", "8", "the garden", "nothing", "yes",
    ])
    assert "breathing" in run.said[-2]
    assert "Sam" in run.said[-2]
    assert run.exit is not None and run.exit.next_intent == "exercise.breathing"


def test_low_mood_offers_support_ideas(journal):
    run = drive(checkin.run, make_context(journal), [
        "2", "a", "b", "6", "c", "d", "support please",
    ])
    assert run.exit.next_intent == "coach.empathy"


def test_low_mood_offer_declined_closes_kindly(journal):
    run = drive(checkin.run, make_context(journal), ["2", "a", "b", "6", "c", "d", "no"])
    assert run.exit is None
    assert "gentle" in run.said[-1]


def test_both_high_celebrates(journal):
    run = drive(checkin.run, make_context(journal), ["9", "a", "b", "great", "c", "d"])
    assert "really good place" in run.said[-1]


def test_skipped_questions_store_nothing_for_them(journal):
    run = drive(checkin.run, make_context(journal), ["5", "skip", "skip", "6", "skip", "skip"])
    parts = [e.data["part"] for e in journal.entries("checkin")]
    assert parts == ["mood", "mood"]
    assert "Sam, you're at a 5." in run.said


def test_need_phrasings_reflect_naturally():
    assert checkin.reflect_need("I need you to hold me", "Alex") == "you'd like Alex to hold you"
    assert checkin.reflect_need("some time alone", "Alex") == "you'd like some time alone from Alex"
    assert checkin.reflect_need("I want a hug from you", "Sam") == "you'd like a hug from Sam"
    assert checkin.reflect_need("for Alex to cook tonight", "Alex") == "you'd like Alex to cook tonight"


@pytest.mark.parametrize("mood, spoken", [(8, "you're at an 8"), (7, "you're at a 7")])
def test_reflection_reads_the_number_naturally(mood, spoken):
    assert spoken in checkin.reflection("Sam", "Alex", mood, None, None, None)
