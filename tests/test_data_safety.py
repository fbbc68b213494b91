"""Nothing lost, nothing kept that shouldn't be (issue 13, items 1-5): data in, data out."""

import os
import stat
import threading
from pathlib import Path

import numpy as np
import pytest
from drive import drive, make_context

from assistant.benchmarks import kills
from assistant.config import Settings
from assistant.dialogue.channel import EndOfInput, Heard
from assistant.dialogue.resources import BUILT_IN, load_resources, read_resources
from assistant.dialogue.runner import Runner
from assistant.dialogue.safety import crisis_reply
from assistant.exercises import bedtime, checkin, distance, gratitude, i_statement, listening
from assistant.journal import Journal
from assistant.journal.recordings import discard_recording, keep_recording
from assistant.paths import decks_dir
from assistant.understanding import load_matcher

ONE_SECOND = np.zeros(16_000, dtype=np.float32)

# --- 1. a crisis recording is never kept ------------------------------------------------------


class RecordingChannel:
    """Hears `lines`; an Ask that keeps audio gets a real recording file, as by voice."""

    def __init__(self, lines, notes: Path):
        self.lines, self.notes, self.said, self.kept = list(lines), notes, [], []

    def say(self, text, style=None, partner=None):
        self.said.append(text)

    def chime(self, kind):
        pass

    def play(self, path, text):
        self.say(text)

    def slow_down(self):
        pass

    def hear(self, timeout, wanted=None, mode="command", keep_audio=False, request=False):
        if wanted is not None:
            return None
        if not self.lines:
            raise EndOfInput
        text = self.lines.pop(0)
        audio = keep_recording(self.notes, ONE_SECOND, 16_000, "note") if keep_audio else None
        self.kept += [audio] if audio else []
        return Heard(text, audio)


def test_a_voice_note_that_is_a_crisis_statement_leaves_no_recording(tmp_path):
    channel = RecordingChannel(["leave a note for my partner", "Sam", "i want to hurt myself"],
                               tmp_path / "notes")
    with Journal.open(tmp_path) as journal:
        Runner(channel, load_matcher(), journal, Settings(partners=["Sam", "Alex"]),
               fast=True).session()
        assert journal.entries(kind="note") == []
    assert any("988" in line for line in channel.said)
    assert len(channel.kept) == 1 and not channel.kept[0].exists()
    assert list((tmp_path / "notes").iterdir()) == []


def test_an_ordinary_voice_note_is_kept_private(tmp_path):
    channel = RecordingChannel(["leave a note for my partner", "Sam", "thank you for the soup"],
                               tmp_path / "notes")
    with Journal.open(tmp_path) as journal:
        Runner(channel, load_matcher(), journal, Settings(partners=["Sam", "Alex"]),
               fast=True).session()
        [note] = journal.entries(kind="note")
    recording = Path(note.data["audio_path"])
    assert stat.S_IMODE(recording.stat().st_mode) == 0o600
    assert stat.S_IMODE(recording.parent.stat().st_mode) == 0o700


def test_forget_deletes_every_recording_even_one_no_entry_names(tmp_path):
    with Journal.open(tmp_path) as journal:
        named = keep_recording(tmp_path / "notes", ONE_SECOND, 16_000, "note")
        journal.save("note", {"to": "Alex", "text": "hi", "audio_path": str(named)}, "Sam")
        orphan = keep_recording(tmp_path / "notes", ONE_SECOND, 16_000, "note")  # e.g. a crash
        journal.forget()
    assert not named.exists() and not orphan.exists()


def test_a_discarded_recording_is_overwritten_before_it_goes(tmp_path):
    path = keep_recording(tmp_path, np.full(1600, 0.5, dtype=np.float32), 16_000, "x")
    handle = open(path, "rb")  # noqa: SIM115 - still open: sees the blocks after the unlink
    discard_recording(path)
    assert not path.exists() and set(handle.read()) == {0}
    handle.close()


# --- 2. every answer is kept as it is given ---------------------------------------------------


def test_gratitude_keeps_the_first_answer_when_nobody_gives_the_why(tmp_path):
    with Journal.open(tmp_path) as journal:
        drive(gratitude.run, make_context(journal), ["the tea you made on sunday"])
        assert [e.data["text"] for e in journal.entries(kind="gratitude")] == [
            "the tea you made on sunday"]


def test_the_distance_check_keeps_each_answer_when_stopped(tmp_path):
    with Journal.open(tmp_path) as journal:
        drive(distance.run, make_context(journal), ["yes", "no"])
        [entry] = journal.entries(kind="assessment")
    assert list(entry.data["answers"].values()) == [True, False]
    assert entry.data["complete"] is False


def test_the_i_statement_builder_keeps_each_part_when_stopped(tmp_path):
    with Journal.open(tmp_path) as journal:
        drive(i_statement.run, make_context(journal),
              ["you never listen", "lonely", "when you look at your phone at dinner"])
        [entry] = journal.entries(kind="i_statement")
    assert (entry.data["feeling"], entry.data["situation"]) == (
        "lonely", "you look at your phone at dinner")


def test_listening_keeps_the_speakers_words_before_the_mirror(tmp_path):
    with Journal.open(tmp_path) as journal:
        drive(listening.run, make_context(journal), ["Sam", "no", "work has been heavy"])
        [entry] = journal.entries(kind="listening")
    assert (entry.data["speaker_words"], entry.data["mirror"]) == ("work has been heavy", None)


def test_random_kills_lose_no_answer_and_never_corrupt_the_journal():
    """SIGKILL at random moments (busy and waiting) in the exercises that keep words."""
    keeping = {name: script for name, script in kills.SCRIPTS.items()
               if any(marker for _, marker in script)}
    figures = kills.kill_series(len(keeping), seed=5, scripts=keeping)
    assert figures.answers_replied > 0
    assert (figures.answers_lost, figures.lost, figures.integrity_failures) == (0, [], 0)


# --- 3. the crisis resources never depend on decks/ -------------------------------------------


def test_the_built_in_resources_match_the_shipped_file():
    assert read_resources(decks_dir() / "crisis_resources.yaml") == BUILT_IN


@pytest.mark.parametrize("content", [None, "US: [unclosed", "US: {emergency: 1}", "- a list"])
def test_the_crisis_reply_is_said_with_the_file_missing_or_broken(tmp_path, content):
    path = tmp_path / "crisis_resources.yaml"
    if content is not None:
        path.write_text(content)
    assert load_resources(path)["UK"] == BUILT_IN["UK"]


def test_the_crisis_reply_is_said_with_no_decks_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("HEARTH_DECKS_DIR", str(tmp_path / "gone"))
    load_resources.cache_clear()
    try:
        lines = crisis_reply("abuse", "US")
    finally:
        load_resources.cache_clear()
    assert any("1-800-799-7233" in line for line in lines)


def test_chat_refuses_to_start_on_a_broken_deck_with_one_line(chat, tmp_path, monkeypatch):
    decks = tmp_path / "decks"
    decks.mkdir()
    for source in decks_dir().glob("*.yaml"):
        (decks / source.name).write_text(source.read_text())
    (decks / "crisis_resources.yaml").write_text("US: [unclosed\n")
    monkeypatch.setenv("HEARTH_DECKS_DIR", str(decks))
    out, code = chat(["hello"])
    assert code == 2 and "Traceback" not in out
    assert out.strip().splitlines() == [out.strip()]
    assert "crisis_resources.yaml" in out


def test_doctor_checks_the_decks_and_the_resources(monkeypatch, tmp_path):
    from assistant.doctor import deck_checks

    monkeypatch.setenv("HEARTH_DECKS_DIR", str(tmp_path))  # an empty folder: nothing there
    resources, decks = deck_checks()
    assert not resources.ok and "built-in copy" in resources.detail
    assert not decks.ok and "prompts.yaml" in decks.detail


# --- 4. several Hearths starting together on a new data directory -----------------------------


def test_journals_opened_together_on_a_new_directory_all_open(tmp_path):
    failures = []

    def open_one(directory: Path, start: threading.Barrier) -> None:
        start.wait()
        try:
            with Journal.open(directory) as journal:
                journal.partners()
        except Exception as exc:  # noqa: BLE001 - counted, not raised in a thread
            failures.append(exc)

    for attempt in range(15):
        start = threading.Barrier(4)
        threads = [threading.Thread(target=open_one, args=(tmp_path / str(attempt), start))
                   for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []


def test_forget_from_another_terminal_mid_check_in_lets_the_session_carry_on():
    import subprocess
    import sys
    import time

    Path(os.environ["HEARTH_CONFIG"]).write_text('partners = ["Sam", "Alex"]\n')
    chat = subprocess.Popen([sys.executable, "-m", "assistant", "chat", "--fast"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    chat.stdin.write("let's check in\n7\n")
    chat.stdin.flush()
    deadline = time.monotonic() + 60
    while not (data := Path(os.environ["HEARTH_DATA_DIR"]) / "journal.sqlite3").exists() \
            and time.monotonic() < deadline:
        time.sleep(0.1)
    with Journal.open(data.parent) as journal:
        while not journal.entries() and time.monotonic() < deadline:
            time.sleep(0.1)  # the mood is saved: the check-in is under way
        journal.forget()
    out, err = chat.communicate("work\na hug\n6\nsleep\nrest\n", timeout=60)
    assert chat.returncode == 0 and err == "", err
    with Journal.open(data.parent) as journal:
        assert [e.data.get("need") for e in journal.entries() if "need" in e.data] == [
            "a hug", "rest"]


# --- 5. odd input and a single partner ----------------------------------------------------------


def test_invalid_utf8_typed_as_an_answer_is_kept_not_a_traceback(tmp_path):
    import subprocess
    import sys

    config = Path(os.environ["HEARTH_CONFIG"])
    config.write_text('partners = ["Sam", "Alex"]\n')
    done = subprocess.run([sys.executable, "-m", "assistant", "chat", "--fast"],
                          input=b"let's do gratitude\n\xff\xfe caf\xe9 tea\n", capture_output=True,
                          timeout=60)
    assert done.returncode == 0 and b"Traceback" not in done.stderr
    with Journal.open(Path(os.environ["HEARTH_DATA_DIR"])) as journal:
        [entry] = journal.entries(kind="gratitude")
    assert "caf" in entry.data["text"] and "tea" in entry.data["text"]


@pytest.mark.parametrize("exercise, answers", [
    (checkin, ["6", "work", "sleep"]),
    (gratitude, ["the tea my sister made", "it was cold"]),
    (listening, []),
    (bedtime, ["done", "the walk by the river", "no"]),
])
def test_one_partner_alone_is_served(tmp_path, exercise, answers):
    with Journal.open(tmp_path) as journal:
        run = drive(exercise.run, make_context(journal, partners=("Sam",)), answers)
        assert "None" not in run.text()
        kept = [e.data for e in journal.entries()]
    assert all(answer in str(kept) for answer in answers if answer not in ("no", "done"))
    assert kept or exercise is listening  # listening needs two people: it says so and ends


def test_one_partner_chat_runs_every_couples_exercise(chat):
    lines = ["let's check in", "6", "work", "sleep", "let's do gratitude", "the tea",
             "it was warm", "reflective listening", "let's do the bedtime ritual", "done",
             "the walk", "no"]
    out, code = chat(lines, partners=("Sam",))
    assert code == 0 and "Traceback" not in out and "Error" not in out
