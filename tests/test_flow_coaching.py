"""Empathy and I-statement coaching: situations, replies, blaming forms, the read-back."""

import pytest

from drive import drive
from flowkit import clock, context, journal  # noqa: F401  (fixtures)

from assistant.exercises import empathy, exercise_registry, i_statement


def test_both_registered():
    registry = exercise_registry()
    assert registry["coach.empathy"].run is empathy.run
    assert registry["coach.i_statement"].run is i_statement.run


def test_empathy_explains_validation_then_phrases_for_the_situation(journal):
    run = drive(empathy.run, context(journal), ["she is stressed about her boss and a deadline",
                                                "no"])
    text = run.text()
    assert "fix" in run.said[0]
    assert "pressure at work" in text
    assert "You've been carrying a lot at work" in text
    assert run.saved("empathy_practice") == [{"situation": "work_stress", "practised": 0}]


def test_empathy_practice_suggests_a_reply_that_reflects_the_partner(journal):
    run = drive(empathy.run, context(journal), [
        "his dad died last month", "yes", "I miss my dad so much", "another one",
        "You never listen to me", "no",
    ])
    replies = [line for line in run.said if line.startswith("You might try")]
    assert "you miss your dad so much" in replies[0]
    assert "you feel that I never listen to you" in replies[1]
    assert run.saved("empathy_practice") == [{"situation": "loss", "practised": 2}]
    stored = journal.entries(kind="empathy_practice")[0]
    assert stored.partner == "Sam" and "dad" not in str(stored.data)


def test_reflect_turns_pronouns_both_ways():
    assert empathy.reflect("I am tired of my job") == "you are tired of your job"
    assert empathy.reflect("you forgot me") == "I forgot you"


def test_blaming_forms_are_noticed():
    found = [p.id for p in i_statement.blaming_forms(
        "You ALWAYS leave a mess and you never help, you're so lazy")]
    assert found == ["always", "never", "name_calling"]
    assert i_statement.blaming_forms("I felt alone at dinner") == []


def test_i_statement_reads_back_feeling_situation_and_need(journal):
    run = drive(i_statement.run, context(journal, speaker="Alex"), [
        "You never help with the dishes, you're so selfish",
        "I feel exhausted",
        "when the dishes are left in the sink overnight",
        "because I need to wake up to a calm kitchen",
        "could we do them together after dinner",
        "yes",
    ])
    statement = ("I feel exhausted when the dishes are left in the sink overnight because I "
                 "need to wake up to a calm kitchen. Could we do them together after dinner?")
    assert "I heard a 'never'." in run.text()
    assert "There was a label in there." in run.text()
    assert run.said.count(statement) == 2  # read back, then once more on request
    saved = run.saved("i_statement")[0]
    assert saved["statement"] == statement
    assert saved["blame_forms"] == ["never", "name_calling"]
    assert "selfish" not in str(saved)  # the raw complaint is not kept
    assert journal.entries(kind="i_statement")[0].partner == "Alex"


def test_i_statement_without_blame_goes_straight_to_shaping(journal):
    run = drive(i_statement.run, context(journal), [
        "I wish we talked more in the evenings", "lonely", "we both scroll our phones after nine",
        "I miss hearing about your day", "maybe could we keep phones away after nine", "no",
    ])
    assert "Let's shape it into an I-statement." in run.text()
    assert run.saved("i_statement")[0]["statement"].endswith(
        "Could we keep phones away after nine?")


def test_i_statement_ends_gently_when_nobody_answers_keeping_the_parts_given(journal):
    run = drive(i_statement.run, context(journal), ["you always interrupt me", "hurt"])
    [(kind, data, _)] = run.saves
    assert (data["feeling"], data["statement"], data["complete"]) == ("hurt", None, False)
    assert "pick this up again" in run.said[-1]


def test_request_of_the_partner_alone_asks_could_you():
    assert i_statement.request_line("you could text me when you're late") == \
        "Could you text me when you're late?"


def test_i_statement_asks_again_leaves_out_what_cannot_be_named_and_speaks_to_the_partner(
        journal):
    run = drive(i_statement.run, context(journal, speaker="Sam"), [
        "you never listen to me", "no", "i don't know",
        "last week she walked off while i was telling her about the interview",
        "because i want to feel like she cares", "i need her to put her phone down when i talk",
        "no",
    ])
    assert "pick one word" in run.text()  # asked once more, in other words
    statement = run.saved("i_statement")[-1]["statement"]
    assert statement == ("It's when last week you walked off while I was telling you about the "
                         "interview because I want to feel like you care. Could you put your "
                         "phone down when I talk?")
    assert "I feel no" not in run.text()


@pytest.mark.parametrize("said, line", [
    ("for him to put the phone away at dinner", "Could you put the phone away at dinner?"),
    ("i need an hour to myself on sundays", "I'd like an hour to myself on sundays."),
    ("i'd like you to ask before inviting people over",
     "Could you ask before inviting people over?"),
])
def test_a_wish_is_shaped_as_a_request(said, line):
    assert i_statement.request_line(said) == line
