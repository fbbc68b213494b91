"""Command mode's second hearing as free speech: when Whisper's words replace the grammar's
sentence. A fixed free-speech hearing stands in for Whisper; the grammar is the real one."""

import threading

import numpy as np
import pytest

from assistant.speech.pocketsphinx_engine import PocketSphinxRecognizer
from assistant.speech.transcript import Transcript

SECOND = np.zeros(16000, np.int16)  # one second: long enough to be heard twice


class FixedHearing:
    """Free speech that always hears the same words with the same confidence."""

    name = "whisper"

    def __init__(self):
        self.heard = Transcript("", None, True, "dictation", "whisper")

    def transcribe(self, audio, mode="dictation"):
        return self.heard

    others: list = []  # Whisper's next best hearings, with their sureness
    searched = 0

    def alternatives(self, audio, count=2):
        self.searched += 1
        return self.others[:count]


@pytest.fixture(scope="module")
def hearing():
    return FixedHearing()


@pytest.fixture(scope="module")
def recognizer(hearing):
    return PocketSphinxRecognizer(dictation=hearing)


def decide(recognizer, hearing, grammar: str, free: str, confidence: float) -> str:
    hearing.heard = Transcript(free, confidence, True, "dictation", "whisper")
    said = Transcript(grammar, None, True, "command", "pocketsphinx")
    return recognizer.second_opinion(said, True, SECOND).text


@pytest.mark.parametrize("grammar,free,confidence,expected", [
    # a crisis heard as free speech always wins, however unsure
    ("tell me a joke about computers", "i took all my pills an hour ago", 0.3, "free"),
    # talk the grammar snapped onto a far sentence: sure free speech wins
    ("leave a quick note to him", "can we do a quick check in", 0.74, "free"),
    # ... but Whisper's garbled words in noise, fairly sure and reading as nothing, do not
    ("start the breathing exercise", "it's hard to feel free to mess our sides", 0.585,
     "grammar"),
    # ... unsure free speech (Whisper inventing words) does not
    ("give us a date idea", "good luck sunday it's time to hear", 0.40, "grammar"),
    # ... nor when only the guard's reading in context finds it heavy: no crisis phrase in it
    ("give us a date idea", "good luck someday it's time to hear", 0.40, "grammar"),
    # the two agree closely: the grammar's cleaner sentence stands
    ("give us a date idea", "give us a great idea", 0.9, "grammar"),
    # a crisis the grammar imagined in figurative talk: sure free speech wins
    ("i want to end it all", "this traffic is killing me", 0.9, "free"),
    # noise: the grammar snapped the voice onto another request; Whisper's words, unsure but
    # read surely as a request, win
    ("what's twelve divided by forty seven", "let's share with we appreciate the balance "
     "each another", 0.52, "free"),
    ("nah", "stop", 0.33, "free"),
    # ... also over a request the matcher reads surely, when the grammar's sentence is far from
    # Whisper's words (it snapped the voice onto it)
    ("show us four hundred seventy eight", "the small romantic gesture idea", 0.58, "free"),
    # ... not when they read as out of scope, or only weakly as a request
    ("quit that", "lay some jazz", 0.45, "grammar"),
    ("guide me through some breathing", "guide me through some freedom", 0.61, "grammar"),
    # ... and not when Whisper is guessing
    ("nah", "stop", 0.2, "grammar"),
    # ... and a crisis read in garbled words is left to the guard's own rule
    ("how do we find couples counseling", "how do we find carpool of car on the link", 0.47,
     "grammar"),
    # ... and an unsure Whisper never overrules a crisis sentence from the grammar
    ("i want to end it all", "start a breathing exercise", 0.4, "grammar"),
])
def test_free_speech_replaces_the_grammar_only_when_it_should(
        recognizer, hearing, grammar, free, confidence, expected):
    heard = decide(recognizer, hearing, grammar, free, confidence)
    assert heard == (free if expected == "free" else grammar)


def test_a_users_own_grammar_gives_way_to_a_crisis_or_to_another_sentence_of_it(
        hearing, tmp_path):
    (tmp_path / "coffee.yaml").write_text(
        "intents:\n  order:\n    data:\n      - sentences: ['(get|make) me a {drink}']\n"
        "lists:\n  drink:\n    values: [latte, mocha]\n")
    own = PocketSphinxRecognizer(tmp_path, dictation=hearing)
    assert decide(own, hearing, "get me a latte", "i'd like a cup of tea", 0.9) == \
        "get me a latte"
    assert decide(own, hearing, "get me a latte", "i want to kill myself", 0.9) == \
        "i want to kill myself"
    # Whisper's words are a sentence of the grammar with another meaning: they win when sure
    assert decide(own, hearing, "get me a latte", "make me a mocha", 0.8) == "make me a mocha"
    assert decide(own, hearing, "get me a latte", "make me a mocha", 0.4) == "get me a latte"
    # ... the same meaning in other words: the grammar's sentence stands
    assert decide(own, hearing, "get me a latte", "make me a latte", 0.9) == "get me a latte"
    # Whisper's words nearly a sentence of it (noise): read as that sentence, which wins
    assert decide(own, hearing, "get me a latte", "make me a moka", 0.8) == "make me a mocha"
    # ... not when they are far from any ("make me a moment": a guess at the last word)
    assert decide(own, hearing, "get me a latte", "make me a moment", 0.8) == "get me a latte"


def test_words_are_read_onto_the_nearest_sentence_of_a_grammar():
    from assistant.speech.nearest_sentence import SentenceReader

    # (get|make) me a [large] (latte|mocha), as an automaton with a phrase token
    arcs = [(0, 1, "get_me_a"), (0, 1, "make_me_a"), (1, 2, "large"), (1, 2, ""),
            (2, 3, "latte"), (2, 3, "mocha")]
    phones = {"mocha": "M OW K AH", "moka": "M OW K AH", "latte": "L AA T EY"}
    reader = SentenceReader(arcs, 0, 3, phones.get)
    assert reader.nearest("make me a mocha".split()) == ("make me a mocha", 0.0)
    assert reader.nearest("make me a moka".split()) == ("make me a mocha", 0.0)  # sounds alike
    sentence, cost = reader.nearest("can you make me a large latte".split())
    assert sentence == "make me a large latte" and cost == pytest.approx(2 / 7)
    sentence, cost = reader.nearest("get me latte".split())  # a word left out
    assert sentence == "get me a latte" and cost == pytest.approx(1 / 3)


@pytest.mark.parametrize("grammar,free,confidence,others,expected", [
    # the grammar snapped a crisis line onto a request, Whisper unsure and harmless; its next
    # best hearing, sure enough, raises the alarm
    ("i want to be a better listener", "i've been hot in my self", 0.685,
     [("i've been hot in my self", 0.69), ("i've been hurting myself", 0.69)],
     "i've been hurting myself"),
    # ... not when that hearing is a guess
    ("i want to be a better listener", "i've been hot in my self", 0.685,
     [("i've been hurting myself", 0.45)], None),
    # Whisper's sure words overruled the grammar's crisis sentence; the beam keeps the crisis
    ("she slapped me", "g slap me across the face", 0.73,
     [("she slapped me across the face", 0.79)], "she slapped me across the face"),
])
def test_an_unsure_ear_asks_whispers_other_hearings_for_a_crisis(
        recognizer, hearing, grammar, free, confidence, others, expected):
    hearing.others = others
    try:
        heard = decide(recognizer, hearing, grammar, free, confidence)
        assert heard == expected if expected else heard in (grammar, free)
    finally:
        hearing.others = []


@pytest.mark.parametrize("grammar,free,confidence", [
    ("start a breathing exercise", "tell me something funny", 0.9),  # Whisper sure
    ("start a breathing exercise", "start a breathing exercises", 0.5),  # the two agree
])
def test_no_other_hearings_are_searched_when_the_ear_was_sure(
        recognizer, hearing, grammar, free, confidence):
    hearing.others = [("i want to kill myself", 0.9)]
    before = hearing.searched
    try:
        decide(recognizer, hearing, grammar, free, confidence)
        assert hearing.searched == before
    finally:
        hearing.others = []


def test_short_sounds_are_not_heard_twice(recognizer, hearing):
    hearing.heard = Transcript("i want to kill myself", 0.9, True, "dictation", "whisper")
    said = Transcript("yes", None, True, "command", "pocketsphinx")
    assert recognizer.second_opinion(said, True, SECOND[:4000]).text == "yes"


class CountingHearing(FixedHearing):
    def __init__(self):
        super().__init__()
        self.lengths = []

    def transcribe(self, audio, mode="dictation"):
        self.lengths.append(len(audio))
        return Transcript("start a breathing exercise", 0.9, True, "dictation", "whisper")


@pytest.mark.audio
def test_a_live_request_is_heard_twice_while_the_listener_waits_out_the_pause():
    from assistant.speech.synthetic import spoken

    hearing = CountingHearing()
    recognizer = PocketSphinxRecognizer(dictation=hearing)
    voice = spoken("start a breathing exercise", "en-us", 160)
    audio = np.concatenate([voice, np.zeros(4800, np.int16)])  # + the trailing silence
    session = recognizer.stream("command")
    for start in range(0, len(audio), 480):
        session.feed(audio[start:start + 480])
    heard = session.finish()
    assert "breathing" in heard.text.split()
    assert len(hearing.lengths) == 1 and hearing.lengths[0] < len(audio)  # started early


@pytest.mark.parametrize("grammar,at_once", [
    ("give us a date idea", True),
    ("i want to end it all", False),  # a crisis reply waits: Whisper may veto it
    ("", False),  # nothing to act on yet
])
def test_only_harmless_grammar_words_are_acted_on_before_the_second_hearing(
        recognizer, grammar, at_once):
    said = Transcript(grammar, None, True, "command", "pocketsphinx")
    assert recognizer.acts_at_once(said) is at_once


class HeldHearing(FixedHearing):
    """Free speech that takes as long as the test wants."""

    def __init__(self):
        super().__init__()
        self.release = threading.Event()

    def transcribe(self, audio, mode="dictation"):
        self.release.wait(30)
        return Transcript("start a breathing exercise", 0.9, True, "dictation", "whisper")


@pytest.mark.audio
def test_a_live_request_is_ready_before_its_second_hearing_ends():
    from assistant.speech.synthetic import spoken

    hearing = HeldHearing()
    recognizer = PocketSphinxRecognizer(dictation=hearing)
    voice = spoken("start a breathing exercise", "en-us", 160)
    audio = np.concatenate([voice, np.zeros(4800, np.int16)])
    session = recognizer.stream("command")
    for start in range(0, len(audio), 480):
        session.feed(audio[start:start + 480])
    first, later = session.finish_early()
    assert "breathing" in first.text.split()
    assert later is not None and not later.done()
    hearing.release.set()
    later.start()
    assert later.result(timeout=30).text == first.text  # the two hearings agree


def test_unsure_free_speech_asks_whispers_other_hearings_for_a_crisis(recognizer, hearing):
    hearing.heard = Transcript("i've been hot in my self", 0.685, True, "dictation", "whisper")
    hearing.others = [("i've been hurting myself", 0.69)]
    try:
        assert recognizer.transcribe(SECOND, "dictation").text == "i've been hurting myself"
        hearing.heard = Transcript("we went for a walk", 0.9, True, "dictation", "whisper")
        assert recognizer.transcribe(SECOND, "dictation").text == "we went for a walk"  # sure
    finally:
        hearing.others = []


@pytest.mark.parametrize("grammar,free,confidence,expected", [
    # the grammar snapped onto a far sentence, Whisper a sound off a request the matcher
    # cannot place: the catalogue's nearest sentence is taken
    ("what's twelve times eighteen", "lets do a grateful nest round", 0.55,
     "let's do a gratitude round"),
    # ... but not words far from every sentence: the grammar's sentence stands
    ("call mom", "the weather is so nice outside", 0.55, "call mom"),
    # ... nor when Whisper is guessing
    ("what's twelve times eighteen", "lets do a grateful nest round", 0.2,
     "what's twelve times eighteen"),
])
def test_whispers_words_are_read_onto_the_catalogues_nearest_request(
        recognizer, hearing, grammar, free, confidence, expected):
    assert decide(recognizer, hearing, grammar, free, confidence) == expected
