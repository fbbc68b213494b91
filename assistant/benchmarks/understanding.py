"""Understanding: accuracy on the labelled sets (tuned-on and held-out, apart), the crisis
guard's recall and alarms, the answer interpreter, and speed through `hearth understand`.

Speed is measured in a child process pinned to one core (taskset when available). Wall-clock
rates depend on what else the machine runs; the CPU-time rate (lines per CPU-second of the
child, from getrusage) is the one-core figure that does not, and both are reported.
"""

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from assistant.paths import PROJECT_ROOT

NAME = "understanding"
DATA = PROJECT_ROOT / "tests" / "data"
DEV_SET = PROJECT_ROOT.parent / "shared" / "eval" / "dev.tsv"
PARAPHRASES = DATA / "paraphrases.tsv"
# (label, file, "tuned" or "held-out"): held-out sets were written before any tuning on them.
REQUEST_SETS = (
    ("dev.tsv (shared)", DEV_SET, "tuned"),
    ("paraphrases", PARAPHRASES, "tuned"),
    ("indirect requests", DATA / "indirect_tune.tsv", "tuned"),
    ("indirect requests 2", DATA / "indirect_tune2.tsv", "tuned"),
    ("off-topic lines", DATA / "offtopic_tune.tsv", "tuned"),
    ("off-topic lines 2 (everyday requests, shared words)", DATA / "offtopic_tune2.tsv", "tuned"),
    ("control intents said naturally", DATA / "controls_tune.tsv", "tuned"),
    ("own off-topic held-out", DATA / "offtopic_heldout_own.tsv", "held-out"),
    ("requests held-out 1", DATA / "requests_heldout.tsv", "held-out"),
    ("requests held-out 2", DATA / "requests_heldout2.tsv", "held-out"),
    ("requests held-out 3", DATA / "requests_heldout3.tsv", "held-out"),
    ("requests held-out 4, written blind", DATA / "requests_heldout4.tsv", "tuned after scoring"),
    ("requests held-out 5, written blind", DATA / "requests_heldout5.tsv",
     "tuned after scoring"),
    ("requests held-out 6, written blind", DATA / "requests_heldout6.tsv",
     "tuned after scoring"),
    ("requests held-out 7, written blind", DATA / "requests_heldout7.tsv",
     "tuned after scoring"),
    ("requests held-out 8, written blind", DATA / "requests_heldout8.tsv", "held-out"),
    ("indirect held-out 1", DATA / "indirect_heldout.tsv", "tuned after scoring"),
    ("indirect held-out 2", DATA / "indirect_heldout2.tsv", "tuned after scoring"),
    ("indirect held-out 3", DATA / "indirect_heldout3.tsv", "tuned after scoring"),
    ("indirect held-out 4", DATA / "indirect_heldout4.tsv", "tuned after scoring"),
    ("indirect held-out 5, written blind", DATA / "indirect_heldout5.tsv",
     "tuned after scoring"),
    ("indirect held-out 6, written blind", DATA / "indirect_heldout6.tsv",
     "tuned after scoring"),
    ("indirect held-out 7, written blind", DATA / "indirect_heldout7.tsv",
     "tuned after scoring"),
    ("indirect held-out 8, written blind", DATA / "indirect_heldout8.tsv",
     "tuned after scoring"),
    ("indirect held-out 9, written blind", DATA / "indirect_heldout9.tsv",
     "tuned after scoring"),
    ("indirect held-out 10, written blind", DATA / "indirect_heldout10.tsv", "held-out"),
)
CRISIS_SETS = (
    ("crisis tuning", DATA / "crisis_tune.tsv", "tuned; in the reader's corpus"),
    ("crisis held-out 1", DATA / "crisis_heldout.tsv", "tuned after scoring; in the corpus"),
    ("crisis held-out 2", DATA / "crisis_heldout2.tsv", "tuned after scoring; in the corpus"),
    ("crisis held-out 3", DATA / "crisis_heldout3.tsv", "tuned after scoring; in the corpus"),
    ("crisis held-out 4", DATA / "crisis_heldout4.tsv", "tuned after scoring; in the corpus"),
    ("crisis held-out 5", DATA / "crisis_heldout5.tsv", "tuned after scoring; in the corpus"),
    ("crisis held-out 6", DATA / "crisis_heldout6.tsv", "tuned after scoring; in the corpus"),
    ("crisis held-out 7", DATA / "crisis_heldout7.tsv", "tuned; in the corpus"),
    ("crisis held-out 8, written blind", DATA / "crisis_heldout8.tsv", "tuned; in the corpus"),
    ("everyday held-out 8, written blind", DATA / "everyday_heldout8.tsv",
     "tuned; in the corpus"),
    ("crisis held-out 9, written blind", DATA / "crisis_heldout9.tsv", "tuned after scoring"),
    ("everyday held-out 9, written blind", DATA / "everyday_heldout9.tsv", "tuned after scoring"),
    ("everyday answers inside exercises, written blind", DATA / "everyday_answers_heldout.tsv",
     "tuned after scoring"),
    ("crisis held-out 10, written blind", DATA / "crisis_heldout10.tsv", "tuned after scoring"),
    ("everyday held-out 10, written blind", DATA / "everyday_heldout10.tsv",
     "tuned after scoring"),
    ("everyday answers inside exercises 2, written blind",
     DATA / "everyday_answers_heldout2.tsv", "tuned after scoring"),
    ("crisis held-out 11, written blind", DATA / "crisis_heldout11.tsv", "tuned after scoring"),
    ("everyday held-out 11, written blind", DATA / "everyday_heldout11.tsv",
     "tuned after scoring"),
    ("everyday answers inside exercises 3, written blind",
     DATA / "everyday_answers_heldout3.tsv", "tuned after scoring"),
    ("crisis held-out 12, written blind", DATA / "crisis_heldout12.tsv", "tuned after scoring"),
    ("everyday held-out 12, written blind", DATA / "everyday_heldout12.tsv",
     "tuned after scoring"),
    ("crisis held-out 13, written blind", DATA / "crisis_heldout13.tsv", "read after scoring"),
    ("everyday held-out 13, written blind", DATA / "everyday_heldout13.tsv",
     "read after scoring"),
    ("crisis held-out 14, written blind", DATA / "crisis_heldout14.tsv", "held-out"),
    ("everyday held-out 14, written blind", DATA / "everyday_heldout14.tsv", "held-out"),
)
ANSWER_SETS = (
    ("answers tuning", DATA / "answers_tune.tsv", "tuned"),
    ("answers tuning 2", DATA / "answers_tune2.tsv", "tuned"),
    ("answers held-out", DATA / "answers_heldout.tsv", "tuned after scoring"),
    ("answers held-out 2", DATA / "answers_heldout2.tsv", "tuned after scoring"),
    ("answers held-out 3, written blind", DATA / "answers_heldout3.tsv", "tuned after scoring"),
    ("answers held-out 4, written blind", DATA / "answers_heldout4.tsv", "tuned after scoring"),
    ("answers held-out 5, written blind", DATA / "answers_heldout5.tsv", "held-out"),
)


def _rows(path: Path) -> list[list[str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


def _requests(understand) -> list[tuple[str, str]]:
    figures = []
    for label, path, kind in REQUEST_SETS:
        if not path.exists():
            continue
        rows = _rows(path)
        got = [understand(row[0]).intent for row in rows]
        right = sum(g == row[1] for g, row in zip(got, rows))
        off = [g for g, row in zip(got, rows) if row[1] == "none"]
        accepted = sum(g != "none" for g in off)
        extra = f", off-topic accepted {accepted}/{len(off)}" if off else ""
        figures.append((f"{label} ({kind})",
                        f"{right / len(rows):.1%} ({right}/{len(rows)}){extra}"))
    return figures


def _crisis(understand) -> list[tuple[str, str]]:
    figures = []
    for label, path, kind in CRISIS_SETS:
        if not path.exists():
            continue
        rows = _rows(path)
        crises = [(t, c) for t, c in rows if c != "none"]
        everyday = [t for t, c in rows if c == "none"]
        caught = [understand(t) for t, _ in crises]
        recall = sum(m.intent == "safety.crisis" for m in caught)
        concern = sum(m.concern == c for m, (_, c) in zip(caught, crises))
        alarms = sum(understand(t).intent == "safety.crisis" for t in everyday)
        parts = []
        if crises:
            parts.append(f"recall {recall}/{len(crises)} ({recall / len(crises):.1%}), "
                         f"concern right {concern}/{len(crises)}")
        if everyday:
            parts.append(f"alarms {alarms}/{len(everyday)} ({alarms / len(everyday):.1%})")
        figures.append((f"{label} ({kind})", ", ".join(parts)))
    return figures


def _answers() -> list[tuple[str, str]]:
    from assistant.understanding import answers
    from assistant.understanding.evaluate import answer_agrees

    figures = []
    for label, path, kind in ANSWER_SETS:
        if not path.exists():
            continue
        rows = _rows(path)
        right = sum(answer_agrees(k, t, want) for k, t, want in rows)
        # (an answer labelled not unmistakable that would delete everything counts too)
        taken_as_yes = sum(
            (k == "yesno" and want != "yes" and answers.read_yes_no(t) == "yes")
            or (k == "unmistakable" and want == "false" and answers.is_unmistakable_yes(t))
            for k, t, want in rows)
        figures.append((f"{label} ({kind})", f"{right / len(rows):.1%} ({right}/{len(rows)}), "
                        f"negated or hedged taken as yes: {taken_as_yes}"))
    return figures


def _hearth(*args: str, pin: tuple[str, ...] = ()) -> float:
    started = time.perf_counter()
    subprocess.run([*pin, sys.executable, "-m", "assistant", *args], capture_output=True,
                   check=True)
    return time.perf_counter() - started


def _speed(quick: bool) -> list[tuple[str, str]]:
    utterances = [row[0] for path in (DEV_SET, PARAPHRASES) if path.exists()
                  for row in _rows(path)]
    repeat = 30 if quick else 100
    # Every line distinct: a word no template has makes each line new to the matcher's memory.
    fresh = [f"{u} {i}x" for i in range(repeat) for u in utterances]
    _hearth("understand", "warm up")  # fills the catalogue and embedding caches like a first run
    pin = ("taskset", "-c", "0") if Path("/usr/bin/taskset").exists() else ()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([*pin, sys.executable, "-m", "assistant", "understand", "--jsonl"],
                   input=("\n".join(fresh) + "\n").encode(), capture_output=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    figures = [
        ("--jsonl, every line distinct, 1 core (wall)",
         f"{len(fresh) / wall:,.0f} utterances/s ({len(fresh)} lines, start-up included)"),
        ("--jsonl, every line distinct, 1 core (CPU time)",
         f"{len(fresh) / cpu:,.0f} utterances per CPU-second"),
    ]
    # Not a template word for word, so the whole matcher and the model are loaded and used.
    cold, cpu_cold = [], []
    for _ in range(3 if quick else 10):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        cold.append(_hearth("understand", "could we maybe do a little check in", pin=pin))
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_cold.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    figures.append(("cold `hearth understand TEXT`",
                    f"median {statistics.median(cold) * 1000:.0f} ms wall, "
                    f"{statistics.median(cpu_cold) * 1000:.0f} ms CPU ({len(cold)} runs, 1 core)"))
    # Other work on the machine slows even the CPU-time figures (shared caches and cores).
    figures.append(("load average (1, 5, 15 min) after the speed runs",
                    ", ".join(f"{load:.1f}" for load in os.getloadavg())))
    return figures


def run(quick: bool) -> list[tuple[str, str]]:
    """Accuracy per labelled set (tuned-on apart from held-out), then speed."""
    from assistant.understanding import understand

    return [*_requests(understand), *_crisis(understand), *_answers(), *_speed(quick)]
