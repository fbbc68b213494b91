"""Breathing cue drift: the whole script on a simulated clock for ten minutes, and one real minute.

Drift is how late a cue starts after its scheduled moment. Speech is modelled as taking
words / 2.6 s plus 50-250 ms of synthesis latency, a tone 150 ms, and each wait oversleeps by
up to 2 ms, as a loaded machine does. "Slower" is said twice during the slowed runs.
"""

import random
import statistics
import time
from collections.abc import Callable

from assistant.config import Settings
from assistant.dialogue.context import Context
from assistant.dialogue.steps import Chime, Say, WaitUntil
from assistant.exercises import breathing

NAME = "breathing"
WORDS_PER_SECOND = 2.6
CHIME_SECONDS = 0.15


def _speech_seconds(text: str, rng: random.Random) -> float:
    return len(text.split()) / WORDS_PER_SECOND + rng.uniform(0.05, 0.25)


def drive_breathing(pattern: str, minutes: int, now: Callable[[], float],
                    wait_until: Callable[[float], None], spend: Callable[[float], None],
                    slower_at: tuple[float, ...] = (), seed: int = 1) -> tuple[list[float], Context]:
    """Run the breathing script; return each cue's lateness in seconds (and the context).

    `now` reads the clock (seconds since start), `wait_until` blocks until a moment, `spend`
    stands in for the time a step takes to play.
    """
    rng = random.Random(seed)
    ctx = Context(partners=["A", "B"], settings=Settings(), journal=None,
                  slots={"pattern": pattern, "minutes": minutes})
    pending_slower = sorted(slower_at)
    lateness: list[float] = []
    script = breathing.run(ctx)
    reply = None
    target = None
    try:
        while True:
            step = script.send(reply)
            reply = None
            while pending_slower and now() >= pending_slower[0]:
                pending_slower.pop(0)
                ctx.pace *= 1.3
            if isinstance(step, WaitUntil):
                wait_until(step.at)
                target = step.at
                continue
            if target is not None:  # the first sound after a wait is the cue
                lateness.append(now() - target)
                target = None
            if isinstance(step, Say):
                spend(_speech_seconds(step.text, rng))
            elif isinstance(step, Chime):
                spend(CHIME_SECONDS)
            else:
                reply = 1  # a Save: the new entry's id
    except StopIteration:
        pass
    return lateness, ctx


def simulated(pattern: str, minutes: int, slower_at: tuple[float, ...] = (),
              seed: int = 1) -> list[float]:
    """Lateness of every cue on a simulated clock (no real waiting)."""
    rng = random.Random(seed + 100)
    clock = [0.0]

    def wait_until(at: float) -> None:
        clock[0] = max(clock[0], at) + rng.uniform(0.0, 0.002)

    def spend(seconds: float) -> None:
        clock[0] += seconds

    lateness, _ = drive_breathing(pattern, minutes, lambda: clock[0], wait_until, spend,
                                  slower_at, seed)
    return lateness


def real(pattern: str, minutes: int) -> list[float]:
    """Lateness of every cue against time.monotonic, speech stood in for by sleeping."""
    start = time.monotonic()

    def now() -> float:
        return time.monotonic() - start

    def wait_until(at: float) -> None:
        remaining = at - now()
        if remaining > 0:
            time.sleep(remaining)

    lateness, _ = drive_breathing(pattern, minutes, now, wait_until, time.sleep)
    return lateness


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def run(quick: bool) -> list[tuple[str, str]]:
    """Max and mean drift per pattern over ten simulated minutes; one real minute unless quick."""
    figures: list[tuple[str, str]] = []
    worst = 0.0
    for name in breathing.PATTERNS:
        lateness = simulated(name, 10)
        worst = max(worst, max(lateness))
        figures.append((f"{name}, 10 min simulated: cues", str(len(lateness))))
        figures.append((f"{name}, 10 min simulated: max drift", _ms(max(lateness))))
        figures.append((f"{name}, 10 min simulated: mean drift", _ms(statistics.mean(lateness))))
    slowed = simulated("box", 10, slower_at=(150.0, 330.0))
    worst = max(worst, max(slowed))
    figures.append(("box, 10 min simulated, 'slower' twice: max drift", _ms(max(slowed))))
    figures.append(("worst simulated drift (limit 20 ms)",
                    f"{_ms(worst)} {'ok' if worst <= 0.020 else 'OVER LIMIT'}"))
    if not quick:
        lateness = real("box", 1)
        figures.append(("box, 1 min real clock: cues", str(len(lateness))))
        figures.append(("box, 1 min real clock: max drift", _ms(max(lateness))))
        figures.append(("box, 1 min real clock: mean drift", _ms(statistics.mean(lateness))))
    return figures
