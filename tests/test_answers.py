"""The one answer interpreter, scored on the tuning and the held-out answer sets."""

import pytest

from assistant.understanding import answers
from labelled import rows


def _read(kind: str, text: str) -> str:
    if kind == "yesno":
        return answers.read_yes_no(text)
    if kind == "unmistakable":
        return str(answers.is_unmistakable_yes(text)).lower()
    if kind == "skip":
        return str(answers.is_skip(text)).lower()
    if kind == "minutes":
        value = answers.read_minutes(text)
        return "none" if value is None else str(value)
    if kind == "names":
        return ",".join(answers.read_names(text))
    mood = answers.read_mood(text)
    if mood is None:
        return "none"
    return f"{mood.score}/{mood.word}" if mood.word else str(mood.score)


@pytest.mark.parametrize("name", ["answers_tune.tsv", "answers_heldout.tsv"])
def test_answer_sets(name):
    wrong = [(kind, text, want, _read(kind, text)) for kind, text, want in rows(name)]
    wrong = [w for w in wrong if w[2] != w[3]]
    assert not wrong, wrong


@pytest.mark.parametrize("name", ["answers_tune.tsv", "answers_heldout.tsv"])
def test_no_negated_or_hedged_answer_is_yes(name):
    for kind, text, want in rows(name):
        if kind == "yesno" and want != "yes":
            assert answers.read_yes_no(text) != "yes", text


def test_destructive_needs_unmistakable_yes():
    assert answers.is_unmistakable_yes("yes, delete everything")
    for soft in ("definitely not", "i guess so", "sure why not", "maybe", "ok i suppose"):
        assert not answers.is_unmistakable_yes(soft), soft


def test_speaker():
    assert answers.read_speaker("it's Sam here", ["Sam", "Alex"]) == "Sam"
    assert answers.read_speaker("hello", ["Sam", "Alex"]) is None
