"""`hearth journal ...`: output and exit codes, in-process and as a real command."""

import io
import json
import os
import subprocess
import sys

import pytest

from assistant.cli import main
from assistant.journal import FILE_NAME, Journal


@pytest.fixture
def data_dir(tmp_path):
    directory = tmp_path / "journal-data"
    with Journal.open(directory) as journal:
        journal.set_partners(["Sam", "Alex"])
        journal.save("checkin", {"part": "mood", "mood": 7, "mood_word": "calm", "said": "7"},
                     partner="Sam")
        journal.save("deck_seen", {"deck": "prompts", "item": "deep-01"})
        journal.save("gratitude", {"about": "Sam", "text": "the tea"}, partner="Alex")
    return directory


def hearth(*args: str, stdin=subprocess.DEVNULL, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True,
                          text=True, stdin=stdin, env=env, timeout=60)


class Terminal(io.StringIO):
    """Typed answers on what looks like a terminal."""

    def isatty(self) -> bool:
        return True


def test_list_shows_entries_without_bookkeeping(data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "journal", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert "Check-in Sam: mood 7/10 (calm)" in lines[0]
    assert "Gratitude Alex: about Sam: the tea" in lines[1]


def test_list_filters_and_all(data_dir, capsys):
    main(["--data-dir", str(data_dir), "journal", "list", "--partner", "Alex"])
    assert "the tea" in capsys.readouterr().out
    main(["--data-dir", str(data_dir), "journal", "list", "--all", "--limit", "2"])
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and "deep-01" in out[0]


def test_list_of_an_empty_journal(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "journal", "list"]) == 0
    assert capsys.readouterr().out.startswith("No entries yet")


def test_export_json_and_markdown(data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "journal", "export", "--json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert [e["kind"] for e in exported["entries"]] == ["checkin", "gratitude"]
    assert exported["partners"] == ["Sam", "Alex"]
    assert main(["--data-dir", str(data_dir), "journal", "export", "--markdown"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Hearth journal") and "Check-in · Sam" in text


def test_export_to_a_private_file(data_dir, tmp_path):
    out = tmp_path / "backup.json"
    assert main(["--data-dir", str(data_dir), "journal", "export", "--out", str(out)]) == 0
    assert json.loads(out.read_text())["partners"] == ["Sam", "Alex"]
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_forget_yes_deletes_everything(data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "journal", "forget", "--yes"]) == 0
    assert "deleted" in capsys.readouterr().out
    with Journal.open(data_dir) as journal:
        assert journal.entries() == [] and journal.partners() == []


def test_forget_asks_on_a_terminal_and_keeps_data_unless_told_yes(data_dir, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", Terminal("no\n"))
    assert main(["--data-dir", str(data_dir), "journal", "forget"]) == 1
    assert "Nothing was deleted" in capsys.readouterr().out
    with Journal.open(data_dir) as journal:
        assert len(journal.entries()) == 3
    monkeypatch.setattr(sys, "stdin", Terminal("yes\n"))
    assert main(["--data-dir", str(data_dir), "journal", "forget"]) == 0
    with Journal.open(data_dir) as journal:
        assert journal.entries() == []


def test_forget_without_a_terminal_or_yes_refuses_with_exit_2(data_dir):
    result = hearth("--data-dir", str(data_dir), "journal", "forget")
    assert result.returncode == 2
    assert "--yes" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    with Journal.open(data_dir) as journal:
        assert len(journal.entries()) == 3


def test_plot_writes_a_png(data_dir, tmp_path, capsys):
    out = tmp_path / "x.png"
    assert main(["--data-dir", str(data_dir), "journal", "plot", "--out", str(out),
                 "--days", "7"]) == 0
    assert out.read_bytes()[:4] == b"\x89PNG"
    assert "1 check-in mood" in capsys.readouterr().out


def test_hearth_data_dir_env_is_used_by_the_real_command(data_dir):
    env = {**os.environ, "HEARTH_DATA_DIR": str(data_dir)}
    result = hearth("journal", "export", "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["partners"] == ["Sam", "Alex"]


def test_a_corrupt_journal_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / FILE_NAME
    path.write_bytes(b"this is not sqlite at all" * 100)
    result = hearth("--data-dir", str(tmp_path), "journal", "list")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert str(path) in result.stderr
    assert path.read_bytes() == b"this is not sqlite at all" * 100


def test_bad_days_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--data-dir", str(tmp_path), "journal", "list", "--days", "0"])
    assert caught.value.code == 2
