"""Professional help: what therapy is for, how to find it offline, abuse routed to safety."""

import pytest
from drive import drive
from flowkit import clock, context, journal  # noqa: F401  (fixtures)

from assistant.exercises import professional


def test_explains_therapy_and_how_to_find_it(journal):
    run = drive(professional.run, context(journal), ["no", "yes"])
    text = run.text()
    assert "Couples therapy" in text and "Individual therapy" in text
    for way in ("directories", "referral", "insurance", "sliding-scale"):
        assert way in text
    assert "http" not in text and "www" not in text
    assert run.exit is None and run.saves == []


@pytest.mark.parametrize("answer", ["yes", "he hits me", "I'm afraid of her", "there is abuse"])
def test_abuse_or_fear_goes_to_safety(journal, answer):
    run = drive(professional.run, context(journal), [answer])
    assert run.exit.next_intent == "safety.crisis"
    assert "directories" not in run.text()


def test_declining_the_how_to_ends_kindly(journal):
    run = drive(professional.run, context(journal), ["no", "no"])
    assert "directories" not in run.text()
    assert "caring thing" in run.said[-1]
