"""The one answer interpreter, scored on the tuning and the held-out answer sets."""

import pytest

from assistant.understanding import answers
from assistant.understanding.evaluate import answer_label
from labelled import rows


@pytest.mark.parametrize("name", ["answers_tune.tsv", "answers_heldout.tsv"])
def test_answer_sets(name):
    wrong = [(kind, text, want, answer_label(kind, text)) for kind, text, want in rows(name)]
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
