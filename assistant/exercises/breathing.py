"""Paced breathing: box, 4-7-8, coherent and the physiological sigh, on a drift-free schedule.

Every cue is placed with WaitUntil(at=seconds since the exercise started), computed by adding
phase lengths, so however long speech takes, cue n lands at its own time and errors never add
up. "Slower" multiplies ctx.pace; each phase reads the pace when it starts.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from assistant.dialogue.context import Context
from assistant.dialogue.steps import Chime, Save, Say, Script, WaitUntil

INTENTS = ("exercise.breathing",)
NAME = "a breathing exercise"
COUPLES = False  # fine to do alone, also after abuse is mentioned
GROUP = "for one of you"  # where "help" names it
ABOUT = (  # what "help with ..." says
    "I guide slow breathing for a few minutes, box breathing or another pattern, counting "
    "with you and chiming as you go. Say slower any time.")

DEFAULT_PATTERN = "box"
DEFAULT_MINUTES = 2
MAX_COUNTED_PHASE = 8  # phases up to this many whole seconds are counted aloud
SPOKEN_WORDS_PER_SECOND = 2.2  # a calm voice; used to leave room for the intro


@dataclass(frozen=True)
class Phase:
    """One part of a breath."""

    chime: Literal["inhale", "exhale", "hold"]  # the tone that marks it
    seconds: float  # length at pace 1.0
    words: str  # said as it starts: one word when counts follow a second later


@dataclass(frozen=True)
class BreathingPattern:
    """A named breath cycle and how to explain it."""

    name: str  # slot value: box, 4-7-8, coherent, sigh
    title: str  # how Hearth names it
    how: str  # one or two short sentences on how it goes
    phases: tuple[Phase, ...]
    counted: bool = False  # count the seconds aloud ("In, two, three, four"); else tones only

    @property
    def cycle_seconds(self) -> float:
        """One breath at pace 1.0."""
        return sum(phase.seconds for phase in self.phases)


IN, OUT, HOLD = "Breathe in", "Breathe out", "Hold"
# Counted phases start with one short word, so "two" a second later is never pushed back.
C_IN, C_OUT = "In", "Out"

PATTERNS: dict[str, BreathingPattern] = {
    "box": BreathingPattern(
        "box", "Box breathing",
        "In for four, hold for four, out for four, and hold again for four. I'll count with you.",
        (Phase("inhale", 4, C_IN), Phase("hold", 4, HOLD), Phase("exhale", 4, C_OUT),
         Phase("hold", 4, HOLD)),
        counted=True,
    ),
    "4-7-8": BreathingPattern(
        "4-7-8", "Four seven eight breathing",
        "In through your nose for four, hold for seven, then a slow breath out through your "
        "mouth for eight. I'll count with you.",
        (Phase("inhale", 4, C_IN), Phase("hold", 7, HOLD), Phase("exhale", 8, C_OUT)),
        counted=True,
    ),
    "coherent": BreathingPattern(
        "coherent", "Slow, even breathing",
        "An easy breath in, an equally easy breath out, about five and a half breaths a minute. "
        "Follow the tones.",
        (Phase("inhale", 5.45, IN), Phase("exhale", 5.45, OUT)),
    ),
    "sigh": BreathingPattern(
        "sigh", "The double-breath sigh",
        "A breath in through your nose, then a second small sip of air on top, then a long, "
        "unhurried breath out through your mouth.",
        (Phase("inhale", 2.5, IN), Phase("inhale", 1.5, "And more"),
         Phase("exhale", 6, "Long out")),
    ),
}


@dataclass(frozen=True)
class Cue:
    """One timed moment of the exercise."""

    at: float  # seconds since the exercise started
    text: str  # what is said ("Breathe in", "two", ...)
    chime: Literal["inhale", "exhale", "hold"] | None = None  # a phase start has a tone


def pattern_named(name: str | None) -> BreathingPattern:
    """The pattern for a slot value; unknown or missing means the default."""
    return PATTERNS.get(name or DEFAULT_PATTERN, PATTERNS[DEFAULT_PATTERN])


def minutes_from(value: object) -> int:
    """The minutes slot as a whole number from 1 to 20 (default 2)."""
    try:
        minutes = int(value) if value is not None else DEFAULT_MINUTES
    except (TypeError, ValueError):
        minutes = DEFAULT_MINUTES
    return max(1, min(20, minutes))


_COUNTS = ("one", "two", "three", "four", "five", "six", "seven", "eight")


def iter_cues(pattern: BreathingPattern, minutes: float, pace: Callable[[], float],
              start: float = 0.0) -> Iterator[Cue]:
    """Every cue from `start` for about `minutes`; `pace()` is read as each phase begins.

    A new breath starts only while it would end nearer to the planned end than past it, so the
    length is honoured in whole breaths (at least one).
    """
    end = start + minutes * 60
    t = start
    first = True
    while first or t + pattern.cycle_seconds * pace() / 2 <= end:
        first = False
        for phase in pattern.phases:
            stretch = pace()
            yield Cue(t, phase.words, phase.chime)
            whole = float(phase.seconds).is_integer()
            if pattern.counted and whole and phase.seconds <= MAX_COUNTED_PHASE:
                for k in range(1, int(phase.seconds)):
                    yield Cue(t + k * stretch, _COUNTS[k])
            t += phase.seconds * stretch
    yield Cue(t, "")  # the end: the closing words start here


def breathing_schedule(pattern: str, minutes: float, pace: float = 1.0,
                       start: float = 0.0) -> list[tuple[float, str]]:
    """The whole schedule as (seconds since start, words) for a steady pace."""
    return [(cue.at, cue.text) for cue in iter_cues(pattern_named(pattern), minutes,
                                                    lambda: pace, start)]


def intro_text(pattern: BreathingPattern, minutes: int) -> str:
    """How it works and which words steer it."""
    span = "one minute" if minutes == 1 else f"{minutes} minutes"
    return (f"{pattern.title}, for about {span}. {pattern.how} "
            "Say slower if you'd like more time, pause to rest, or stop whenever you like.")


SETTLE = "Get comfortable, and let your shoulders drop."


def first_cue_at(pattern: BreathingPattern, minutes: int) -> float:
    """When the first breath starts: room for the intro to be spoken, and a moment more."""
    spoken = len(intro_text(pattern, minutes).split()) + len(SETTLE.split())
    return spoken / SPOKEN_WORDS_PER_SECOND + 1.5


def run(ctx: Context) -> Script:
    """Explain, then guide the breaths on a fixed timeline, then close gently and save."""
    pattern = pattern_named(ctx.slots.get("pattern"))
    minutes = minutes_from(ctx.slots.get("minutes"))
    yield Say(intro_text(pattern, minutes), style="calm")
    yield Say(SETTLE, style="calm")
    breaths = 0
    start = first_cue_at(pattern, minutes)
    for cue in iter_cues(pattern, minutes, lambda: ctx.pace, start=start):
        yield WaitUntil(at=cue.at)
        if not cue.text:
            break
        if cue.chime:
            if cue.chime == "inhale" and cue.text in (IN, C_IN):
                breaths += 1
            yield Chime(cue.chime)
        yield Say(cue.text, style="calm")
    yield Say("That's the last one. Let your breathing find its own rhythm again, "
              "and notice how you feel.", style="calm")
    yield Save("breathing", {"pattern": pattern.name, "minutes": minutes, "completed": True,
                             "breaths": breaths, "pace": round(ctx.pace, 2)})
