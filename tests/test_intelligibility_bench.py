"""The intelligibility benchmark's lines and scoring (the listening itself runs in `hearth bench`)."""

import pytest

from assistant.benchmarks.intelligibility import hearth_lines, number_intact, word_errors
from assistant.dialogue.safety import load_resources


def test_fifty_lines_or_more_with_every_crisis_resource_of_every_region():
    lines = hearth_lines()
    texts = {line.text for line in lines}
    assert len([line for line in lines if not line.held_out]) >= 50
    for region in load_resources().values():
        assert {region.emergency, region.crisis, region.abuse} <= texts
    assert all(line.crisis for line in lines if line.text == load_resources()["US"].crisis)
    # each line in the voice style Hearth says it in: the crisis reply calmly
    assert {line.style for line in lines if line.crisis} == {"calm"}
    assert {line.style for line in lines} == {"warm", "calm", "bright"}


@pytest.mark.parametrize(("said", "heard", "errors"), [
    ("Call or text 988.", "call or text nine eight eight", 0),
    ("Call or text nine eight eight.", "call or text 988", 0),
    ("a break of 20 minutes", "a break of twenty minutes", 0),
    ("Good night.", "god i", 2),
    # Whisper's normaliser writes contractions out on both sides: "i'll" is "i will"
    ("I'll keep your note until Alex hears it.", "i'll keep your note until i'll upstairs it", 3),
    ("How do you know when you are truly rested?", "how do you know when you're truly rested", 0),
    ("Talk with a trained counsellor.", "talk with a trained counselor", 0),
    # a comma ends a number: "eight hundred, seven nine nine" is 800 then 799
    ("one eight hundred, seven nine nine", "one eight zero zero seven nine nine", 0),
    ("at eight forty five", "at 8.45", 0),
    ("a double bed", "a double bed", 0),
    # a compound written in two words sounds the same; a word heard as two is still wrong
    ("the Suicide Crisis Helpline, any time", "the suicide crisis help line anytime", 0),
    ("Call Lifeline", "call life line", 0),
    ("a trained counsellor", "the train counselor", 2),
])
def test_word_errors_count_numbers_the_same_however_written(said, heard, errors):
    assert word_errors(said, heard)[0] == errors


@pytest.mark.parametrize(("line", "heard", "intact"), [
    ("call 988", "call nine eight eight", True),
    ("call 988", "call high date", False),
    ("call 988", "call nine eight", False),
    ("Hotline 1-800-799-7233", "hotline one eight hundred seven hundred ninety nine seven "
     "thousand two hundred thirty three", True),
    ("Hotline 1-800-799-7233", "hotline one eight hundred seven nine nine seventy three three",
     False),
    ("call 988", "call nine hundred eighty eight", True),
    ("0808 2000 247", "zero eight hundred eight two thousand two four seven", True),
    ("call 116 123", "call one hundred sixteen one hundred twenty three", True),
    ("0808 2000 247", "oh eight oh eight two thousand two four seven", True),
    ("Lifeline on 13 11 14", "life one on thirteen eleven fourteen", True),
    ("call 000", "call triple zero", True),
    # "eight hundred" then digits one by one: 800, 7, 3, 3 (not 807, 3, 3)
    ("0800 733 843", "zero eight hundred seven three three eight four three", True),
    ("Text 50808", "text five hundred eight zero eight", True),  # 508, 0, 8
    # a phone number as the dictation recognizer writes it (spoken_words), group by group
    ("0808 2000 247", "zero eight zero eight two zero zero zero two four seven", True),
    ("Men's Aid on 01 554 3811", "men's aid on zero one fifty four three eight one one", False),
    # "double" and "triple" start a new digit, never finish a number: 800 7 99, 700 11
    ("Hotline 1-800-799-7233", "hotline one eight hundred seven double nine seven two double three",
     True),
    ("Call 1-844-700-1177", "call one eight double four seven hundred double one double seven", True),
    ("Men's Aid on 01 554 3811", "men's aid on zero one double five four thirty eight double one",
     True),
])
def test_a_crisis_number_is_intact_only_when_it_comes_back_whole(line, heard, intact):
    assert number_intact(line, heard) is intact


def test_the_scoring_reads_every_number_as_hearth_says_it():
    """Heard exactly as spoken, each line loses no word and no number ("double" included)."""
    from assistant.voice.spoken import spoken_form

    for line in hearth_lines():
        said = spoken_form(line.text)
        assert number_intact(line.text, said), said
        assert word_errors(said, said)[0] == 0, said


def test_each_held_out_set_of_phone_numbers_is_read_and_kept_apart():
    from assistant.benchmarks.intelligibility import NUMBER_SETS, hearth_lines

    lines = hearth_lines()
    for name, path in NUMBER_SETS.items():
        rows = [row for row in path.read_text().splitlines() if row and not row.startswith("#")]
        in_set = [line for line in lines if line.number_set == name]
        assert [line.text for line in in_set] == rows
        assert all(line.held_out and line.crisis and line.style == "calm" for line in in_set)
