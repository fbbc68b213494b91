"""Live recognition: decode each utterance while it is spoken, so the final words are ready
almost as soon as the endpointer decides the speaker has finished."""

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from assistant.audio.microphone import UtteranceListener
from assistant.speech.transcript import Mode, Recognizer, Transcript


@dataclass(frozen=True)
class HeardUtterance:
    """One utterance heard live, with when it happened (time.monotonic() seconds)."""

    transcript: Transcript  # the final words
    speech_start: float  # when speech began
    speech_end: float  # when speech stopped (before the trailing silence)
    final_at: float  # when the final transcript was ready


def transcribe_live(
    listener: UtteranceListener,
    recognizer: Recognizer,
    mode: Mode | Callable[[], Mode] = "command",
    on_partial: Callable[[str], None] | None = None,
) -> Iterator[HeardUtterance]:
    """Yield each utterance's final transcript as it ends. `mode` may be a callable, asked at
    the start of each utterance (the dialogue switches to dictation for free answers)."""
    session, began = None, 0.0
    for event in listener.events():
        if event.kind == "start":
            session = recognizer.stream(mode() if callable(mode) else mode)
            began = event.time
        if session is None:
            continue
        if event.kind in ("start", "audio"):
            partial = session.feed(event.audio)
            if partial is not None and on_partial is not None:
                on_partial(partial)
        else:
            transcript = session.finish()
            session = None
            yield HeardUtterance(transcript, began, event.time, time.monotonic())
