"""What the speech commands do: transcribe files, understand spoken files, score spoken accuracy."""

import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import soundfile

from assistant.audio.endpoint import split_utterances
from assistant.audio.files import SAMPLE_RATE, read_audio
from assistant.config import Settings
from assistant.errors import AudioError
from assistant.speech import make_recognizer
from assistant.speech.transcript import Mode, Recognizer, Transcript

logger = logging.getLogger(__name__)

MAX_COMMAND_SECONDS = 30.0  # longer than any spoken request; longer files are dictation


def check_length(path: Path, mode: Mode) -> None:
    """Refuse, before reading it, a file far too long for a spoken command."""
    try:
        seconds = soundfile.info(str(path)).duration
    except (soundfile.LibsndfileError, RuntimeError, OSError):
        return  # read_audio will report what is wrong with it
    if mode == "command" and seconds > MAX_COMMAND_SECONDS:
        raise AudioError(
            f"is {seconds:.0f} s long, too long for a spoken command (at most "
            f"{MAX_COMMAND_SECONDS:.0f} s); use `--mode dictation` to transcribe a recording",
            str(path),
        )


def transcribe_audio(recognizer: Recognizer, audio: np.ndarray, mode: Mode) -> Transcript:
    """Command mode decodes the whole clip; dictation is cut into utterances at pauses first."""
    if mode == "command" or len(audio) < 20 * SAMPLE_RATE:
        return recognizer.transcribe(audio, mode)
    pieces = [recognizer.transcribe(p, mode) for p in split_utterances(audio)]
    said = [p for p in pieces if p.text]
    confidences = [p.confidence for p in said if p.confidence is not None]
    return Transcript(
        " ".join(p.text for p in said),
        sum(confidences) / len(confidences) if confidences else None,
        True, mode, recognizer.name,
    )


def transcribe_file(
    path: Path, mode: Mode = "command", engine: str | None = None, settings: Settings | None = None
) -> Transcript:
    """The words in one audio file."""
    check_length(Path(path), mode)
    audio = read_audio(path)
    return transcribe_audio(make_recognizer(settings, engine), audio, mode)


def transcribe_files(
    paths: Sequence[Path], mode: Mode = "command", engine: str | None = None,
    settings: Settings | None = None, intents: Path | None = None,
) -> Iterator[dict]:
    """`hearth transcribe --json` objects, one per file: file, transcript, engine, mode,
    confidence (and intent, slots with a grammar folder). Every file and the grammar are
    checked before any work is done, and the model is loaded once."""
    from assistant.errors import ModelError
    from assistant.speech.grammar_intents import load_intents, read_command

    grammar = load_intents(intents) if intents is not None else None
    for path in paths:
        check_length(Path(path), mode)
    audios = [read_audio(path) for path in paths]
    recognizer = make_recognizer(settings, engine, intents=intents)
    if mode == "dictation" and getattr(recognizer, "dictation_notice", ""):
        raise ModelError(recognizer.dictation_notice)
    for path, audio in zip(paths, audios):
        transcript = transcribe_audio(recognizer, audio, mode)
        result = {"file": str(path), "transcript": transcript.text, "engine": transcript.engine,
                  "mode": transcript.mode, "confidence": transcript.confidence}
        if grammar is not None:
            command = read_command(transcript.text, grammar)
            result.update(intent=command.intent, slots=command.slots)
        yield result


def understand_files(
    paths: Sequence[Path], engine: str | None = None, settings: Settings | None = None
) -> Iterator[dict]:
    """For each file, the `hearth understand` JSON plus "transcript"; one model load for all.
    Every file is checked first, so a bad one fails before any work is done."""
    from assistant.understanding import understand

    for path in paths:
        check_length(Path(path), "command")
    audios = [read_audio(path) for path in paths]
    recognizer = make_recognizer(settings, engine)
    for audio in audios:
        transcript = recognizer.transcribe(audio, "command")
        result = understand(transcript.text).to_json()
        result["transcript"] = transcript.text
        yield result


@dataclass
class SpokenCondition:
    """One way of speaking the evaluation sentences."""

    voice: str  # espeak-ng voice name, or "piper:<voice>", "festival:<voice>"
    rate: int  # words per minute (espeak-ng only)
    snr_db: float | None  # pink noise level; None: clean
    skipped: str = ""  # why this voice was not heard ("" when it was)
    correct: int = 0
    total: int = 0
    errors: list = field(default_factory=list)  # (utterance, expected, got, transcript)

    @property
    def label(self) -> str:
        noise = "clean" if self.snr_db is None else f"pink noise {self.snr_db:g} dB SNR"
        return f"{self.voice} {self.rate} wpm, {noise}"


@dataclass
class SpokenReport:
    """What `hearth eval --speak` prints."""

    engine: str
    conditions: list[SpokenCondition]
    audio_seconds: float = 0.0
    decode_seconds: float = 0.0

    @property
    def accuracy(self) -> float:
        total = sum(c.total for c in self.conditions)
        return sum(c.correct for c in self.conditions) / total if total else 0.0

    def to_json(self) -> dict:
        """The figures as a JSON-ready dict."""
        return {
            "engine": self.engine,
            "accuracy": round(self.accuracy, 4),
            "real_time_factor": round(self.decode_seconds / self.audio_seconds, 4)
            if self.audio_seconds else None,
            "conditions": [
                {"voice": c.voice, "rate": c.rate, "snr_db": c.snr_db,
                 "accuracy": round(c.correct / c.total, 4) if c.total else None,
                 **({"skipped": c.skipped} if c.skipped else {}),
                 "errors": [dict(zip(("text", "expected", "got", "transcript"), e))
                            for e in c.errors]}
                for c in self.conditions
            ],
        }

    def render(self) -> str:
        """A readable report: accuracy per voice and overall, then each mistake."""
        total = sum(c.total for c in self.conditions)
        correct = sum(c.correct for c in self.conditions)
        lines = [f"engine                 {self.engine}",
                 f"spoken intent accuracy {100 * self.accuracy:.1f}% ({correct}/{total})"]
        if self.audio_seconds:
            lines.append(f"real-time factor       {self.decode_seconds / self.audio_seconds:.3f}")
        for c in self.conditions:
            lines.append(f"  {c.label:40s} skipped: {c.skipped}" if c.skipped else
                         f"  {c.label:40s} {100 * c.correct / max(1, c.total):5.1f}% "
                         f"({c.correct}/{c.total})")
        for c in self.conditions:
            for text, expected, got, heard in c.errors:
                lines.append(f"  [{c.voice} {c.rate}] {text!r} heard {heard!r}: "
                             f"expected {expected}, got {got}")
        return "\n".join(lines)


def evaluate_spoken(
    tsv: Path,
    voices: Sequence[str] = ("en-us", "en-gb", "en-us+m3"),
    rates: Sequence[int] = (160,),
    snr_db: float | None = None,
    engine: str | None = None,
    settings: Settings | None = None,
) -> SpokenReport:
    """Speak every line of a labelled TSV with each voice and rate, recognise it in command mode,
    understand it, and score the intents (reusing the text evaluator's scoring). A voice that
    is not installed here is reported as skipped, with the reason."""
    from assistant.speech.synthetic import spoken, voice_missing
    from assistant.understanding import understand
    from assistant.understanding.evaluate import evaluate, read_tsv

    rows = read_tsv(tsv)
    recognizer = make_recognizer(settings, engine)
    report = SpokenReport(recognizer.name, [])
    for voice in voices:
        for rate in rates:
            condition = SpokenCondition(voice, rate, snr_db, voice_missing(voice))
            report.conditions.append(condition)
            if condition.skipped:
                continue
            heard: dict[str, str] = {}

            def spoken_understand(text: str, voice=voice, rate=rate, heard=heard):
                audio = spoken(text, voice, rate, snr_db, seed=len(heard))
                started = time.process_time()
                transcript = recognizer.transcribe(audio, "command")
                report.decode_seconds += time.process_time() - started
                report.audio_seconds += len(audio) / SAMPLE_RATE
                heard[text] = transcript.text
                return understand(transcript.text)

            scored = evaluate(rows, spoken_understand)
            condition.correct, condition.total = scored.correct, scored.total
            condition.errors = [(t, e, g, heard.get(t, "")) for t, e, g, _ in scored.errors]
    return report
