"""Vosk on real synthesized speech. These run only when a Vosk model is on disk."""

import pytest

from assistant.audio import read_audio
from assistant.config import Settings, data_dir
from assistant.speech.models import find_vosk_model

pytestmark = [pytest.mark.audio, pytest.mark.vosk]


@pytest.fixture(scope="module")
def vosk_recognizer():
    path = find_vosk_model(Settings())
    if path is None:
        pytest.skip("no Vosk model in models/ or the data dir (Vosk models cannot be downloaded "
                    "here); run `hearth models download` to enable these tests")
    from assistant.speech.vosk_engine import VoskRecognizer

    return VoskRecognizer(path)


def test_vosk_command_mode_hears_a_request(vosk_recognizer, speak):
    from assistant.understanding import understand

    text = vosk_recognizer.transcribe(read_audio(speak("leave a note for my partner"))).text
    assert understand(text).intent == "note.leave"


def test_vosk_dictation_and_streaming(vosk_recognizer, speak):
    audio = read_audio(speak("we went for a walk in the park"))
    session = vosk_recognizer.stream("dictation")
    for start in range(0, len(audio), 1600):
        session.feed(audio[start:start + 1600])
    assert "park" in session.finish().text.split()


