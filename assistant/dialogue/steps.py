"""The step vocabulary. An exercise is a generator that yields steps and receives answers.

    def run(ctx: Context) -> Script:
        answer = yield Ask("How are you feeling, from one to ten?", partner=ctx.partners[0])
        if answer is None:          # nobody answered (idle timeout, end of input)
            return
        yield Say(f"Thank you, {ctx.partners[0]}.")

What the runner sends back: `Answer` (or None) for `Ask`, the new entry id for `Save`, and None
for every other step. Exercises do no I/O; the runner owns timing, controls and safety.
"""

from collections.abc import Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from assistant.understanding.result import IntentMatch


@dataclass(frozen=True)
class Say:
    """Speak (or print) a line."""

    text: str
    style: Literal["warm", "calm", "bright"] | None = None  # voice profile hint; None: default


@dataclass(frozen=True)
class Ask:
    """Say a question and wait for an answer."""

    text: str
    mode: Literal["command", "dictation"] = "command"  # dictation: free speech, transcribed
    partner: str | None = None  # who is expected to answer
    keep_audio: bool = False  # dictation only: keep the recording (voice notes)
    style: Literal["warm", "calm", "bright"] | None = None
    # Words that answer this question even where they would be controls elsewhere: "done" to
    # "tell me when the phones are away", "one more" to "another one, or done?".
    answers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pause:
    """Wait this many seconds (stretched by "slower" only where the exercise multiplies ctx.pace)."""

    seconds: float


@dataclass(frozen=True)
class WaitUntil:
    """Wait until this many seconds after the exercise started: a drift-free schedule."""

    at: float


@dataclass(frozen=True)
class Chime:
    """A soft tone: inhale and exhale differ, timer marks the end of a timed step."""

    kind: Literal["inhale", "exhale", "hold", "timer", "soft"] = "soft"


@dataclass(frozen=True)
class Play:
    """Play a kept recording (a voice note); a channel that cannot play audio says `text`."""

    path: Path
    text: str  # the recording's transcript


@dataclass(frozen=True)
class Save:
    """Store one journal entry now (committed at once, so nothing is lost on a crash)."""

    kind: str  # "checkin", "gratitude", "note", "assessment", ...
    data: dict
    partner: str | None = None
    replaces: int | None = None  # an entry id this Save sent back earlier: the same record, fuller


@dataclass(frozen=True)
class Answer:
    """What the runner sends back for an Ask."""

    text: str  # the words, typed or transcribed
    match: IntentMatch | None = None  # what they mean, when understood in command mode
    audio_path: Path | None = None  # the kept recording, for Ask(keep_audio=True) by voice

    @property
    def intent(self) -> str:
        """The understood intent, or "none"."""
        return self.match.intent if self.match else "none"


Step = Say | Ask | Pause | WaitUntil | Chime | Play | Save
Script = Generator[Step, "Answer | int | None", None]


@dataclass
class Exit:
    """Returned by an exercise generator (StopIteration.value) to hand over to another intent."""

    next_intent: str | None = None  # e.g. "exercise.breathing" after a low-mood check-in
    slots: dict = field(default_factory=dict)
