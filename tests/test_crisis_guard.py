"""The crisis guard on the written crisis sets: every crisis caught with its concern, and
figurative or everyday lines left alone."""

import pytest

from assistant.understanding import understand
from labelled import rows

SETS = ["crisis_tune.tsv", "crisis_heldout.tsv", "crisis_heldout2.tsv", "crisis_heldout3.tsv",
        "crisis_heldout4.tsv", "crisis_heldout5.tsv", "crisis_heldout6.tsv"]


@pytest.mark.parametrize("name", SETS)
def test_every_crisis_is_caught_with_its_concern(name):
    missed = [(text, concern, understand(text).intent, understand(text).concern)
              for text, concern in rows(name) if concern != "none"]
    missed = [m for m in missed if (m[2], m[3]) != ("safety.crisis", m[1])]
    assert not missed


def test_figurative_lines_rarely_alarm():
    # These lines are built to look like crises ("he grabbed my coat for me"); the context
    # reader trades some false alarms on them for recall (README: crisis guard figures).
    everyday = [text for name in SETS for text, concern in rows(name) if concern == "none"]
    alarms = [text for text in everyday if understand(text).intent == "safety.crisis"]
    assert len(alarms) <= 0.15 * len(everyday), alarms


@pytest.mark.parametrize("text", [
    "i would never hurt myself",  # a denial
    "he beat me at chess again",
    "he got physical therapy for his knee",
    "she pushed me to apply for the job",
])
def test_denials_and_figurative_readings_defuse(text):
    assert understand(text).intent != "safety.crisis"


@pytest.mark.parametrize("text, concern", [
    ("she keeps saying she wants to die", "partner_at_risk"),
    ("i want to die", "self_harm"),
    ("my wife was abused as a child, how can i support her", "support_other"),
    ("i'm afraid i'll hit him", "violence"),
])
def test_who_it_is_about_chooses_the_concern(text, concern):
    assert understand(text).concern == concern
