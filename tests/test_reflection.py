"""Reflections keep the meaning: the cases in tests/data/reflections*.yaml (Sam answers, Alex is
the partner), and the module's parts."""

from pathlib import Path

import pytest
import yaml

from assistant.dialogue import reflection
from assistant.exercises import checkin, gratitude, progress

DATA = Path(__file__).parent / "data"


def reflect(kind: str, answer: str) -> str:
    """What Hearth says back for one answer, the way each exercise says it."""
    if kind == "need":
        return checkin.reflect_need(answer, "Alex", "Sam") or ""
    if kind == "mind":
        return checkin.reflect_mind(answer, "Alex", "Sam") or ""
    if kind == "gratitude":
        return gratitude.reflect("Sam", "Alex", answer, None)
    if kind == "why":
        return gratitude.reflect("Sam", "Alex", "your cooking", answer)
    return progress.appreciation_line("Sam", "Alex", answer)


def garbled(case: dict) -> list[str]:
    said = reflect(case["kind"], case["answer"])
    return ([f"missing {p!r}" for p in case["has"] if p.lower() not in said.lower()]
            + [f"has {p!r}" for p in case["not"] if p.lower() in said.lower()])


def cases(name: str) -> list[dict]:
    return yaml.safe_load((DATA / name).read_text())


@pytest.mark.parametrize("name", ["reflections.yaml", "reflections_heldout.yaml",
                                  "reflections_names.yaml", "reflections_heldout2.yaml",
                                  "reflections_flows2.yaml"])
def test_no_reflection_misgenders_reverses_or_garbles(name):
    failures = {c["answer"]: (reflect(c["kind"], c["answer"]), problems)
                for c in cases(name) if (problems := garbled(c))}
    assert failures == {}


def test_held_out_3_garbles_only_what_is_known():
    """Set 3 (written before this round's changes): the two answers still garbled are marked
    `known` (a typo that is a real word, a past tense made present); no other may fail."""
    failing = {c["answer"] for c in cases("reflections_heldout3.yaml") if garbled(c)}
    known = {c["answer"] for c in cases("reflections_heldout3.yaml") if c.get("known")}
    assert failing <= known


def test_first_person_is_said_back_as_second_and_the_partner_by_name():
    assert (reflection.retell("I've been feeling like you don't see me", "Sam", "Alex")
            == "you've been feeling like Alex doesn't see you")


def test_told_to_the_partner_the_speaker_is_named():
    assert (reflection.retell("you made me laugh when I was sad", "Sam", "Alex", "partner")
            == "you made Sam laugh when Sam was sad")


def test_a_long_answer_keeps_its_first_clauses():
    said = reflection.core("my knee hurts and I'm behind at work and I haven't called my dad "
                           "and the dog needs the vet and the car is broken again")
    assert said.startswith("my knee hurts") and "vet" not in said


@pytest.mark.parametrize("text", ["oh great, another check-in", "yeah right, like that helps",
                                  "my mum is comming to stay", "whatever"])
def test_words_not_to_take_literally(text):
    assert reflection.unsure(text, ("Sam", "Alex"))


@pytest.mark.parametrize("text", ["I'm worried about my sister's surgery on Tuesday",
                                  "work, my boss keeps piling stuff on me"])
def test_plain_answers_are_taken_as_said(text):
    assert not reflection.unsure(text, ("Sam", "Alex"))
