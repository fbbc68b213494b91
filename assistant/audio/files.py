"""Read any audio file people have (WAV of any rate/width/channels, FLAC, OGG, MP3) as 16 kHz mono.

Files are read block by block and resampled as a stream, so an hour-long 48 kHz stereo recording
never sits in memory at its original size.
"""

import logging
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import soundfile
import soxr

from assistant.errors import AudioError

SAMPLE_RATE = 16_000  # what every recogniser in Hearth expects
_BLOCK_FRAMES = 65_536
_SILENCE_PEAK = 1e-3  # about -60 dBFS: nothing a microphone would call speech
_CLIPPED_SHARE = 0.01  # this share of samples at full scale means the level was too high

logger = logging.getLogger(__name__)


def _open(path: Path) -> soundfile.SoundFile:
    if not path.exists():
        raise AudioError("no such file; check the path", str(path))
    if path.is_dir():
        raise AudioError("is a directory, not an audio file", str(path))
    try:
        return soundfile.SoundFile(str(path))
    except (soundfile.LibsndfileError, RuntimeError) as exc:
        raise AudioError(
            f"not a readable audio file ({exc}); use WAV, FLAC or OGG", str(path)
        ) from exc
    except OSError as exc:
        raise AudioError(f"cannot be read ({exc.strerror})", str(path)) from exc


def iter_audio(path: str | Path, block_seconds: float = 4.0) -> Iterator[np.ndarray]:
    """Yield the file as consecutive float32 16 kHz mono blocks (raises AudioError if unreadable)."""
    path = Path(path)
    with _open(path) as sound:
        if sound.samplerate <= 0:
            raise AudioError("has no valid sample rate; re-export it as 16 kHz WAV", str(path))
        block = max(1024, int(block_seconds * sound.samplerate))
        resampler = (
            soxr.ResampleStream(sound.samplerate, SAMPLE_RATE, 1, dtype="float32")
            if sound.samplerate != SAMPLE_RATE
            else None
        )
        try:
            while True:
                data = sound.read(block, dtype="float32", always_2d=True)
                last = len(data) < block
                mono = data.mean(axis=1, dtype=np.float32)
                out = resampler.resample_chunk(mono, last=last) if resampler else mono
                if len(out):
                    yield out
                if last:
                    break
        except soundfile.LibsndfileError as exc:
            raise AudioError(f"is damaged or truncated ({exc}); record it again", str(path)) from exc


def read_audio(path: str | Path, *, allow_silence: bool = False) -> np.ndarray:
    """The whole file as int16 samples at 16 kHz mono; AudioError names the file and the problem."""
    path = Path(path)
    blocks = list(iter_audio(path))
    audio = np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.float32)
    if audio.size == 0:
        raise AudioError("contains no audio (0 samples); record it again", str(path))
    peak = float(np.max(np.abs(audio)))
    if not np.isfinite(peak):
        raise AudioError("contains invalid samples (NaN or infinity); re-export it", str(path))
    if peak < _SILENCE_PEAK and not allow_silence:
        raise AudioError(
            "is silent, there is nothing to recognise; check the microphone level", str(path)
        )
    clipped = float(np.mean(np.abs(audio) >= 0.999))
    if clipped > _CLIPPED_SHARE:
        logger.warning("%s: %.0f%% of samples are clipped; record with a lower input level",
                       path, 100 * clipped)
    return to_int16(audio)


def to_int16(audio: np.ndarray) -> np.ndarray:
    """Float samples in [-1, 1] (or int16 already) as int16."""
    if audio.dtype == np.int16:
        return audio
    return (np.clip(audio, -1.0, 1.0) * 32767.0).astype(np.int16)


def write_wav(path: str | Path, audio: np.ndarray, rate: int = SAMPLE_RATE) -> Path:
    """Write int16 or float mono samples as a 16-bit WAV file."""
    soundfile.write(str(path), to_int16(np.asarray(audio)), rate, subtype="PCM_16")
    return Path(path)
