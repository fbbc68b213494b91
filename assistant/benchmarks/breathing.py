"""Breathing cue drift through the real dialogue runner: ten minutes per pattern on a simulated
clock, and (unless quick) one minute of box breathing against time.monotonic.

Drift is how late a cue (a tone, or a count) starts after its scheduled moment. Speaking is
modelled as taking words / 2.6 s plus 50-250 ms of synthesis latency, a tone 150 ms; on the
simulated clock every wait also oversleeps by up to 2 ms, as a loaded machine does. In the
slowed run someone says "slower" twice, and the runner's spoken reply takes its time too.
"""

import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from assistant.config import Settings
from assistant.dialogue.channel import Heard
from assistant.dialogue.runner import SLOWER, Runner
from assistant.exercises import breathing
from assistant.journal import Journal
from assistant.understanding import load_matcher

NAME = "breathing"
WORDS_PER_SECOND = 2.6
CHIME_SECONDS = 0.15
COUNTS = set(breathing._COUNTS)


class _QuietRoomChannel:
    """A channel where nobody speaks except to say "slower" at given moments; saying and
    chiming take modelled time on `clock`."""

    def __init__(self, clock: Callable[[], float], sleep: Callable[[float], None],
                 oversleep: Callable[[], float], rng: random.Random,
                 lead: float, slower_at: tuple[float, ...]):
        self.clock, self.sleep, self.oversleep, self.rng = clock, sleep, oversleep, rng
        self.lead, self.slower_at = lead, sorted(slower_at)
        self.cues: list[float] = []  # when each tone or count started
        self.started: float | None = None  # the exercise's time zero (the runner's first reading)
        self.after_reply: list[int] = []  # cues right after Hearth answered "slower" aloud

    def reading(self) -> float:
        """The clock as the runner reads it; its first reading is the exercise's time zero."""
        now = self.clock()
        if self.started is None:
            self.started = now
        return now

    def _cue(self) -> None:
        self.cues.append(self.clock())

    def say(self, text: str, style: str | None = None, partner: str | None = None) -> None:
        if text in COUNTS:
            self._cue()
        self.sleep(len(text.split()) / WORDS_PER_SECOND + self.rng.uniform(0.05, 0.25))

    def chime(self, kind: str) -> None:
        self._cue()
        self.sleep(CHIME_SECONDS)

    def hear(self, timeout, wanted=None, mode="command", keep_audio=False, request=False):
        due = self.slower_at and self.started is not None
        if due and self.clock() - self.started >= self.slower_at[0]:
            self.slower_at.pop(0)
            self.after_reply.append(len(self.cues))
            return Heard("slower")
        self.sleep(timeout + self.oversleep())
        return None

    def slow_down(self) -> None:
        pass


def _drift(pattern: str, minutes: int, clock: Callable[[], float],
           sleep: Callable[[float], None], oversleep: Callable[[], float],
           slower_at: tuple[float, ...] = (), seed: int = 1) -> tuple[list[float], list[int]]:
    """Run the breathing exercise through the Runner: each cue's lateness in seconds, and the
    indexes of cues that came right after Hearth answered "slower" aloud."""
    plan = breathing.pattern_named(pattern)
    lead = breathing.first_cue_at(plan, minutes)
    channel = _QuietRoomChannel(clock, sleep, oversleep, random.Random(seed), lead, slower_at)
    with tempfile.TemporaryDirectory() as folder, \
            Journal(Path(folder) / "journal.sqlite3") as journal:
        runner = Runner(channel, load_matcher(), journal, Settings(partners=["A", "B"]),
                        clock=channel.reading)
        runner.run_exercise("exercise.breathing", {"pattern": pattern, "minutes": minutes})
    expected = _expected_times(plan, minutes, channel.started, channel.after_reply)
    lateness = [actual - planned for actual, planned in zip(channel.cues, expected, strict=True)]
    return lateness, channel.after_reply


def _expected_times(plan: breathing.BreathingPattern, minutes: int, started: float,
                    replied: list[int]) -> list[float]:
    """The planned moment of every cue, replaying the same pace changes.

    "Slower" is heard while waiting for cue r; the script has already planned the phase that
    cue belongs to, so the new pace counts from the next phase it plans, after cue r.
    """
    pending = sorted(replied)
    pace = [1.0]
    done = [0]  # cues planned so far

    def current_pace() -> float:
        while pending and done[0] > pending[0]:
            pending.pop(0)
            pace[0] *= SLOWER
        return pace[0]

    times: list[float] = []
    for cue in breathing.iter_cues(plan, minutes, current_pace,
                                   start=breathing.first_cue_at(plan, minutes)):
        if cue.text:
            times.append(started + cue.at)
            done[0] += 1
    return times


def simulated(pattern: str, minutes: int, slower_at: tuple[float, ...] = (),
              seed: int = 1) -> tuple[list[float], list[int]]:
    """Lateness of every cue on a simulated clock (no real waiting)."""
    rng = random.Random(seed + 100)
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += max(0.0, seconds)

    return _drift(pattern, minutes, lambda: now[0], sleep, lambda: rng.uniform(0, 0.002),
                  slower_at, seed)


def real(pattern: str, minutes: int) -> tuple[list[float], list[int]]:
    """Lateness of every cue against time.monotonic; speech stood in for by sleeping."""
    return _drift(pattern, minutes, time.monotonic, lambda s: time.sleep(max(0.0, s)),
                  lambda: 0.0)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def run(quick: bool) -> list[tuple[str, str]]:
    """Max and mean drift per pattern over ten simulated minutes; one real minute unless quick."""
    figures: list[tuple[str, str]] = []
    worst = 0.0
    for name in breathing.PATTERNS:
        lateness, _ = simulated(name, 10)
        worst = max(worst, max(lateness))
        figures.append((f"{name}, 10 min simulated: cues", str(len(lateness))))
        figures.append((f"{name}, 10 min simulated: max drift", _ms(max(lateness))))
        figures.append((f"{name}, 10 min simulated: mean drift", _ms(statistics.mean(lateness))))
    lateness, replied = simulated("box", 10, slower_at=(150.0, 330.0))
    # Hearth's spoken "Okay, slower." can hold up the next cue or two; later ones are on time.
    others = [late for i, late in enumerate(lateness)
              if not any(0 <= i - r <= 1 for r in replied)]
    worst = max(worst, max(others))
    figures.append(("box, 10 min, 'slower' twice: max drift of the other cues", _ms(max(others))))
    figures.append(("box, 10 min, 'slower' twice: cue right after the spoken reply",
                    ", ".join(_ms(lateness[i]) for i in replied if i < len(lateness))))
    figures.append(("box, 10 min, 'slower' twice: the cue after that",
                    ", ".join(_ms(lateness[i + 1]) for i in replied if i + 1 < len(lateness))))
    figures.append(("worst simulated drift (limit 20 ms)",
                    f"{_ms(worst)} {'ok' if worst <= 0.020 else 'OVER LIMIT'}"))
    if not quick:
        lateness, _ = real("box", 1)
        figures.append(("box, 1 min real clock: cues", str(len(lateness))))
        figures.append(("box, 1 min real clock: max drift", _ms(max(lateness))))
        figures.append(("box, 1 min real clock: mean drift", _ms(statistics.mean(lateness))))
    return figures
