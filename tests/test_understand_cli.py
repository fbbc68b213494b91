"""`hearth understand`, `eval` and bad input through the real command line."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev.tsv"


def hearth(*args, stdin: bytes | None = None, env=None):
    return subprocess.run([sys.executable, "-m", "assistant", *args], input=stdin,
                          capture_output=True, env=env)


def test_understand_prints_the_public_json():
    done = hearth("understand", "box breathing for four minutes")
    assert done.returncode == 0
    out = json.loads(done.stdout)
    assert out == {"text": "box breathing for four minutes", "intent": "exercise.breathing",
                   "confidence": out["confidence"], "slots": {"pattern": "box", "minutes": 4}}


def test_explain_lists_candidates_with_templates():
    out = json.loads(hearth("understand", "--explain", "let us check in").stdout)
    assert out["candidates"][0]["intent"] == "checkin.start"
    assert out["candidates"][0]["template"]


def test_jsonl_answers_line_by_line():
    done = hearth("understand", "--jsonl", stdin=b"let's check in\nplay a song\nstop\n")
    intents = [json.loads(line)["intent"] for line in done.stdout.splitlines()]
    assert (done.returncode, intents) == (0, ["checkin.start", "none", "control.stop"])


def test_jsonl_bad_lines_keep_their_place_and_exit_2():
    done = hearth("understand", "--jsonl", stdin=b"let's check in\n\xff\xfe bad\n   \nstop\n")
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 2
    assert [line.get("intent", "error") for line in lines] == [
        "checkin.start", "error", "error", "control.stop"]
    assert b"line 2" in done.stderr and b"Traceback" not in done.stderr


@pytest.mark.parametrize("args", [["understand"], ["understand", "   "],
                                  ["understand", "x" * 100_000]])
def test_empty_or_huge_text_is_one_clear_line(args):
    done = hearth(*args)
    assert done.returncode == 2
    assert len(done.stderr.decode().strip().splitlines()) == 1
    assert b"Traceback" not in done.stderr


def test_missing_intents_directory(tmp_path):
    import os

    env = {**os.environ, "HEARTH_INTENTS_DIR": str(tmp_path / "nowhere")}
    done = hearth("understand", "hello", env=env)
    assert done.returncode == 2
    assert b"nowhere" in done.stderr and b"Traceback" not in done.stderr


@pytest.mark.skipif(not DEV.exists(), reason="shared/eval/dev.tsv is not beside the checkout")
def test_eval_on_the_dev_set_meets_the_bar():
    done = hearth("eval", "--json", str(DEV))
    figures = json.loads(done.stdout)
    assert figures["accuracy"] >= 0.98
    assert figures["crisis_recall"] == 1.0
    assert figures["out_of_scope_false_accepts"] <= 0.03


def test_eval_on_paraphrases():
    path = Path(__file__).parent / "data" / "paraphrases.tsv"
    figures = json.loads(hearth("eval", "--json", str(path)).stdout)
    assert figures["accuracy"] >= 0.95
    assert figures["crisis_recall"] == 1.0


def test_eval_reports_a_malformed_tsv_with_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("utterance\tintent\tslots\nhello\n")
    done = hearth("eval", str(bad))
    assert done.returncode == 2
    assert f"{bad}:2".encode() in done.stderr


def test_version():
    assert hearth("--version").stdout.startswith(b"hearth ")


def test_a_missing_meaning_model_is_one_line_and_exit_2(tmp_path):
    import os
    import subprocess
    import sys

    # A wordllama folder without its files stands in for a broken install.
    fake = tmp_path / "site" / "wordllama"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    done = subprocess.run([sys.executable, "-m", "assistant", "understand", "maybe some breathing"],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 2
    assert "reinstall" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
