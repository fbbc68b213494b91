"""Matcher throughput through `hearth understand --jsonl`, and the cold start of one command."""

import statistics
import subprocess
import sys
import time
from pathlib import Path

from assistant.paths import PROJECT_ROOT

NAME = "understanding"
DEV_SET = PROJECT_ROOT.parent / "shared" / "eval" / "dev.tsv"
PARAPHRASES = PROJECT_ROOT / "tests" / "data" / "paraphrases.tsv"


def _utterances() -> list[str]:
    lines = []
    for path in (DEV_SET, PARAPHRASES):
        if path.exists():
            lines += [row.split("\t")[0] for row in path.read_text().splitlines()[1:] if row]
    return lines or ["let us check in", "box breathing for 4 minutes", "what is the weather"]


def _hearth(*args: str, stdin: bytes | None = None) -> tuple[float, bytes]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "assistant", *args], input=stdin,
                          capture_output=True, check=True)
    return time.perf_counter() - started, done.stdout


def run(quick: bool) -> list[tuple[str, str]]:
    """Throughput on one core (taskset when available) and cold-start latency."""
    utterances = _utterances()
    repeat = 50 if quick else 300
    batch = ("\n".join(utterances) + "\n").encode() * repeat
    count = len(utterances) * repeat
    _hearth("understand", "warm up")  # fills the catalogue cache like any first run
    pin = ["taskset", "-c", "0"] if Path("/usr/bin/taskset").exists() else []
    # Distinct lines too: a word no template has makes every line new to the matcher's memory.
    fresh = [f"{u} {i}x" for i in range(repeat) for u in utterances]
    figures = []
    for label, lines in (("--jsonl, dev + paraphrase lines repeated", batch),
                         ("--jsonl, every line distinct", ("\n".join(fresh) + "\n").encode())):
        started = time.perf_counter()
        subprocess.run([*pin, sys.executable, "-m", "assistant", "understand", "--jsonl"],
                       input=lines, capture_output=True, check=True)
        elapsed = time.perf_counter() - started
        figures.append((f"{label}, 1 core",
                        f"{count / elapsed:,.0f} utterances/s ({count} lines, start-up included)"))
    # Not a template word for word, so the whole matcher is loaded and used.
    cold = [_hearth("understand", "could we maybe do a little check in")[0]
            for _ in range(3 if quick else 10)]
    figures.append(("cold `hearth understand TEXT`",
                    f"median {statistics.median(cold) * 1000:.0f} ms, "
                    f"max {max(cold) * 1000:.0f} ms ({len(cold)} runs)"))
    return figures
