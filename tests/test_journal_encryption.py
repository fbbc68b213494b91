"""Encryption at rest (issue 13, item 12): opt-in, nothing readable on disk, export and forget
still working."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.errors import JournalError
from assistant.journal import Journal
from assistant.journal import crypto

PASSPHRASE = "correct horse battery"
SECRET = "the zebra project nobody knows about"


def on_disk(folder: Path) -> bytes:
    """Every byte of the journal and its companions."""
    return b"".join(p.read_bytes() for p in folder.glob("journal.sqlite3*"))


def checkin(journal: Journal, words: str) -> int:
    return journal.save("checkin", {"part": "on_mind", "on_mind": words}, "Sam")


@pytest.fixture
def sealed(tmp_path):
    """A journal with two entries, then encrypted; (folder, journal) still open."""
    journal = Journal.open(tmp_path)
    checkin(journal, SECRET)
    journal.save("deck_seen", {"deck": "prompts", "item": "deep-01"})
    assert journal.encrypt(PASSPHRASE) == 2
    yield tmp_path, journal
    journal.close()


def test_after_encrypting_no_answer_is_left_readable_in_the_files(sealed):
    folder, journal = sealed
    checkin(journal, "the walrus plan for saturday")
    journal.close()
    raw = on_disk(folder)
    assert b"zebra" not in raw and b"walrus" not in raw
    assert b"deep-01" in raw  # deck bookkeeping stays plain, as documented


def test_the_passphrase_opens_it_and_everything_reads_back(sealed):
    folder, journal = sealed
    journal.close()
    with Journal.open(folder, passphrase=PASSPHRASE) as opened:
        assert opened.encrypted
        assert [e.data for e in opened.entries(kind="checkin")] == [
            {"part": "on_mind", "on_mind": SECRET}]
        assert opened.seen("prompts") == {"deep-01"}


def test_a_wrong_passphrase_is_one_clear_error(sealed):
    folder, journal = sealed
    journal.close()
    with pytest.raises(JournalError, match="passphrase does not open it"):
        Journal.open(folder, passphrase="not the right one")


def test_without_a_passphrase_or_a_terminal_it_says_how_to_give_one(sealed, monkeypatch):
    folder, journal = sealed
    journal.close()
    monkeypatch.delenv(crypto.PASSPHRASE_ENV, raising=False)
    monkeypatch.setattr(crypto, "_has_terminal", lambda: False)
    with pytest.raises(JournalError, match="HEARTH_PASSPHRASE"):
        Journal.open(folder)


def test_an_entry_changed_on_disk_is_refused_not_misread(sealed):
    folder, journal = sealed
    journal.close()
    conn = sqlite3.connect(folder / "journal.sqlite3")
    conn.execute("UPDATE entries SET kind = 'gratitude' WHERE kind = 'checkin'")  # moved
    conn.commit()
    conn.close()
    with Journal.open(folder, passphrase=PASSPHRASE) as opened, \
            pytest.raises(JournalError, match="does not open with this key"):
        opened.entries()


def test_export_forget_and_decrypt_work_on_an_encrypted_journal(sealed):
    folder, journal = sealed
    exported = journal.export_json()
    assert exported["entries"][0]["data"]["on_mind"] == SECRET
    journal.forget()
    assert journal.entries() == [] and journal.encrypted  # a fresh journal, still encrypted
    checkin(journal, "after forgetting")
    assert journal.decrypt() == 1
    journal.close()
    assert b"after forgetting" in on_disk(folder)
    with Journal.open(folder) as plain:
        assert not plain.encrypted


def test_a_short_passphrase_is_refused(tmp_path):
    with Journal.open(tmp_path) as journal, pytest.raises(JournalError, match="at least"):
        journal.encrypt("short")


def test_the_commands_work_with_the_passphrase_from_the_environment():
    env = {**os.environ, crypto.PASSPHRASE_ENV: PASSPHRASE}
    Path(os.environ["HEARTH_CONFIG"]).write_text('partners = ["Sam", "Alex"]\n')

    def hearth(*args, stdin=""):
        return subprocess.run([sys.executable, "-m", "assistant", *args], input=stdin, env=env,
                              capture_output=True, text=True, timeout=60)

    assert hearth("journal", "encrypt").returncode == 0
    done = hearth("chat", "--fast", stdin="let's check in\n7\nthe zebra project\na hug\n")
    assert done.returncode == 0, done.stderr
    assert b"zebra" not in on_disk(Path(os.environ["HEARTH_DATA_DIR"]))
    listed = hearth("journal", "list")
    assert "on their mind: the zebra project" in listed.stdout
    assert "zebra" in hearth("journal", "export", "--markdown").stdout
    assert hearth("journal", "forget", "--yes").returncode == 0
    assert "No entries yet" in hearth("journal", "list").stdout
