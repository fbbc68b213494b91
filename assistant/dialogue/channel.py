"""Channels carry the dialogue to people: typed text here, voice in assistant/dialogue/voice.py.

A channel speaks lines, plays chimes and hears utterances. `hear(timeout, wanted)` returns the
next utterance, or None when the timeout passes; `request` marks a new request (not an
answer), which a voice channel may gate behind a wake phrase. `wanted` lets a channel leave an utterance
for later: while Hearth keeps time in an exercise only controls are taken, so in a scripted
session the next answer waits for the next question. At the end of input it raises EndOfInput.
"""

import select
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TextIO

from assistant.safe_text import shown


MAX_LINE = 4000  # characters of one typed line that are kept (a long spoken answer is ~1,000)


class EndOfInput(Exception):
    """Nobody can say anything more (stdin closed, microphone gone for good)."""


@dataclass(frozen=True)
class Heard:
    """One utterance."""

    text: str
    audio_path: Path | None = None  # the recording, when asked to keep it
    ended_at: float | None = None  # monotonic time the speech ended (voice only)
    corrects: bool = False  # a second hearing of an utterance already handed over (voice)


class Channel(Protocol):
    """What the runner needs from a channel. Speaking may be cut short: `say` and `play` return
    the utterance said over Hearth that silenced it (a voice channel lets controls and crises
    cut in), or None when the line was said to its end (always None for typed text)."""

    def say(self, text: str, style: str | None = None,
            partner: str | None = None) -> Heard | None:
        """Speak a line (style: a voice profile hint; partner: who it is addressed to)."""
        ...

    def chime(self, kind: str) -> None:
        """Play a soft tone ("inhale", "exhale", "hold", "timer", "soft")."""
        ...

    def play(self, path: Path, text: str) -> Heard | None:
        """Play a recording (or show its transcript `text`); returns what cut in, as `say`."""
        ...

    def hear(self, timeout: float | None, wanted: Callable[[str], bool] | None = None,
             mode: str = "command", keep_audio: bool = False,
             request: bool = False) -> Heard | None:
        """The next utterance, or None when `timeout` seconds pass; raises EndOfInput."""
        ...

    def slow_down(self) -> None:
        """Speak more slowly from now on (after "slower")."""
        ...

    def settle(self) -> Heard | None:
        """Wait until what was already heard is heard for good; returns an utterance heard
        differently the second time (a crisis or a control) not yet handed over, else None.
        The runner asks before keeping anything, so a crisis leaves nothing behind."""
        ...


class TextChannel:
    """The typed dialogue: lines on stdin, replies on stdout (and spoken with `speaker`)."""

    def __init__(self, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout, speaker=None):
        self._in, self._out, self._speaker = stdin, stdout, speaker
        self._interactive = stdin.isatty()
        self._pending: str | None = None  # a scripted line read ahead but not yet wanted
        self._closed = False

    def say(self, text: str, style: str | None = None,
            partner: str | None = None) -> Heard | None:
        """Print the line (and speak it with a speaker); typed text is never cut short."""
        # Names and answers said back may hold escapes or newlines: never printed raw.
        self._out.write(f"Hearth: {shown(text)}\n")
        self._out.flush()
        if self._speaker is not None:
            self._speaker.say(text, style=style).wait()
        return None

    def chime(self, kind: str) -> None:
        self._out.write(f"Hearth: [{kind} chime]\n")
        self._out.flush()
        if self._speaker is not None:
            self._speaker.chime(kind)

    def play(self, path: Path, text: str) -> Heard | None:
        """A typed session shows a recording's transcript (and speaks it with --speak)."""
        return self.say(f"\u201c{text}\u201d")

    def slow_down(self) -> None:
        """Typed replies need no slowing; a speaking channel talks slower."""

    def settle(self) -> Heard | None:
        """Typed lines are read once: nothing is ever heard again."""
        return None

    def _read_line(self, timeout: float | None) -> str | None:
        if self._interactive:
            self._out.write("> ")
            self._out.flush()
            ready, _, _ = select.select([self._in], [], [], timeout)
            if not ready:
                self._out.write("\n")
                return None
        line = self._in.readline(MAX_LINE + 1)
        if not line:
            self._closed = True
            raise EndOfInput
        if len(line) > MAX_LINE and not line.endswith("\n"):
            # The rest of an overlong line is read and dropped in pieces, never held whole.
            while (rest := self._in.readline(64 * 1024)) and not rest.endswith("\n"):
                pass
            line = line[:MAX_LINE]
            self._out.write(f"hearth: that line was longer than {MAX_LINE:,} characters; "
                            "only its beginning was kept\n")
        return line.strip()

    def hear(self, timeout: float | None, wanted: Callable[[str], bool] | None = None,
             mode: str = "command", keep_audio: bool = False,
             request: bool = False) -> Heard | None:
        waiting = wanted is not None and timeout is not None  # keeping time, not asking
        if self._interactive and not self._closed:
            line = self._read_line(timeout)
            return Heard(line) if line is not None else None
        # Scripted input is all there at once: take a line only when it is wanted now,
        # otherwise let the wait pass as if nobody spoke.
        if self._pending is None and not self._closed:
            try:
                self._pending = self._read_line(None)
            except EndOfInput:
                pass
        if self._pending is None:
            if waiting:
                time.sleep(timeout)
                return None
            raise EndOfInput
        if wanted is None or wanted(self._pending):
            line, self._pending = self._pending, None
            self._out.write(f"> {shown(line)}\n")
            return Heard(line)
        if timeout is not None:
            time.sleep(timeout)
        return None
