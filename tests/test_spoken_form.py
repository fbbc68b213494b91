"""Numbers, times and names as a voice should say them; the decks keep their digits."""

import re

import pytest

from assistant.dialogue.safety import load_resources
from assistant.voice.spoken import spoken_form


@pytest.mark.parametrize(("text", "said"), [
    ("Call or text 988.", "Call or text nine eight eight."),
    ("call 911", "call nine one one"),
    ("1-800-799-7233", "one eight hundred, seven nine nine, seven two three three"),
    ("text START to 88788", "text start to eight eight seven, eight eight"),
    ("Samaritans free on 116 123", "Samaritans free on one one six, one two three"),
    # like digits in a row stay digits: "double five" was heard as "zero five" from Piper
    ("Men's Aid on 01 554 3811", "Men's Aid on zero one, five five four, three eight one one"),
    ("0808 2000 247", "zero eight zero eight, two thousand, two four seven"),
    ("1800 341 900", "one eight hundred, three four one, nine hundred"),
    ("Lifeline on 13 11 14", "Lifeline on thirteen, eleven, fourteen"),
    ("call 000", "call triple zero"),
    ("1800RESPECT", "one eight hundred respect"),
    ("Breathe for 4 minutes.", "Breathe for four minutes."),
    ("a break of 45 minutes", "a break of forty five minutes"),
    ("4-7-8 breathing", "four seven eight breathing"),
    ("at about 8:45", "at about eight forty five"),
    ("back at 9:05 or 10:00", "back at nine oh five or ten o'clock"),
    ("5.45 seconds", "five point four five seconds"),
    ("your 1st and 22nd", "your first and twenty second"),
    ("Good night.", "Good night."),
    # a count hyphened to its word is two words ("fifteen-minute" was heard "fifty minute")
    ("Take a fifteen-minute walk.", "Take a fifteen minute walk."),
    ("your first 7-day streak", "your first seven day streak"),
    ("twenty-five minutes", "twenty-five minutes"),
    ("a well-known place", "a well-known place"),
])
def test_numbers_are_written_out(text, said):
    assert spoken_form(text) == said


def test_names_take_the_spelling_for_speech_in_any_case():
    spellings = {"Siobhan": "Shivawn", "Niamh": "Neeve"}
    assert spoken_form("Siobhan, then NIAMH. Siobhanna stays.", spellings) == \
        "Shivawn, then Neeve. Siobhanna stays."


def test_every_crisis_line_of_every_region_is_said_without_a_digit():
    for region, lines in load_resources().items():
        for line in (lines.emergency, lines.crisis, lines.abuse):
            said = spoken_form(line)
            assert not re.search(r"\d", said), (region, said)


class RecordingSynthesizer:
    """Keeps every text it is given; returns a short silence for it."""

    def __init__(self):
        self.texts = []

    def synthesize(self, text, profile, slow=False):
        import numpy as np

        self.texts.append(text)
        return np.zeros(220, dtype=np.float32), 22050


def test_the_speaker_gives_every_synthesizer_the_spoken_form(tmp_path):
    from assistant.config import Settings
    from assistant.voice import Speaker, WavSink

    synth = RecordingSynthesizer()
    settings = Settings(spoken_names={"Siobhan": "Shivawn"})
    with Speaker(settings, synthesizer=synth, sink=WavSink(tmp_path / "x.wav")) as speaker:
        speaker.say("Siobhan, you can call or text 988 any time, day or night, whatever "
                    "happens. Breathe for 4 minutes.").wait(10)
    # a pause before the phone number (numbers_aloud.py); no marks reach the synthesizer
    assert synth.texts == ["Shivawn, you can call or text, nine eight eight any time,",
                           "day or night, whatever happens.", "Breathe for four minutes."]


def test_phone_numbers_are_marked_for_the_speaker_and_counts_are_not():
    from assistant.voice.spoken import NUMBER_END, NUMBER_START, number_parts

    said = spoken_form("Call 116 123 and breathe for 4 minutes, 4-7-8.", mark_numbers=True)
    assert said == (f"Call {NUMBER_START}one one six, one two three{NUMBER_END} and breathe "
                    "for four minutes, four seven eight.")
    assert number_parts(said) == [("Call ", False), ("one one six, one two three", True),
                                  (" and breathe for four minutes, four seven eight.", False)]
