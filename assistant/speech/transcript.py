"""What a recogniser returns, and the interface every engine implements."""

from dataclasses import dataclass
from typing import Literal, Protocol

import numpy as np

Mode = Literal["command", "dictation"]
MODES: tuple[Mode, ...] = ("command", "dictation")


@dataclass(frozen=True)
class Transcript:
    """The words heard in one utterance."""

    text: str  # lower-case words separated by spaces; "" when nothing was recognised
    confidence: float | None = None  # in [0, 1] when the engine gives one
    is_final: bool = True  # False for a partial result while someone is still speaking
    mode: Mode = "command"  # the mode it was decoded in
    engine: str = ""  # "pocketsphinx" or "vosk"


class RecognitionSession(Protocol):
    """One utterance decoded as it arrives: feed chunks, then finish."""

    def feed(self, chunk: np.ndarray) -> str | None:
        """Decode 16 kHz mono int16 samples; return the partial text when it changed."""

    def finish(self) -> Transcript:
        """End the utterance and return the final transcript."""

    # A session may also offer finish_early() -> (Transcript, Future | None): the transcript
    # to act on at once and, when a second hearing is still running, a Future of the final
    # transcript (PocketSphinx with Whisper; the voice channel uses it when present).


class Recognizer(Protocol):
    """A speech engine with a command mode (catalogue grammar) and a dictation mode."""

    name: str

    def transcribe(self, audio_16k: np.ndarray, mode: Mode = "command") -> Transcript:
        """Decode one whole utterance of 16 kHz mono int16 samples."""

    def stream(self, mode: Mode = "command") -> RecognitionSession:
        """Start decoding one utterance chunk by chunk."""
