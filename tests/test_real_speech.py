"""The real-speech benchmark's pieces: Rhino grammars as hassil intents, noise mixed the
benchmark's way, `hearth transcribe --intents`, and a few real people's clips."""

import json
import subprocess
import sys

import numpy as np
import pytest

from assistant.cli import main
from assistant.errors import CatalogueError
from assistant.speech import real_speech as bench
from assistant.speech.grammar_intents import load_intents, read_command
from assistant.speech.rhino_format import rhino_expression, rhino_to_intents

HEARTH = [sys.executable, "-m", "assistant"]
RHINO = {"context": {
    "expressions": {"orderDrink": ["[get me, make me] (a, an) $size:size latte"]},
    "slots": {"size": ["small", "twelve ounce"]}}}


@pytest.mark.parametrize("rhino,hassil", [
    ("[brew, can I get] [a, an] $size:size", "(brew|can I get) (a|an) {size:size}"),
    ("(please) $coffeeDrink:drink with milk", "[please] {coffeeDrink:drink} with milk"),
    ("[one, (very) two]", "(one|[very] two)"),
])
def test_rhino_expressions_become_hassil_templates(rhino, hassil):
    assert rhino_expression(rhino) == hassil


def test_a_converted_grammar_reads_intent_and_slots():
    from hassil import Intents

    intents = Intents.from_dict(rhino_to_intents(RHINO))
    command = read_command("make me a twelve ounce latte", intents)
    assert command.intent == "orderDrink" and command.slots == {"size": "twelve ounce"}
    assert read_command("make me a tea", intents).intent is None


def test_a_file_that_is_no_rhino_context_is_one_clear_error():
    with pytest.raises(CatalogueError, match="not a Rhino context"):
        rhino_to_intents({"expressions": []}, "x.yaml")


@pytest.mark.parametrize("snr", [6.0, 12.0])
def test_noise_is_mixed_at_the_snr_of_peak_frame_energies(snr):
    rng = np.random.default_rng(1)
    speech = (rng.standard_normal(32000) * 3000).astype(np.int16)
    noise = rng.standard_normal(100000).astype(np.float32)
    mixed = bench.mix_noise(speech, noise, snr, seed=3).astype(np.float64)
    assert abs(np.max(np.abs(mixed)) - 16384) < 2  # half of full scale
    # the noise alone, recovered by removing the (scaled) speech
    scale = np.dot(mixed, speech) / np.dot(speech.astype(np.float64), speech)
    residual = mixed - scale * speech
    ratio = bench.peak_energy(scale * speech.astype(np.float64)) / bench.peak_energy(residual)
    assert 10 * np.log10(ratio) == pytest.approx(snr, abs=0.3)


def test_transcribe_refuses_an_empty_or_broken_intents_folder(tmp_path, capsys):
    wav = tmp_path / "x.wav"
    import soundfile
    soundfile.write(wav, 0.3 * np.sin(np.arange(16000) / 5.0), 16000)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["transcribe", str(wav), "--intents", str(empty)]) == 2
    assert "no *.yaml intent files" in capsys.readouterr().err
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "a.yaml").write_text("intents: [unclosed\n")
    assert main(["transcribe", str(wav), "--intents", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "a.yaml" in err and len(err.strip().splitlines()) == 1


needs_clips = pytest.mark.skipif(bool(bench.missing_reason()), reason=bench.missing_reason()
                                 or "present")


@needs_clips
def test_transcribe_json_with_a_users_grammar_on_real_voices(tmp_path):
    clips = sorted((bench.benchmark_dir() / "audio").glob("*.flac"))[1:40:13]  # 3 held-out
    labels = json.loads((bench.benchmark_dir() / "labels.json").read_text())
    grammar = bench.grammar_dir()
    done = subprocess.run([*HEARTH, "transcribe", *map(str, clips), "--json", "--intents",
                           str(grammar)], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["file"] for r in results] == [str(c) for c in clips]
    assert all({"file", "transcript", "engine", "mode", "confidence"} <= set(r) for r in results)
    right = sum(r["intent"] == labels[c.name]["intent"] and r["slots"] == labels[c.name]["slots"]
                for r, c in zip(results, clips))
    assert right >= 2, results


@needs_clips
def test_whisper_dictation_recovers_the_slot_words_real_people_said():
    from assistant.config import Settings
    from assistant.speech import make_recognizer

    recognizer = make_recognizer(Settings(), "pocketsphinx")
    if recognizer.dictation_notice:
        pytest.skip(recognizer.dictation_notice)
    clips = bench.load_clips(every=53, offset=2)  # 6 held-out clips
    recall, _ = bench.slot_word_recall(
        clips, lambda audio: recognizer.transcribe(audio, "dictation").text)
    assert recall >= 0.8
