"""The voices spoken evaluations use besides espeak-ng: Festival (Debian's festvox voices),
heard by command mode; a voice that is not installed is skipped with the reason."""

import pytest

from assistant.errors import VoiceError
from assistant.speech.synthetic import spoken, voice_missing


def test_a_voice_that_is_not_installed_says_why():
    assert "not installed" in voice_missing("festival:no_such_voice")
    with pytest.raises(VoiceError, match="not installed"):
        spoken("hello", "festival:no_such_voice", 160)


def test_the_spoken_evaluation_skips_a_missing_voice_with_the_reason(tmp_path):
    from assistant.speech.service import evaluate_spoken

    tsv = tmp_path / "lines.tsv"
    tsv.write_text("utterance\tintent\tslots\nstart a breathing exercise\texercise.breathing\t\n")
    report = evaluate_spoken(tsv, voices=["festival:no_such_voice"])
    assert report.conditions[0].skipped and report.conditions[0].total == 0
    assert "skipped: the Festival voice 'no_such_voice' is not installed" in report.render()


@pytest.mark.audio
@pytest.mark.parametrize("voice", ["festival:kal_diphone", "festival:cmu_us_slt_arctic_hts"])
def test_a_festival_voice_is_heard_in_command_mode(voice):
    from assistant.speech.pocketsphinx_engine import PocketSphinxRecognizer
    from assistant.understanding import understand

    if voice_missing(voice):
        pytest.skip(voice_missing(voice))
    audio = spoken("start a breathing exercise", voice, 160)
    assert audio.dtype.name == "int16" and len(audio) > 16000
    heard = PocketSphinxRecognizer(second_hearing=False).transcribe(audio, "command")
    assert understand(heard.text).intent == "exercise.breathing"
