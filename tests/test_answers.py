"""The one answer interpreter, scored on the tuning and the held-out answer sets."""

import pytest

from assistant.understanding import answers
from assistant.understanding.evaluate import answer_label
from answer_agreement import score
from labelled import rows


@pytest.mark.parametrize("name", ["answers_tune.tsv", "answers_heldout.tsv"])
def test_answer_sets(name):
    wrong = [(kind, text, want, answer_label(kind, text)) for kind, text, want in rows(name)]
    wrong = [w for w in wrong if w[2] != w[3]]
    assert not wrong, wrong


@pytest.mark.parametrize("name", ["answers_tune.tsv", "answers_heldout.tsv", "answers_tune2.tsv"])
def test_no_negated_or_hedged_answer_is_yes(name):
    for kind, text, want in rows(name):
        if kind == "yesno" and want != "yes":
            assert answers.read_yes_no(text) != "yes", text


def test_the_second_tuning_set():
    """Long answers with the yes or no inside, regional forms, moods said in bands (scored as
    tests/answer_agreement.py scores them)."""
    right, total, taken_as_yes = score("answers_tune2.tsv")
    assert (right, taken_as_yes) == (total, 0)


def test_destructive_needs_unmistakable_yes():
    assert answers.is_unmistakable_yes("yes, delete everything")
    for soft in ("definitely not", "i guess so", "sure why not", "maybe", "ok i suppose"):
        assert not answers.is_unmistakable_yes(soft), soft


def test_speaker():
    assert answers.read_speaker("it's Sam here", ["Sam", "Alex"]) == "Sam"
    assert answers.read_speaker("hello", ["Sam", "Alex"]) is None


@pytest.mark.parametrize("text, expected", [
    ("yeah nah", "no"), ("nah yeah", "yes"), ("yeah, nah, not tonight", "no"),
    ("i don't mind", "yes"), ("i wouldn't say no", "yes"), ("go on, why not", "yes"),
    ("maybe not", "no"), ("probably not", "no"), ("i guess not", "no"),
    ("in a bit", "no"), ("give me a minute", "no"), ("not at the moment", "no"),
    ("not fussed", "unclear"), ("up to you", "unclear"), ("might do", "unclear"),
    ("yeah but i'm tired", "unclear"), ("i'd love to but i can't", "no"),
    ("by all means", "yes"), ("you bet", "yes"), ("works for me", "yes"), ("uh-uh", "no"),
    ("i'm right thanks", "no"), ("nah all good", "no"), ("no, actually yes", "yes"),
    ("sounds a bit much", "no"),
])
def test_answers_people_give(text, expected):
    assert answers.read_yes_no(text) == expected


@pytest.mark.parametrize("soft", ["yes but keep my notes", "yes?", "nah yeah",
                                  "yes unless you can keep the notes", "yes hold on",
                                  "i don't mind", "yeah i guess so"])
def test_a_yes_with_a_condition_a_question_or_a_no_in_it_deletes_nothing(soft):
    assert not answers.is_unmistakable_yes(soft)


@pytest.mark.parametrize("text, score", [
    ("knackered", 3), ("over the moon", 9), ("could be better", 4), ("tired but happy", 6),
    ("i slept 2 hours and feel awful", 1), ("had 3 meetings, feeling great", 8),
    ("not in a good place", 3),
])
def test_moods_in_everyday_words(text, score):
    assert answers.read_mood(text).score == score


@pytest.mark.parametrize("text, minutes", [
    ("an hour and a half", 90), ("quarter of an hour", 15), ("1.5 hours", 90),
    ("three quarters of an hour", 45), ("one", 1),
])
def test_durations_in_hours_and_parts(text, minutes):
    assert answers.read_minutes(text) == minutes


def test_hyphenated_names_keep_both_capitals():
    assert answers.read_names("i'm anne-marie and he's liam") == ["Anne-Marie", "Liam"]


@pytest.mark.parametrize("text, reading", [
    ("mm hm", "yes"), ("uh huh", "yes"), ("what do you mean", "unclear"),
    ("let me get back to you", "unclear"), ("sorry, yes please", "yes"),
])
def test_hums_questions_and_deferrals(text, reading):
    assert answers.read_yes_no(text) == reading


def test_a_couple_of_minutes_and_a_greeting_is_no_name():
    assert answers.read_minutes("just a couple") == 2
    assert answers.read_names("hiya, kate here with my boyfriend liam") == ["Kate", "Liam"]


LEANING_YES = ("yes", "yeah", "sure", "okay", "i guess so", "i think so", "probably",
               "i suppose", "we could", "sounds good", "go on then", "why not", "of course",
               "definitely", "fine", "i would love to", "count me in", "that works", "alright",
               "i don't mind", "no problem", "aye", "cheers")
TAKEN_BACK = (", no", " but no", ", not really", " ... actually no", ", or maybe not",
              " but not tonight", " but i'd rather not", ", nah", ", never mind",
              " but i can't", ", i don't think so", ", wait, no", " but maybe later",
              " but i'm not sure", " but we'll see")


@pytest.mark.parametrize("yes", LEANING_YES)
def test_a_yes_taken_back_is_never_yes(yes):
    """A yes with a no, a hedge or a later after it ("i guess so but no") is not a yes."""
    for tail in TAKEN_BACK:
        assert answers.read_yes_no(yes + tail) != "yes", yes + tail
        assert not answers.is_unmistakable_yes(yes + tail), yes + tail
    for head in ("not ", "i'm not sure ", "maybe ", "i doubt "):
        assert answers.read_yes_no(head + yes) != "yes", head + yes


@pytest.mark.parametrize("text, reading", [
    ("maybe later", "unclear"), ("we could do it later maybe", "unclear"),
    ("ask me in a bit", "unclear"), ("maybe tomorrow", "no"), ("no, maybe later", "no"),
    ("later", "no"), ("na", "no"), ("na i'm good", "no"), ("yeah no totally", "yes"),
    ("yeah no absolutely not", "no"), ("sure, and then maybe a bath", "yes"),
    ("yes and then maybe not", "no"),
])
def test_later_doubted_is_undecided_and_a_plan_after_a_yes_keeps_it(text, reading):
    """A doubt about a later that could still be tonight asks again; another day is a no; a
    doubt about what follows the yes ("and then maybe ...") leaves the yes standing."""
    assert answers.read_yes_no(text) == reading


@pytest.mark.parametrize("soft", ["yeah ok", "okay sure", "go on then", "alright then"])
def test_going_along_deletes_nothing(soft):
    assert not answers.is_unmistakable_yes(soft)
    assert answers.is_unmistakable_yes("yes ok, delete everything")


def test_time_words_fillers_and_partner_words_are_no_names():
    assert answers.read_names("um it's kate tonight, he's out") == ["Kate"]
    assert answers.read_names("me i'm hana and this one is my bloke ray") == ["Hana", "Ray"]
    assert answers.read_mood("neither here nor there").score == 5


@pytest.mark.parametrize("text, amount", [
    ("ten please", True), ("twenty minutes", True), ("10 out of 10", True),
    ("ten or fifteen", True), ("about half an hour", True),
    ("breathing for five minutes", False), ("give us a conversation question", False),
    ("please", False),
])
def test_an_amount_is_told_from_a_request(text, amount):
    assert answers.is_amount(text) is amount


@pytest.mark.parametrize("text, said", [
    ("no, that's enough thanks", True), ("nah", True),
    ("stop", False), ("ok stop", False), ("let's stop", False),
])
def test_a_no_said_aloud_is_told_from_a_stop(text, said):
    assert answers.says_no_aloud(text) is said


@pytest.mark.parametrize("text, declined", [
    ("no thanks", True), ("actually no", True), ("never mind", True), ("nah", True),
    ("no worries, see you tonight", False), ("I love you", False), ("good luck today", False),
])
def test_a_short_no_to_saying_something_is_told_from_words_to_keep(text, declined):
    assert answers.declines(text) is declined
