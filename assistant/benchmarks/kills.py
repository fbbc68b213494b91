"""Nothing lost: `hearth chat` killed with SIGKILL at random moments, in every exercise.

Each run types one scripted session into a fresh `hearth chat --fast` (all at once, or line by
line with random gaps) and kills it at a random moment after Hearth first speaks. An answer Hearth replied to (any line of Hearth's after the
answer was read) must be in the journal; the journal must pass SQLite's integrity check.

Answers that carry words to keep hold a marker word that must turn up in the stored entries;
yes/no answers to the distance self-check are counted instead. Answers an exercise does not
keep on purpose (choices, the raw complaint of the I-statement builder) carry no marker.
"""

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

NAME = "kills"

# (line typed, marker that must be stored once Hearth has replied to it, or None)
Line = tuple[str, str | None]
YES_NO = "<yes-no>"  # a distance self-check answer: counted in the stored answers

SCRIPTS: dict[str, list[Line]] = {
    "checkin": [
        ("let's check in", None), ("feeling calm, marigold", "marigold"),
        ("the zebra project at work", "zebra"), ("a walk with the quokka", "quokka"),
        ("8 happy lantern", "lantern"), ("the tulip garden", "tulip"),
        ("some pancake time", "pancake"), ("no", None),
    ],
    "gratitude": [
        ("let's do gratitude", None),
        ("the tea you made me with honey on the marmalade morning", "marmalade"),
        ("because it showed you remembered the saffron", "saffron"), ("yes", None),
        ("how you fixed my bicycle at dawn before the violin lesson", "violin"),
        ("it made me feel looked after, like a walnut", "walnut"), ("no", None),
    ],
    "gratitude-vague": [
        ("let's do gratitude", None), ("you are nice", None),
        ("when you carried the heavy piano box", "piano"),
        ("because my back hurt that week", "week"), ("no", None),
        ("everything", None), ("the caramel evening", "caramel"), ("skip", None), ("no", None),
    ],
    "bedtime": [
        ("let's do the bedtime ritual", None), ("they're away", None),
        ("you cooked the lentil soup", "lentil"),
        ("you listened to me about the pelican", "pelican"), ("no", None),
    ],
    "listening": [
        ("reflective listening", None), ("Sam", None), ("no", None),
        ("I feel stretched thin by the harbor job lately", "harbor"),
        ("what I heard is the job stretches you thin, like a rubber band", "rubber"),
        ("yes", None), ("no", None),
        ("it makes sense because the meadow deadline is huge", "meadow"),
        ("I imagine you might feel tired, like a glacier", "glacier"),
        ("I miss our saturday pottery class together", "pottery"),
        ("what I heard is you miss the clay on saturdays", "clay"), ("yes", None),
        ("no", None), ("it makes sense because of the orchard we shared", "orchard"),
        ("I imagine you might feel lonely, the comet feeling", "comet"),
    ],
    "distance": [
        ("are we drifting apart", None),
        *[(answer, YES_NO) for answer in ("yes", "no", "no", "yes", "no", "no", "yes", "no",
                                          "no")],
        ("no", None), ("no", None),
    ],
    "i_statement": [
        ("help me make an i statement", None), ("you always leave the dishes", None),
        ("hurt, like a thistle", "thistle"), ("when the dishes stay by the kettle", "kettle"),
        ("because I need fairness and some quiet sparrow time", "sparrow"),
        ("could we take turns with the ladle", "ladle"), ("no", None),
    ],
    "note": [
        ("leave a note for my partner", None), ("Sam", None),
        ("thank you for the clementine you left me", "clementine"),
    ],
    "cooldown": [
        ("we need a time out", None), ("yes", None), ("no", None),
        ("30 minutes", '"minutes": 30'), ("yes", None), ("no", None),
    ],
    "empathy": [
        ("what do i say to support my partner", None),
        ("she is stressed about her exams", None), ("yes", None),
        ("I have so much to study", None), ("no", None),
    ],
    "breathing": [("box breathing for 1 minute", None)],
    "prompts": [("ask us something deep", None), ("another one", None), ("stop", None)],
    "selfcare": [("i need some self care", None), ("rest", None)],
    "ideas": [("give us an idea for something to do together", None), ("yes", None),
              ("no", None)],
    "affection": [("an affectionate gesture", None), ("no", None)],
    "professional": [("how do we find a couples therapist", None), ("no", None),
                     ("yes", None)],
    "progress": [("how are we doing", None)],
    "note_play": [("play my notes", None), ("no", None)],
}


@dataclass
class KillFigures:
    """What a series of kills found."""

    kills: int = 0
    answers_replied: int = 0  # marked answers Hearth had replied to before the kill
    answers_lost: int = 0  # of those, not in the journal
    integrity_failures: int = 0
    lost: list[str] = field(default_factory=list)  # "script: answer" of each lost answer
    by_script: dict[str, int] = field(default_factory=dict)  # kills per script


def replied_answers(output: str) -> list[str]:
    """Typed lines that Hearth answered (a "Hearth:" line came after the echoed "> line")."""
    lines = output.splitlines()
    replied = []
    for i, line in enumerate(lines):
        if line.startswith("> ") and any(
            later.startswith("Hearth:") for later in lines[i + 1:]
        ):
            replied.append(line[2:])
    return replied


def stored_text(journal_file: Path) -> tuple[str, int, bool]:
    """(every entry's data as JSON text, distance answers stored, integrity ok)."""
    if not journal_file.exists():
        return "", 0, True
    conn = sqlite3.connect(f"file:{journal_file}?mode=ro", uri=True)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        rows = conn.execute("SELECT kind, data FROM entries").fetchall() \
            if "entries" in tables else []
    finally:
        conn.close()
    distance = sum(len(json.loads(data).get("answers", {})) for kind, data in rows
                   if kind == "assessment")
    return "\n".join(data for _, data in rows), distance, ok


def _chat(folder: Path) -> subprocess.Popen:
    """`hearth chat --fast` for Sam and Alex with its journal in `folder`/data."""
    config = folder / "config.toml"
    config.write_text('partners = ["Sam", "Alex"]\n')
    env = {**os.environ, "HEARTH_DATA_DIR": str(folder / "data"), "HEARTH_CONFIG": str(config)}
    return subprocess.Popen([sys.executable, "-m", "assistant", "chat", "--fast"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=env, text=True)


PACE = 0.02  # mean seconds between typed lines in a paced run (Hearth waits for the answer)


def kill_once(script: list[Line], rng: random.Random, window: float,
              paced: bool = False) -> tuple[list[str], int, bool]:
    """One session killed at a random moment: (lost answers, replied answers, integrity ok).

    Unpaced, every line is there at once and Hearth is always busy, so kills land mid-work;
    paced, lines come one by one, so kills also land while Hearth waits for an answer.
    """
    with tempfile.TemporaryDirectory(prefix="hearth-kill-") as tmp:
        proc = _chat(Path(tmp))
        chunks: list[str] = []
        spoke = threading.Event()

        def read() -> None:
            for out in proc.stdout:
                chunks.append(out)
                if out.startswith("Hearth:"):
                    spoke.set()

        def type_lines(gaps: list[float]) -> None:
            try:
                for (text, _), gap in zip(script, gaps, strict=True):
                    time.sleep(gap)
                    proc.stdin.write(f"{text}\n")
                    proc.stdin.flush()  # stdin stays open: the session waits, never ends
            except (BrokenPipeError, ValueError, OSError):
                pass  # killed meanwhile

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        gaps = [rng.expovariate(1 / PACE) if paced else 0.0 for _ in script]
        spoke.wait(timeout=60)
        typist = threading.Thread(target=type_lines, args=(gaps,), daemon=True)
        typist.start()
        time.sleep(rng.uniform(0, window + sum(gaps)))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        reader.join(timeout=5)
        typist.join(timeout=5)
        try:
            proc.stdin.close()
        except OSError:
            pass  # what was still buffered has nowhere to go
        replied = replied_answers("".join(chunks))
        stored, distance_answers, ok = stored_text(Path(tmp) / "data" / "journal.sqlite3")
        lost, counted, yes_no = [], 0, 0
        for (text, marker), echoed in zip(script, replied, strict=False):
            if text != echoed:
                raise RuntimeError(f"the session read {echoed!r} where {text!r} was typed")
            if marker == YES_NO:
                yes_no += 1
            elif marker:
                counted += 1
                if marker not in stored:
                    lost.append(text)
        counted += yes_no
        if yes_no > distance_answers:
            lost.append(f"{yes_no - distance_answers} self-check answer(s)")
        return lost, counted, ok


def session_length(script: list[Line]) -> float:
    """Seconds from Hearth's first line to the end of an uninterrupted run (for the window)."""
    with tempfile.TemporaryDirectory(prefix="hearth-kill-") as tmp:
        proc = _chat(Path(tmp))
        proc.stdin.write("".join(f"{text}\n" for text, _ in script))
        proc.stdin.close()
        first = None
        for out in proc.stdout:
            if first is None and out.startswith("Hearth:"):
                first = time.monotonic()
        proc.wait()
        return time.monotonic() - (first or time.monotonic())


def kill_series(kills: int, seed: int = 13, scripts: dict | None = None) -> KillFigures:
    """`kills` runs spread evenly over the scripts, each killed at a random moment."""
    scripts = scripts or SCRIPTS
    rng = random.Random(seed)
    windows = {name: session_length(script) * 1.1 for name, script in scripts.items()}
    figures = KillFigures()
    names = list(scripts)
    for i in range(kills):
        name = names[i % len(names)]
        paced = (i + i // len(names)) % 2 == 1  # every other run types line by line
        lost, replied, ok = kill_once(scripts[name], rng, windows[name], paced=paced)
        figures.kills += 1
        figures.by_script[name] = figures.by_script.get(name, 0) + 1
        figures.answers_replied += replied
        figures.answers_lost += len(lost)
        figures.lost += [f"{name}: {text}" for text in lost]
        figures.integrity_failures += not ok
    return figures


def run(quick: bool) -> list[tuple[str, str]]:
    """Random SIGKILLs across every exercise: answers lost and integrity failures."""
    figures = kill_series(40 if quick else 220)
    return [
        ("SIGKILLs (every exercise, random moments)",
         f"{figures.kills} over {len(figures.by_script)} scripted sessions"),
        ("answers Hearth replied to before the kill", str(figures.answers_replied)),
        ("of those, lost", f"{figures.answers_lost}"
         + (f" ({'; '.join(figures.lost[:5])})" if figures.lost else "")),
        ("journal integrity failures", str(figures.integrity_failures)),
    ]
