"""Synthesis through pyttsx3 on espeak-ng (the fallback): real audio in memory, sentence
splitting, errors. The profiles here prefer espeak-ng, so the neural voice stays out of it."""

import numpy as np
import pytest

from assistant.errors import VoiceError
from assistant.voice import load_profiles, speech_pieces, split_sentences, synthesize
from assistant.voice.profiles import EspeakSettings, VoiceProfile
from assistant.voice.synth import Piece, espeak_synthesizer


def espeak_only(name):
    return load_profiles()[name].model_copy(update={"engine": "espeak"})


@pytest.fixture(scope="module")
def warm():
    return espeak_only("warm")


def test_synthesis_gives_float_audio_in_memory(warm):
    audio, rate = synthesize("Good evening, both of you.", warm)
    assert rate == 22050 and audio.dtype == np.float32
    assert 0.8 < len(audio) / rate < 4
    assert 0.05 < np.abs(audio).max() <= 1.0


def test_longer_text_and_the_exercise_rate_take_longer(warm):
    short, _ = synthesize("Breathe in.", warm)
    longer, _ = synthesize("Breathe in slowly through your nose, and let it go.", warm)
    slow, _ = synthesize("Breathe in slowly through your nose, and let it go.", warm, slow=True)
    assert len(short) < len(longer) < len(slow)


def test_profiles_sound_different(warm):
    calm = espeak_only("calm")
    a, _ = synthesize("Let us rest here for a moment.", warm)
    b, _ = synthesize("Let us rest here for a moment.", calm)
    assert len(b) > len(a)  # calm is slower


def test_empty_text_is_empty_audio(warm):
    audio, _ = synthesize("   ", warm)
    assert audio.size == 0


def test_an_unknown_espeak_voice_names_the_file_and_field(tmp_path):
    profile = VoiceProfile(name="odd", engine="espeak",
                           espeak=EspeakSettings(voice="no-such-voice"),
                           source=tmp_path / "odd.yaml")
    with pytest.raises(VoiceError) as caught:
        synthesize("Hello.", profile)
    message = str(caught.value)
    assert "odd.yaml" in message and "field 'espeak.voice'" in message
    assert "no-such-voice" in message


def test_missing_espeak_is_one_clear_error(monkeypatch):
    import pyttsx3

    def broken(*args, **kwargs):
        raise RuntimeError("This means you probably do not have eSpeak or eSpeak-ng installed!")

    monkeypatch.setattr(pyttsx3, "init", broken)
    espeak_synthesizer.cache_clear()
    try:
        with pytest.raises(VoiceError, match="apt install espeak-ng"):
            espeak_synthesizer()
    finally:
        espeak_synthesizer.cache_clear()


@pytest.mark.parametrize(("text", "sentences"), [
    ("Hello. How are you?", ["Hello.", "How are you?"]),
    ("Well done!\nNow rest.", ["Well done!", "Now rest."]),
    ('She said "thank you." Then smiled.', ['She said "thank you."', "Then smiled."]),
    ("Breathe for 3.5 minutes", ["Breathe for 3.5 minutes"]),
    ("  ", []),
])
def test_split_sentences(text, sentences):
    assert split_sentences(text) == sentences


def test_a_short_reply_streams_sentence_by_sentence():
    assert speech_pieces("Hello. How are you?") == [Piece("Hello."), Piece("How are you?")]


def test_a_long_first_sentence_is_cut_at_a_comma_so_it_starts_sooner():
    text = ("Let us settle in together, noticing the weight of your body and the slow rhythm "
            "of your breathing. Then rest.")
    pieces = speech_pieces(text)
    assert pieces[0] == Piece("Let us settle in together,")  # said as a pause, not an end
    assert pieces[1].continues and pieces[1].text.startswith("noticing")
    assert pieces[2] == Piece("Then rest.")


def test_a_long_sentence_without_a_fitting_comma_stays_whole():
    text = "So, " + "we breathe in and out slowly and gently " * 3 + "together."
    assert [p.text for p in speech_pieces(text)] == [text]
