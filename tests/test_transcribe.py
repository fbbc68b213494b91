"""The speech commands end to end: transcribe, understand --audio, eval --speak, models, errors."""

import json
import subprocess
import sys
import zipfile

import numpy as np
import pytest
import soundfile

from assistant.cli import main

HEARTH = [sys.executable, "-m", "assistant"]


def run(*args):
    return subprocess.run([*HEARTH, *args], capture_output=True, text=True, timeout=120)


@pytest.mark.audio
def test_transcribe_prints_the_words(speak):
    done = run("transcribe", str(speak("leave a note for my partner", rate=150)))
    assert done.returncode == 0
    assert "note" in done.stdout.split() and "partner" in done.stdout.split()


@pytest.mark.audio
def test_understand_audio_gives_one_json_line_per_file(speak, tmp_path):
    stereo = tmp_path / "stereo48k.wav"
    data, rate = soundfile.read(speak("slower please", rate=150), dtype="float32")
    import soxr
    soundfile.write(stereo, soxr.resample(np.stack([data, data], 1), rate, 48000), 48000,
                    subtype="FLOAT")
    done = run("understand", "--audio", str(speak("start a breathing exercise", rate=150)),
               str(stereo))
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["intent"] for line in lines] == ["exercise.breathing", "control.slower"]
    assert all({"text", "intent", "confidence", "slots", "transcript"} <= set(x) for x in lines)


@pytest.mark.parametrize("make,message", [
    (lambda p: p.write_text("not sound"), "not a readable audio file"),
    (lambda p: soundfile.write(p, np.zeros(16000), 16000), "silent"),
    (lambda p: soundfile.write(p, np.zeros(0), 16000), "no audio"),
    (lambda p: soundfile.write(p, np.full(16000 * 31, 0.1), 16000), "too long for a spoken"),
])
def test_bad_audio_is_one_line_and_exit_code_2(tmp_path, capsys, make, message):
    path = tmp_path / "bad.wav"
    make(path)
    assert main(["transcribe", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and str(path) in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("model", ["absent", "half", None])
def test_missing_or_incomplete_vosk_model_is_explained(tmp_path, capsys, model):
    (tmp_path / "half" / "am").mkdir(parents=True)
    wav = tmp_path / "x.wav"
    soundfile.write(wav, 0.3 * np.sin(np.arange(16000) / 5.0), 16000)
    config = f'vosk_model = "{tmp_path / model}"\n' if model else 'engine = "vosk"\n'
    (tmp_path / "config.toml").write_text(config)
    assert main(["transcribe", str(wav)]) == 2
    err = capsys.readouterr().err
    assert "hearth models download" in err and len(err.strip().splitlines()) == 1
    if model:
        assert str(tmp_path / model) in err


def _fake_model_zip(path, complete=True):
    with zipfile.ZipFile(path, "w") as bundle:
        bundle.writestr("vosk-model-test/am/final.mdl", b"x")
        bundle.writestr("vosk-model-test/conf/mfcc.conf", b"x")
        if complete:
            bundle.writestr("vosk-model-test/graph/HCLr.fst", b"x")


def test_models_download_unpacks_and_checks_a_local_archive(tmp_path):
    _fake_model_zip(tmp_path / "m.zip")
    data = tmp_path / "data"
    done = run("--data-dir", str(data), "models", "download", "vosk-model-test",
               "--url", (tmp_path / "m.zip").as_uri())
    assert done.returncode == 0, done.stderr
    assert (data / "models" / "vosk-model-test" / "graph" / "HCLr.fst").is_file()
    listed = run("--data-dir", str(data), "models", "list")
    assert "vosk-model-test" in listed.stdout and "ready" in listed.stdout


@pytest.mark.parametrize("kind", ["incomplete", "not a zip", "wrong checksum"])
def test_models_download_refuses_a_bad_archive(tmp_path, kind):
    archive = tmp_path / "m.zip"
    if kind == "not a zip":
        archive.write_text("hello")
    else:
        _fake_model_zip(archive, complete=kind != "incomplete")
    extra = ["--sha256", "0" * 64] if kind == "wrong checksum" else []
    done = run("--data-dir", str(tmp_path / "data"), "models", "download", "vosk-model-test",
               "--url", archive.as_uri(), *extra)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert not (tmp_path / "data" / "models" / "vosk-model-test").exists()


@pytest.mark.audio
def test_eval_speak_reports_spoken_accuracy(tmp_path):
    tsv = tmp_path / "few.tsv"
    tsv.write_text("utterance\tintent\tslots\nstart a breathing exercise\texercise.breathing\t\n"
                   "leave a note for my partner\tnote.leave\t\n")
    done = run("eval", "--speak", str(tsv), "--voices", "en-us", "--rates", "150", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["conditions"][0]["voice"] == "en-us"
    assert report["accuracy"] >= 0.5
    noisy = run("eval", "--speak", str(tsv), "--voices", "en-us", "--snr", "9")
    assert "pink noise 9 dB SNR" in noisy.stdout
