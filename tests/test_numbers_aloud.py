"""Phone numbers said apart from the words around them, slowly, with pauses between groups."""

import numpy as np

from assistant.voice.numbers_aloud import (
    DIGIT_PAUSE, GROUP_PAUSE, NUMBER_PAUSE, Utterance, utterances)
from assistant.voice.spoken import spoken_form
from assistant.voice.synth import speech_pieces


def said(text, engine="piper"):
    return [utterances(piece.text, engine)
            for piece in speech_pieces(spoken_form(text, mark_numbers=True))]


def test_a_neural_voice_says_the_piece_in_one_go_pausing_before_the_number():
    assert said("Call 112 or 999 now.") == [[
        Utterance("Call, one one two or, nine nine nine now.", steady=True)]]
    assert said("Lifeline on 13 11 14, any time.") == [[
        Utterance("Lifeline on, thirteen, eleven, fourteen, any time.", steady=True)]]


def test_espeak_says_a_number_apart_in_its_groups_at_the_careful_pace():
    pieces = said("Women's Refuge is on 0800 733 843, any time.", "espeak")
    assert [pieces[0][:3], pieces[0][-1], pieces[1]] == [[
        Utterance("Women's Refuge is on,"),  # a pause, not an end
        Utterance("zero", careful=True, pause_before=NUMBER_PAUSE),
        Utterance("eight hundred", careful=True, pause_before=DIGIT_PAUSE)],
        Utterance("three", careful=True, pause_before=DIGIT_PAUSE),
        [Utterance("any time.")]]  # a long first sentence: cut after the number's comma
    assert said("Call 211 now.", "espeak")[0][-1] == Utterance("now.", pause_before=NUMBER_PAUSE)


def test_espeak_says_each_digit_on_its_own_but_keeps_hundreds_and_thousands_whole():
    assert said("If you are in danger right now, call 999.", "espeak") == [[
        Utterance("If you are in danger right now, call,"),
        Utterance("nine", careful=True, pause_before=NUMBER_PAUSE),
        Utterance("nine", careful=True, pause_before=DIGIT_PAUSE),
        Utterance("nine.", careful=True, pause_before=DIGIT_PAUSE)]]
    texts = [u.text for u in said("on 0808 2000 247", "espeak")[0]]
    assert texts == ["on,", "zero", "eight", "zero", "eight", "two thousand", "two", "four",
                     "seven"]


def test_a_long_first_sentence_is_never_cut_inside_a_number():
    pieces = speech_pieces(spoken_form(
        "The National Domestic Violence Hotline is 1-800-799-7233, or text START to 88788.",
        mark_numbers=True))
    assert [u.text for u in utterances(pieces[0].text, "piper")] == [
        "The National Domestic Violence Hotline is, one eight hundred, seven nine nine, "
        "seven two three three,"]


def test_lines_without_a_phone_number_are_one_utterance():
    assert said("Breathe in for 4, hold for 4.") == [
        [Utterance("Breathe in for four, hold for four.")]]


class PacedSynthesizer:
    """One sample per character; remembers whether each text was asked for slowly."""

    def __init__(self):
        self.calls = []

    def synthesize(self, text, profile, slow=False):
        self.calls.append((text, slow))
        return np.ones(len(text), dtype=np.float32), 100


def test_the_speaker_says_the_number_slowly_with_quiet_between_its_groups(tmp_path):
    from assistant.voice import Speaker, WavSink

    synth = PacedSynthesizer()
    synth.engine_for = lambda profile: "espeak"
    with Speaker(synthesizer=synth, sink=WavSink(tmp_path / "x.wav")) as speaker:
        speaker.say("Call 116 23.").wait(10)
        audio = speaker.last_audio
    assert synth.calls == [("Call,", False), ("one", True), ("one", True), ("six", True),
                           ("two", True), ("three.", True)]
    quiet = int(NUMBER_PAUSE * 100) + 3 * int(DIGIT_PAUSE * 100) + int(GROUP_PAUSE * 100)
    assert audio.size == len("Call,oneonesixtwothree.") + quiet


def test_a_neural_voice_says_a_piece_with_a_phone_number_steady_and_a_little_slower(tmp_path):
    from assistant.voice import Speaker, WavSink

    noise = []

    class NoiseRecorder(PacedSynthesizer):
        def synthesize(self, text, profile, slow=False):
            noise.append((text, profile.piper.noise_scale, profile.piper.noise_w,
                          profile.piper.length_scale))
            return super().synthesize(text, profile, slow)

    synth = NoiseRecorder()
    synth.engine_for = lambda profile: "piper"
    with Speaker(synthesizer=synth, sink=WavSink(tmp_path / "x.wav")) as speaker:
        speaker.say("Call 988. Sleep well.", style="calm").wait(10)
    # said steady, and half way from calm's pace (1.15) to its exercise pace (1.35)
    assert noise[0] == ("Call, nine eight eight.", 0.0, 0.0, 1.25)
    assert noise[1] == ("Sleep well.", 0.333, 0.333, 1.15)  # the profile's own
