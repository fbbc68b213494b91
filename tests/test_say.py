"""`hearth say` and `hearth voices`: WAVs that grow with the text, words that come back, errors."""

import subprocess
import sys

import numpy as np
import pytest
import soundfile as sf
import soxr

from assistant.cli import main


def say_to_wav(tmp_path, text, *extra):
    out = tmp_path / f"say-{abs(hash(text))}.wav"
    assert main(["say", text, "--out", str(out), *extra]) == 0
    return sf.read(out)


def test_the_wav_grows_with_the_text(tmp_path):
    short, rate = say_to_wav(tmp_path, "Good night.")
    medium, _ = say_to_wav(tmp_path, "Good night. Sleep well, both of you.")
    long, _ = say_to_wav(tmp_path, "Good night. Sleep well, both of you. "
                                   "Thank you for taking this time together tonight.")
    assert rate == 22050
    assert 0.5 < len(short) / rate < len(medium) / rate < len(long) / rate < 15


def test_voice_option_changes_the_voice(tmp_path):
    # the neural voice varies its timing a little from run to run; calm is 20% slower
    text = "Let us begin whenever you are ready, and take all the time you need together."
    bright, _ = say_to_wav(tmp_path, text, "--voice", "bright")
    calm, _ = say_to_wav(tmp_path, text, "--voice", "calm")
    assert len(calm) > len(bright)


def test_round_trip_through_pocketsphinx_gets_the_words_back(tmp_path):
    from pocketsphinx import Decoder

    audio, rate = say_to_wav(tmp_path, "Good morning. How are you?", "--voice", "calm")
    pcm = (np.clip(soxr.resample(audio, rate, 16000), -1, 1) * 32767).astype(np.int16)
    decoder = Decoder(loglevel="FATAL")
    decoder.start_utt()
    decoder.process_raw(pcm.tobytes(), full_utt=True)
    decoder.end_utt()
    heard = set(decoder.hyp().hypstr.split())
    assert len(heard & {"good", "morning", "how", "are", "you"}) >= 3, heard


def test_voices_lists_every_profile_and_marks_the_default(capsys):
    assert main(["voices"]) == 0
    out = capsys.readouterr().out
    for name in ("warm", "calm", "bright"):
        assert name in out
    assert "* warm" in out


def run_hearth(*args, env_extra=None):
    import os

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, check=False,
                          text=True, env=env, timeout=60)


@pytest.mark.parametrize(("args", "config", "message"), [
    (["say", "hi", "--voice", "shouty", "--out", "x.wav"], "", "unknown voice 'shouty'"),
    (["say", "hi"], 'output_device = "no-such-speaker"\n', "no-such-speaker"),
    (["say", "hi", "--out", "/no/such/folder/x.wav"], "", "does not exist"),
    (["say", "   ", "--out", "x.wav"], "", "nothing to say"),
])
def test_bad_input_is_one_line_and_exit_code_2(tmp_path, monkeypatch, args, config, message):
    import os

    monkeypatch.chdir(tmp_path)
    (tmp_path / "config.toml").write_text(config)
    done = run_hearth(*args, env_extra={"HEARTH_CONFIG": os.environ["HEARTH_CONFIG"]})
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in done.stderr


def test_a_broken_profile_file_is_named(tmp_path):
    (tmp_path / "warm.yaml").write_text("name: warm\nrate: very fast\n")
    done = run_hearth("say", "hi", "--out", str(tmp_path / "x.wav"),
                      env_extra={"HEARTH_VOICES_DIR": str(tmp_path)})
    assert done.returncode == 2
    assert "warm.yaml" in done.stderr and "'rate'" in done.stderr
    assert "Traceback" not in done.stderr
