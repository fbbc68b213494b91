"""PocketSphinx on real synthesized speech: command mode, dictation, streaming, the grammar."""

import numpy as np
import pytest

from assistant.audio import read_audio
from assistant.config import Settings
from assistant.speech import make_recognizer
from assistant.speech.command_grammar import JOIN, catalogue_fsg, fold_phrases, minimal_dfa
from assistant.speech.grammar import number_words, spoken_words

pytestmark = pytest.mark.audio


@pytest.fixture(scope="module")
def recognizer():
    return make_recognizer(Settings(), engine="pocketsphinx")


@pytest.mark.parametrize("said,intent", [
    ("start a breathing exercise", "exercise.breathing"),
    ("leave a note for my partner", "note.leave"),
    ("give us a date idea", "idea.shared_activity"),
    ("slower please", "control.slower"),
])
def test_command_mode_hears_catalogue_requests(recognizer, speak, said, intent):
    from assistant.understanding import understand

    transcript = recognizer.transcribe(read_audio(speak(said, rate=150)), "command")
    assert transcript.is_final and transcript.engine == "pocketsphinx"
    assert understand(transcript.text).intent == intent


def test_command_mode_hears_numbers_as_words_the_matcher_reads(recognizer, speak):
    from assistant.understanding import understand

    text = recognizer.transcribe(read_audio(speak("calm breathing for five minutes", rate=150))).text
    assert "five" in text.split()
    assert understand(text).slots.get("minutes") == 5


def test_command_mode_lets_talk_outside_the_catalogue_through(recognizer, speak):
    from assistant.understanding import understand

    # An everyday request the catalogue knows as out of scope is heard as itself; talk it has
    # never seen is not forced into the nearest request: its own words come through.
    known, unseen = (recognizer.transcribe(read_audio(speak(s))).text for s in [
        "what is the capital of spain",
        "my sister is visiting on saturday and bringing her two dogs"])
    assert understand(known).intent == "none"
    assert {"saturday", "dogs"} & set(unseen.split()), unseen
    assert understand(unseen).intent == "none"


def test_dictation_mode_transcribes_free_speech(recognizer, speak):
    text = recognizer.transcribe(read_audio(speak("we went for a walk in the park")),
                                 "dictation").text
    assert len({"we", "went", "walk", "park"} & set(text.split())) >= 2


def test_streaming_gives_partials_then_the_same_final_text(recognizer, speak):
    audio = read_audio(speak("start a breathing exercise", rate=150))
    audio = np.concatenate([np.zeros(4000, np.int16), audio, np.zeros(4000, np.int16)])
    session = recognizer.stream("command")
    partials = [p for start in range(0, len(audio), 1600)
                if (p := session.feed(audio[start:start + 1600])) is not None]
    final = session.finish()
    assert partials, "no partial result while speaking"
    assert "breathing" in final.text.split()
    assert final.is_final


def test_silence_gives_an_empty_transcript(recognizer):
    assert recognizer.transcribe(np.zeros(16000, np.int16)).text == ""


def test_the_recogniser_is_loaded_once_per_process():
    assert make_recognizer(Settings()) is make_recognizer(Settings(), engine="pocketsphinx")


def test_spoken_words_spell_numbers_and_drop_punctuation():
    assert spoken_words("Box-breathing for 4 minutes, please!") == \
        ["box", "breathing", "for", "four", "minutes", "please"]
    assert number_words(47) == "forty seven"
    assert number_words(120) == "one hundred twenty"


def _sentences(transitions, start, final, limit=10_000):
    """Every word string the grammar accepts (phrase tokens split), up to `limit`."""
    out: dict[int, list] = {}
    for a, b, w in transitions:
        out.setdefault(a, []).append((b, w))
    found, todo = set(), [(start, ())]
    while todo and len(found) < limit:
        state, words = todo.pop()
        if state == final:
            found.add(" ".join(words))
        for nxt, w in out.get(state, []):
            todo.append((nxt, words + tuple(w.split(JOIN)) if w else words))
    return found


def test_grammar_holds_templates_with_contractions_numbers_and_no_unknown_words(tmp_path):
    (tmp_path / "a.yaml").write_text(
        'language: en\n'
        'lists:\n  minutes:\n    range: {from: 1, to: 3}\n'
        'expansion_rules:\n  lets: "[let us|can we]"\n'
        'intents:\n  exercise.breathing:\n    data:\n      - sentences:\n'
        '          - "<lets> breathe for {minutes} minutes"\n'
        '          - "(i am|zzxq) tense"\n', encoding="utf-8")
    said = _sentences(*catalogue_fsg(tmp_path, known=lambda w: w != "zzxq"))
    assert "let's breathe for two minutes" in said
    assert "can we breathe for three minutes" in said
    assert "breathe for one minutes" in said
    assert {"i am tense", "i'm tense"} <= said
    assert not any("zzxq" in s for s in said)


def test_minimal_grammar_keeps_the_language_and_folds_chains_into_phrases():
    # two sentences sharing their ending: "start the timer" / "stop the timer"
    edges = [[("", 2), ("", 5)], [], [("start", 3)], [("the", 4)], [("timer", 1)],
             [("stop", 6)], [("the", 7)], [("timer", 1)]]
    moves, finals, start = minimal_dfa(edges, 0, 1)
    assert len(moves) == 4  # start, after start|stop, after the, end
    transitions, start, final = fold_phrases(moves, finals, start)
    assert _sentences(transitions, start, final) == {"start the timer", "stop the timer"}
    assert any(JOIN in w for _, _, w in transitions)


def test_when_the_grammar_finds_nothing_the_words_come_from_dictation(recognizer, speak):
    from assistant.speech.transcript import Transcript

    audio = read_audio(speak("we went for a walk in the park"))
    nothing = Transcript("", None, True, "command", "pocketsphinx")
    words = recognizer.second_opinion(nothing, False, audio).text.split()
    assert {"walk", "park"} & set(words)
    # a short sound is left alone
    assert recognizer.second_opinion(nothing, False, audio[:4000]).text == ""


def test_a_number_with_a_leading_zero_is_said_digit_by_digit():
    from assistant.speech.grammar import spoken_words

    # A dictated phone number keeps its zero; a quantity is said as a number.
    assert spoken_words("call 0808 now") == ["call", "zero", "eight", "zero", "eight", "now"]
    assert spoken_words("for 20 minutes") == ["for", "twenty", "minutes"]


def test_a_phone_number_in_groups_is_said_digit_by_digit_without_merging_groups():
    from assistant.speech.grammar import spoken_words

    # As quantities "2000-247" would run together into 2247.
    assert " ".join(spoken_words("call 0808, 2000-247")) == \
        "call zero eight zero eight two zero zero zero two four seven"
    assert " ".join(spoken_words("on 01. 554-3811")) == "on zero one five five four three eight one one"
    # Small groups are quantities.
    assert spoken_words("20-30 minutes") == ["twenty", "thirty", "minutes"]
