"""Gratitude: specific appreciations, a nudge when vague, reflection, storage and notes."""

import pytest
from drive import drive, make_context

from assistant.exercises import gratitude
from assistant.journal import Journal


@pytest.fixture
def journal(tmp_path):
    with Journal(tmp_path / "journal.sqlite3") as j:
        yield j


SPECIFIC = [
    "you made me tea this morning when I was exhausted", "because I felt looked after", "yes",
    "the way you sang in the car on Sunday", "it made me laugh after a hard week", "no",
]


def test_each_partner_appreciation_is_stored(journal):
    drive(gratitude.run, make_context(journal), SPECIFIC)
    stored = [(e.partner, e.data) for e in journal.entries("gratitude")]
    assert stored == [
        ("Sam", {"about": "Alex", "text": "you made me tea this morning when I was exhausted",
                 "why": "because I felt looked after"}),
        ("Alex", {"about": "Sam", "text": "the way you sang in the car on Sunday",
                  "why": "it made me laugh after a hard week"}),
    ]


def test_appreciation_is_reflected_to_the_other_partner(journal):
    run = drive(gratitude.run, make_context(journal), SPECIFIC)
    assert ("Alex, Sam appreciates that you made Sam tea this morning when Sam was exhausted. "
            "It matters to Sam because Sam felt looked after.") in run.said


def test_yes_keeps_a_note_for_the_partner(journal):
    drive(gratitude.run, make_context(journal), SPECIFIC)
    notes = journal.entries("note")
    assert len(notes) == 1  # Alex said no
    assert notes[0].partner == "Sam"
    assert notes[0].data == {
        "to": "Alex", "from": "Sam", "heard": False, "audio_path": None,
        "text": "you made me tea this morning when I was exhausted, because I felt looked after",
    }


@pytest.mark.parametrize("said", ["you're nice", "everything", "I love you", "um you are great"])
def test_vague_answers_are_nudged_once(journal, said):
    run = drive(gratitude.run, make_context(journal), [
        said, "last night you waited up for me", "it felt caring", "no",
    ])
    assert sum("one moment" in line for line in run.said) == 1
    assert journal.entries("gratitude")[0].data["text"] == f"{said}; last night you waited up for me"


def test_specific_answers_are_not_nudged(journal):
    run = drive(gratitude.run, make_context(journal), SPECIFIC)
    assert not any("one moment" in line for line in run.said)


def test_nobody_answering_the_why_still_keeps_the_appreciation(journal):
    run = drive(gratitude.run, make_context(journal), ["you fixed my bike on Saturday"])
    assert journal.entries("gratitude")[0].data == {
        "about": "Alex", "text": "you fixed my bike on Saturday", "why": None}
    assert "kept" in run.said[-1]


def test_skip_passes_to_the_other_partner(journal):
    run = drive(gratitude.run, make_context(journal), [
        "skip", "you remembered my mum's birthday", "it meant a lot", "yes",
    ])
    entries = journal.entries("gratitude")
    assert [e.partner for e in entries] == ["Alex"]
    assert journal.entries("note")[0].data["to"] == "Sam"
    assert run.said[-1].startswith("Thank you both")
