"""The distance self-check: bands by answers, stored results, change over time, next steps."""

import pytest
from drive import drive
from flowkit import clock, context, journal  # noqa: F401  (fixtures)

from assistant.errors import CatalogueError
from assistant.exercises import distance
from assistant.exercises.phrases import DistanceCheck, distance_check, load_phrases

NINE = 9


def test_questions_cover_the_signs():
    ids = [q.id for q in distance_check().questions]
    assert ids == ["talk", "confiding", "conflict", "affection", "support", "detached",
                   "withdrawn", "defensive", "closed"]


def test_no_signs_is_the_close_band_and_offers_time_together(journal):
    run = drive(distance.run, context(journal), ["no"] * NINE + ["yes"])
    saved = run.saved("assessment")[0]
    assert saved["band"] == "close" and saved["yes_count"] == 0 and saved["asked"] == NINE
    assert "fairly close" in run.text()
    assert run.exit.next_intent == "idea.shared_activity"


def test_some_signs_name_them_and_start_the_matching_exercise(journal):
    answers = ["yes", "sometimes", "no", "yeah", "no", "not really", "no", "no", "no", "yes"]
    run = drive(distance.run, context(journal), answers)
    saved = run.saved("assessment")[0]
    assert saved["band"] == "some_distance" and saved["yes_count"] == 3
    assert saved["answers"]["talk"] is True and saved["answers"]["conflict"] is False
    assert "fewer deep conversations, less confiding and less affection" in run.text()
    assert run.exit.next_intent == "prompt.conversation"  # the first sign's exercise


def test_declined_offers_move_to_the_next_sign_then_close(journal):
    answers = ["no", "no", "no", "yes", "yes", "no", "no", "no", "no", "no", "no"]
    run = drive(distance.run, context(journal), answers)
    assert run.exit is None
    offers = run.said[-3:-1]
    assert "affection" in offers[0] and "understand" in offers[1]


def test_many_signs_are_the_growing_band_in_kind_words(journal):
    run = drive(distance.run, context(journal), ["yes"] * NINE + ["no", "no"])
    saved = run.saved("assessment")[0]
    assert saved["band"] == "growing_distance" and saved["yes_count"] == NINE
    assert "doesn't mean anything is broken" in run.text()


def test_change_since_last_time_is_said(journal, clock):
    drive(distance.run, context(journal), ["yes"] * 6 + ["no"] * 3 + ["no", "no"])
    clock.advance(days=14)
    run = drive(distance.run, context(journal), ["yes"] * 2 + ["no"] * 7 + ["no", "no"])
    assert "you noticed 6 of these signs; today 2" in run.text()
    assert "moving closer" in run.text()
    stored = [e.data["yes_count"] for e in journal.entries(kind="assessment", partner="Sam")]
    assert stored == [6, 2]


def test_unclear_answer_is_asked_again_and_skip_is_not_counted(journal):
    run = drive(distance.run, context(journal),
                ["hmm", "yes", "skip"] + ["no"] * 7 + ["no"])
    saved = run.saved("assessment")[0]
    assert saved["answers"]["talk"] is True and saved["answers"]["confiding"] is None
    assert saved["asked"] == 8
    assert run.said[2].startswith("A simple yes or no")


def test_leaving_midway_keeps_what_was_answered(journal):
    run = drive(distance.run, context(journal), ["yes", "no"])
    saved = run.saved("assessment")[0]
    assert saved["complete"] is False and saved["answers"] == {"talk": True, "confiding": False}


def test_bad_question_file_names_file_and_field(tmp_path):
    (tmp_path / "distance_check.yaml").write_text(
        "intro: hi\nquestions:\n  - id: a\n    text: q\n    sign: s\n    next: not an intent\n"
        "    offer: o\nbands: []\n")
    with pytest.raises(CatalogueError, match=r"distance_check.yaml: field 'questions"):
        load_phrases("distance_check", DistanceCheck, tmp_path)
