"""The real-speech benchmark: people ordering coffee (half of Picovoice's speech-to-intent
benchmark, in ../shared/speech-benchmark), scored the benchmark's way: a clip counts only when
the intent and every labelled slot are right. Noise is the benchmark's kitchen recording mixed
at a given SNR from peak frame energies, as its README describes."""

import json
import os
import tempfile
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from assistant.audio.files import SAMPLE_RATE, read_audio, to_int16
from assistant.errors import InputError
from assistant.paths import PROJECT_ROOT

NOISE_LEVELS_DB = (24, 21, 18, 15, 12, 9, 6)  # the benchmark's own steps
_FRAME = 2048  # the benchmark's frame for peak energies


def benchmark_dir() -> Path:
    """Where the recordings are (HEARTH_SPEECH_BENCHMARK overrides ../shared/speech-benchmark)."""
    return Path(os.environ.get("HEARTH_SPEECH_BENCHMARK")
                or PROJECT_ROOT.parent / "shared" / "speech-benchmark")


def missing_reason(folder: Path | None = None) -> str:
    """Why the benchmark cannot run here, or "" when it can."""
    folder = folder or benchmark_dir()
    needed = ["labels.json", "coffee_maker.yaml", "kitchen-noise.flac", "audio"]
    absent = [name for name in needed if not (folder / name).exists()]
    if absent:
        return (f"the real-speech recordings are not at {folder} (missing {', '.join(absent)}); "
                "set HEARTH_SPEECH_BENCHMARK to their folder")
    return ""


@dataclass(frozen=True)
class Clip:
    """One labelled recording."""

    name: str  # file name in audio/
    audio: np.ndarray  # int16, 16 kHz mono
    intent: str
    slots: dict[str, str]


def load_clips(folder: Path | None = None, every: int = 1, offset: int = 0) -> list[Clip]:
    """The labelled clips (every `every`-th from `offset`, in file-name order)."""
    folder = folder or benchmark_dir()
    reason = missing_reason(folder)
    if reason:
        raise InputError(reason)
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    names = sorted(labels)[offset::every]
    return [Clip(n, read_audio(folder / "audio" / n), labels[n]["intent"], labels[n]["slots"])
            for n in names]


def grammar_dir(folder: Path | None = None) -> Path:
    """The benchmark's Rhino grammar converted to a hassil intents folder (made once)."""
    from assistant.speech.rhino_format import write_rhino_as_intents

    target = Path(tempfile.gettempdir()) / f"hearth-coffee-intents-{os.getuid()}"
    return write_rhino_as_intents((folder or benchmark_dir()) / "coffee_maker.yaml", target)


def peak_energy(audio: np.ndarray) -> float:
    """The largest energy of any 2048-sample frame (float samples)."""
    frames = len(audio) // _FRAME
    if frames == 0:
        return float(np.sum(audio ** 2))
    return float(np.max(np.sum(audio[: frames * _FRAME].reshape(frames, _FRAME) ** 2, axis=1)))


def mix_noise(speech: np.ndarray, noise: np.ndarray, snr_db: float, seed: int) -> np.ndarray:
    """`speech` (int16) with `noise` (float) from a random offset at `snr_db`, the mix scaled to
    half of full scale, as int16."""
    speech_f = speech.astype(np.float64) / 32768.0
    start = np.random.default_rng(seed).integers(0, max(1, len(noise) - len(speech_f)))
    segment = np.resize(noise[start:], len(speech_f)).astype(np.float64)
    gain = np.sqrt(peak_energy(speech_f) / (peak_energy(segment) * 10 ** (snr_db / 10)))
    mixed = speech_f + gain * segment
    return to_int16((0.5 * mixed / np.max(np.abs(mixed))).astype(np.float32))


def kitchen_noise(folder: Path | None = None) -> np.ndarray:
    """The benchmark's kitchen noise as float samples."""
    return read_audio((folder or benchmark_dir()) / "kitchen-noise.flac").astype(np.float32) / 32768


@dataclass
class ConditionScore:
    """Command acceptance in one condition."""

    label: str  # "clean" or "kitchen 12 dB"
    accepted: int = 0
    total: int = 0
    audio_seconds: float = 0.0
    cpu_seconds: float = 0.0
    misses: list[tuple[str, str]] = field(default_factory=list)  # (clip, what was heard)

    @property
    def acceptance(self) -> float:
        return self.accepted / self.total if self.total else 0.0


def score_condition(label: str, clips: Sequence[Clip], hear: Callable[[np.ndarray], str],
                    meaning: Callable[[str], tuple[str | None, dict]],
                    snr_db: float | None = None, noise: np.ndarray | None = None
                    ) -> ConditionScore:
    """Hear every clip (noise mixed in when `snr_db` is given) and count the accepted ones."""
    score = ConditionScore(label)
    for clip in clips:
        audio = clip.audio
        if snr_db is not None:
            audio = mix_noise(audio, noise, snr_db, zlib.crc32(clip.name.encode()))
        started = time.process_time()
        heard = hear(audio)
        score.cpu_seconds += time.process_time() - started
        score.audio_seconds += len(audio) / SAMPLE_RATE
        intent, slots = meaning(heard)
        score.total += 1
        if intent == clip.intent and slots == clip.slots:
            score.accepted += 1
        else:
            score.misses.append((clip.name, heard))
    return score


def slot_word_recall(clips: Sequence[Clip], transcribe: Callable[[np.ndarray], str]
                     ) -> tuple[float, float]:
    """Free speech on the clips: the share of labelled slot words ("twelve", "ounce", "latte")
    found in the transcript, each counted as often as it was said; and the real-time factor
    (CPU seconds of this process per second of audio)."""
    from collections import Counter

    from assistant.speech.grammar import spoken_words

    found = wanted = 0
    cpu = seconds = 0.0
    for clip in clips:
        started = time.process_time()
        heard = Counter(spoken_words(transcribe(clip.audio)))
        cpu += time.process_time() - started
        seconds += len(clip.audio) / SAMPLE_RATE
        said = Counter(w for value in clip.slots.values() for w in spoken_words(value))
        found += sum(min(n, heard[w]) for w, n in said.items())
        wanted += sum(said.values())
    return (found / wanted if wanted else 0.0), (cpu / seconds if seconds else 0.0)


# The clips start with a recording click the voice detector takes for a short "utterance";
# an utterance ending this early is that click, not the speaker.
CLICK_SECONDS = 0.25


def cut_in_two(clip: Clip, trailing_silence: float) -> bool:
    """Whether the endpointer, with this much trailing silence, ends the speaker's request
    before they have finished it (a second utterance follows the first)."""
    from assistant.audio.endpoint import Endpointer

    endpointer = Endpointer(trailing_silence=trailing_silence)
    audio = np.concatenate([clip.audio, np.zeros(SAMPLE_RATE, np.int16)])
    ends = [e.time for e in [*endpointer.process(audio), *endpointer.flush()] if e.kind == "end"]
    return len([t for t in ends if t > CLICK_SECONDS]) > 1
