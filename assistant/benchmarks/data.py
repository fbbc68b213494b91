"""Nothing kept that shouldn't be, nothing refused that should work: first starts together, odd
input, file modes in the data directory, crisis recordings.

Each figure runs real `hearth` processes (or the real runner) on fresh data directories.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

NAME = "data"

HEARTH = [sys.executable, "-m", "assistant"]


def _env(folder: Path, config: str = 'partners = ["Sam", "Alex"]\n') -> dict:
    (folder / "config.toml").write_text(config)
    return {**os.environ, "HEARTH_DATA_DIR": str(folder / "data"),
            "HEARTH_CONFIG": str(folder / "config.toml")}


def first_starts(rounds: int) -> tuple[int, int]:
    """(failures, processes): per round, two `hearth chat` and one `hearth journal list`
    started together on a new data directory."""
    failures = processes = 0
    for _ in range(rounds):
        with tempfile.TemporaryDirectory(prefix="hearth-start-") as tmp:
            env = _env(Path(tmp))
            started = [
                subprocess.Popen([*HEARTH, "chat", "--fast"], stdin=subprocess.PIPE,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
                for _ in range(2)
            ] + [subprocess.Popen([*HEARTH, "journal", "list"], stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)]
            for proc in started:
                _, err = proc.communicate(b"let's check in\n7\nwork\na hug\n"
                                          if proc.args[-1] == "--fast" else None, timeout=120)
                processes += 1
                failures += proc.returncode != 0 or bool(err.strip())
    return failures, processes


ODD_INPUT: dict[str, tuple[list[str], bytes, str]] = {
    # name: (arguments, stdin, config)
    "invalid UTF-8 answer": (["chat", "--fast"], b"let's do gratitude\n\xff\xfe caf\xe9\n", ""),
    "200 kB of random bytes": (["chat", "--fast"], os.urandom(200_000), ""),
    "a 10 MB line": (["chat", "--fast"], b"let's check in\n" + b"x" * 10_000_000 + b"\n", ""),
    "NUL bytes and escapes": (["chat", "--fast"], b"let's check in\n\x00\x1b[2J\r7\n", ""),
    "one partner, every couples exercise": (
        ["chat", "--fast"], b"let's check in\n6\nwork\nsleep\nlet's do gratitude\nthe tea\n"
        b"it was warm\nreflective listening\nlet's do the bedtime ritual\nthe walk\nno\n",
        'partners = ["Sam"]\n'),
    "a name with a newline in the config": (["chat", "--fast"], b"hi\n",
                                            'partners = ["Sam\\nHearth: hi", "Alex"]\n'),
    "a name with an escape in the config": (["journal", "list"], b"",
                                            'partners = ["Sam\\u001b[2J", "Alex"]\n'),
    "an empty line and only spaces": (["chat", "--fast"], b"\n   \n\t\n", ""),
    "export to a folder that is a file": (["journal", "export", "--out", "/dev/null/x"], b"", ""),
    "understand with invalid UTF-8": (["understand", "--jsonl"], b"\xff\xfe\n", ""),
}


def odd_input() -> tuple[int, int, list[str]]:
    """(tracebacks, cases, names of the cases with one)."""
    found = []
    for name, (args, stdin, config) in ODD_INPUT.items():
        with tempfile.TemporaryDirectory(prefix="hearth-odd-") as tmp:
            env = _env(Path(tmp), config or 'partners = ["Sam", "Alex"]\n')
            done = subprocess.run([*HEARTH, *args], input=stdin, capture_output=True, env=env,
                                  timeout=300)
            if b"Traceback" in done.stdout + done.stderr or done.returncode not in (0, 1, 2):
                found.append(name)
    return len(found), len(ODD_INPUT), found


def loose_modes() -> tuple[int, int]:
    """(files or folders others could open, files checked) after a session that leaves a
    check-in, a gratitude note, a voice note, an export and a plot in the data directory."""
    import numpy as np

    from assistant.journal.health import loose_files
    from assistant.journal.recordings import keep_recording

    with tempfile.TemporaryDirectory(prefix="hearth-modes-") as tmp:
        env = _env(Path(tmp))
        data = Path(env["HEARTH_DATA_DIR"])
        subprocess.run([*HEARTH, "chat", "--fast"], env=env, capture_output=True, timeout=120,
                       input=b"let's check in\n7\nwork\na hug\nlet's do gratitude\nthe tea\n"
                             b"it was cold\nyes\nthe walk\nfresh air\nno\n")
        keep_recording(data / "notes", np.zeros(16_000, dtype=np.float32), 16_000, "note")
        for out in (data / "export.json", data / "moods.png"):
            out.write_text("")
            out.chmod(0o644)  # an older, looser file in the way
        subprocess.run([*HEARTH, "journal", "export", "--out", str(data / "export.json")],
                       env=env, capture_output=True, timeout=120)
        subprocess.run([*HEARTH, "journal", "plot", "--out", str(data / "moods.png")],
                       env=env, capture_output=True, timeout=120)
        checked = sum(len(dirs) + len(files) for _, dirs, files in os.walk(data)) + 1
        return len(loose_files(data)), checked


def crisis_audio(statements: int) -> tuple[int, int]:
    """(recordings left on disk, crisis statements) when voice notes are crisis statements.

    The real runner and matcher; the channel keeps a real recording for each note answer, as
    the voice channel does."""
    from assistant.config import Settings
    from assistant.dialogue.channel import EndOfInput, Heard
    from assistant.dialogue.runner import Runner
    from assistant.journal import Journal
    from assistant.journal.recordings import keep_recording
    from assistant.understanding import load_matcher

    import numpy as np

    said = ["i want to hurt myself", "i do not want to wake up tomorrow",
            "he grabbed me and pushed me into the wall", "i am scared he will hurt the kids",
            "i keep thinking everyone would be better off without me"]

    class NoteChannel:
        def __init__(self, lines, notes):
            self.lines, self.notes, self.kept = list(lines), notes, 0

        def say(self, text, style=None, partner=None):
            return None

        def chime(self, kind):
            pass

        def play(self, path, text):
            return None

        def slow_down(self):
            pass

        def hear(self, timeout, wanted=None, mode="command", keep_audio=False, request=False):
            if wanted is not None:
                return None
            if not self.lines:
                raise EndOfInput
            audio = keep_recording(self.notes, np.zeros(8000, dtype=np.float32), 16_000,
                                   "note") if keep_audio else None
            self.kept += audio is not None
            return Heard(self.lines.pop(0), audio)

    left = 0
    for i in range(statements):  # a session each: after a crisis Hearth starts no exercise
        with tempfile.TemporaryDirectory(prefix="hearth-crisis-") as tmp:
            notes = Path(tmp) / "notes"
            channel = NoteChannel(["leave a note for alex", said[i % len(said)]], notes)
            with Journal.open(Path(tmp)) as journal:
                Runner(channel, load_matcher(), journal, Settings(partners=["Sam", "Alex"]),
                       fast=True).session()
                if journal.entries(kind="note"):
                    raise RuntimeError("the note exercise did not ask for the note first")
            kept = channel.kept
            left += len(list(notes.iterdir())) if notes.exists() else 0
            if not kept:
                raise RuntimeError("no recording was made: the script no longer reaches the note")
    return left, statements


def run(quick: bool) -> list[tuple[str, str]]:
    """The data-safety figures of issue 13."""
    failures, processes = first_starts(5 if quick else 20)
    tracebacks, cases, which = odd_input()
    loose, checked = loose_modes()
    left, statements = crisis_audio(5 if quick else 20)
    return [
        ("concurrent first starts (2 chat + 1 journal list, new data dir)",
         f"{failures} failed of {processes}"),
        ("odd input cases with a traceback", f"{tracebacks} of {cases}"
         + (f" ({', '.join(which)})" if which else "")),
        ("files/folders in the data dir not 0600/0700 after a session",
         f"{loose} of {checked}"),
        ("crisis recordings left on disk after the crisis reply", f"{left} of {statements}"),
    ]
