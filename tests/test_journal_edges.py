"""Names, file modes, honest errors, odd input and cost with use (issue 13, items 6-10)."""

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import load_settings
from assistant.errors import ConfigError, InputError, JournalError
from assistant.journal import Journal
from assistant.journal.commands import export_journal, list_entries, plot_journal, write_private
from assistant.journal.health import loose_files
from assistant.safe_text import shown

# These test the store itself with free-form data on purpose (any kind, any fields); the
# entry shapes are checked in test_entry_kinds.py.
pytestmark = pytest.mark.filterwarnings("ignore::assistant.journal.kinds.EntryShapeWarning")


def hearth(*args: str, stdin: bytes = b"", env: dict | None = None, timeout: float = 60):
    """Run `hearth ARGS` with the test's data dir and config; (output, exit code)."""
    done = subprocess.run([sys.executable, "-m", "assistant", *args], input=stdin,
                          capture_output=True, timeout=timeout, env={**os.environ, **(env or {})})
    return (done.stdout + done.stderr).decode("utf-8", "replace"), done.returncode


def data_dir() -> Path:
    return Path(os.environ["HEARTH_DATA_DIR"])


def config(text: str) -> None:
    Path(os.environ["HEARTH_CONFIG"]).write_text(text)


# --- 6. names are validated and shown safely --------------------------------------------------


@pytest.mark.parametrize("name", ["Sam\nHearth: all good", "Sam\x1b[2J", "   ", "x" * 41, "42"])
def test_a_partner_name_with_a_newline_an_escape_or_no_letters_is_refused(name):
    config(f"partners = [{json.dumps(name)}, \"Alex\"]\n")  # JSON escapes are TOML's too
    with pytest.raises(ConfigError, match="partners"):
        load_settings()


def test_one_name_or_two_different_names_are_fine():
    config('partners = ["Sam"]\n')
    assert load_settings().partners == ["Sam"]
    config('partners = ["Sam", "Sam"]\n')
    with pytest.raises(ConfigError, match="differ"):
        load_settings()


def test_the_journal_refuses_to_store_a_name_with_an_escape(tmp_path):
    with Journal.open(tmp_path) as journal, pytest.raises(InputError, match="control"):
        journal.set_partners(["Sam\x1b[31m"])


def test_words_typed_with_escapes_are_shown_escaped_in_chat_and_journal_list():
    config('partners = ["Sam", "Alex"]\n')
    out, code = hearth("chat", "--fast", stdin=b"let's do gratitude\nthe tea\x1b[2J\rHearth: gotcha\n")
    assert code == 0 and "\x1b" not in out and "\r" not in out
    assert "\\x1b[2J\\rHearth: gotcha" in out
    listed, code = hearth("journal", "list")
    assert code == 0 and "\x1b" not in listed and "\\x1b[2J" in listed


def test_a_name_said_at_the_start_may_be_one_name():
    out, code = hearth("chat", "--fast", stdin=b"it's just me, Robin\nyes\nbye\n")  # confirmed
    assert code == 0
    with Journal.open(data_dir()) as journal:
        assert journal.partners() == ["Robin"]


def test_shown_leaves_ordinary_text_alone():
    assert shown("Zoë's café — ok") == "Zoë's café — ok"
    assert shown("a\nb\x07") == "a\\nb\\x07"


# --- 7. files written with --out are private even over a looser file --------------------------


def test_export_and_plot_onto_an_existing_loose_file_make_it_private(tmp_path):
    with Journal.open(data_dir()) as journal:
        journal.save("checkin", {"part": "mood", "mood": 6, "mood_word": None, "said": "6"},
                     "Sam")
    for name in ("export.json", "moods.png"):
        (tmp_path / name).write_text("old")
        (tmp_path / name).chmod(0o644)
    write_private(tmp_path / "export.json", export_journal(data_dir(), markdown=False))
    plot_journal(data_dir(), tmp_path / "moods.png", None)
    assert [stat.S_IMODE((tmp_path / n).stat().st_mode) for n in ("export.json", "moods.png")] \
        == [0o600, 0o600]


def test_every_file_a_session_leaves_in_the_data_directory_is_private():
    config('partners = ["Sam", "Alex"]\n')
    out, code = hearth("chat", "--fast", stdin=b"let's check in\n7\nwork\na hug\n")
    assert code == 0, out
    assert loose_files(data_dir()) == []


# --- 8. honest errors; reading works on a read-only journal ----------------------------------


def test_a_data_directory_that_is_a_file_says_so(tmp_path):
    (tmp_path / "taken").write_text("")
    out, code = hearth("--data-dir", str(tmp_path / "taken"), "journal", "list")
    assert code == 2 and "is a file, not a folder" in out and "Traceback" not in out


def test_a_full_journal_says_the_disk_is_full_and_keeps_what_was_saved(tmp_path):
    with Journal.open(tmp_path) as journal:
        journal.save("checkin", {"said": "kept"}, "Sam")
        journal._conn.execute("PRAGMA max_page_count = 8")  # SQLite's own "disk full"
        with pytest.raises(JournalError, match="disk is full"):
            journal.save("checkin", {"said": "x" * 100_000}, "Sam")
        assert [e.data["said"] for e in journal.entries()] == ["kept"]


def _read_only_mounts() -> bool:
    return shutil.which("unshare") is not None and subprocess.run(
        ["unshare", "-m", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not _read_only_mounts(), reason="needs `unshare -m` (root) to mount a "
                    "read-only data directory")
def test_a_read_only_journal_can_be_listed_and_exported_and_says_why_it_cannot_save():
    config('partners = ["Sam", "Alex"]\n')
    hearth("chat", "--fast", stdin=b"let's check in\n7\nwork\na hug\n")
    folder = data_dir()
    python = f"{sys.executable} -m assistant"
    script = (f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder} && "
              f"{python} journal list && {python} journal export --markdown && "
              f"echo \"let's check in\" | {python} chat --fast")
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True,
                          text=True, timeout=120)
    assert "Check-in Sam: mood 7/10" in done.stdout
    assert "# Hearth journal" in done.stdout
    assert done.returncode == 2 and "is read-only" in done.stderr
    assert "chmod u+w" in done.stderr and "Traceback" not in done.stderr


# --- 9. input that is not speech or text -----------------------------------------------------


def test_random_bytes_and_a_ten_megabyte_line_give_no_traceback_and_keep_the_start():
    config('partners = ["Sam", "Alex"]\n')
    noise = bytes(range(256)) * 400  # 100 kB of every byte value, newlines included
    long_line = b"let's do gratitude\n" + b"tea " * 2_500_000 + b"\nbecause\n"
    for stdin in (noise, long_line):
        out, code = hearth("chat", "--fast", stdin=stdin, timeout=120)
        assert code == 0 and "Traceback" not in out
    assert "only its beginning was kept" in out
    with Journal.open(data_dir()) as journal:
        [gratitude] = journal.entries(kind="gratitude")
    assert 3000 < len(gratitude.data["text"]) <= 4000


# --- 10. drawing a card does not cost more as the journal grows -------------------------------


def test_the_seen_set_is_read_from_the_file_once_then_kept_current(tmp_path):
    with Journal.open(tmp_path) as journal:
        for item in range(300):
            journal.save("deck_seen", {"deck": "prompts", "item": f"q{item}"})
        statements = []
        journal._conn.set_trace_callback(statements.append)
        journal.seen("prompts")
        for item in range(300, 400):
            journal.save("deck_seen", {"deck": "prompts", "item": f"q{item}"})
            assert f"q{item}" in journal.seen("prompts")
        reads = [s for s in statements if s.lstrip().upper().startswith("SELECT KIND, DATA")]
        assert len(reads) == 1


def test_a_card_drawn_by_another_hearth_is_seen(tmp_path):
    with Journal.open(tmp_path) as mine, Journal.open(tmp_path) as other:
        assert mine.seen("prompts") == set()
        other.save("deck_seen", {"deck": "prompts", "item": "q1"})
        assert mine.seen("prompts") == {"q1"}
        other.save("deck_reset", {"deck": "prompts", "items": ["q1"]})
        assert mine.seen("prompts") == set()


def test_listing_changes_nothing_and_leaves_only_private_files(tmp_path):
    with Journal.open(tmp_path) as journal:
        journal.save("checkin", {"said": "6"}, "Sam")
    before = (tmp_path / "journal.sqlite3").read_bytes()
    assert "said: 6" in list_entries(tmp_path)
    assert (tmp_path / "journal.sqlite3").read_bytes() == before
    assert loose_files(tmp_path) == []
    conn = sqlite3.connect(tmp_path / "journal.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
