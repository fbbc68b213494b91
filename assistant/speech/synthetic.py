"""Test speech: espeak-ng voices (or a Piper voice, named "piper:<voice>", or a Festival voice,
"festival:<voice>" such as festival:kal_diphone) saying a sentence, optionally under pink noise
at a given SNR."""

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import soundfile
import soxr

from assistant.audio.files import SAMPLE_RATE, to_int16
from assistant.errors import VoiceError

_LEAD = 0.3  # seconds of quiet before and after, as a microphone utterance has


def espeak_audio(text: str, voice: str = "en-us", rate: int = 160) -> np.ndarray:
    """`text` spoken by espeak-ng, as float32 16 kHz mono with a short quiet lead-in and tail."""
    if not shutil.which("espeak-ng"):
        raise VoiceError("espeak-ng is not installed; run scripts/install-system-packages.sh")
    done = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(rate), "--stdout", text],
        capture_output=True, check=False,
    )
    if done.returncode != 0 or not done.stdout:
        problem = done.stderr.decode(errors="replace").strip() or "no audio"
        raise VoiceError(f"espeak-ng voice '{voice}' failed ({problem}); see `espeak-ng --voices`")
    samples, rate_in = soundfile.read(io.BytesIO(done.stdout), dtype="float32")
    speech = soxr.resample(samples, rate_in, SAMPLE_RATE).astype(np.float32)
    pad = np.zeros(int(_LEAD * SAMPLE_RATE), dtype=np.float32)
    return np.concatenate([pad, speech, pad])


_piper_voices: dict = {}


def piper_audio(text: str, voice: str = "en_US-joe-medium") -> np.ndarray:
    """`text` spoken by an installed Piper voice, as float32 16 kHz mono with a quiet lead."""
    from assistant.voice.piper_voices import find_voice, piper_installed

    files = find_voice(voice) if piper_installed() else None
    if files is None:
        raise VoiceError(f"the Piper voice '{voice}' is not installed; `make setup` installs "
                         "en_US-joe-medium")
    if voice not in _piper_voices:
        from piper import PiperVoice

        _piper_voices[voice] = PiperVoice.load(files.model, files.config)
    model = _piper_voices[voice]
    chunks = [chunk.audio_float_array for chunk in model.synthesize(text)]
    speech = soxr.resample(np.concatenate(chunks), model.config.sample_rate, SAMPLE_RATE)
    pad = np.zeros(int(_LEAD * SAMPLE_RATE), dtype=np.float32)
    return np.concatenate([pad, speech.astype(np.float32), pad])


FESTIVAL_VOICES = Path("/usr/share/festival/voices")


def festival_installed(voice: str) -> str:
    """Why the Festival voice cannot speak ("" when it can): for benchmarks to skip it."""
    if not shutil.which("text2wave"):
        return "Festival is not installed (apt-get install festival festvox-kallpc16k)"
    if not any(FESTIVAL_VOICES.glob(f"*/{voice}")):
        return f"the Festival voice '{voice}' is not installed (see apt-cache search festvox)"
    return ""


def festival_audio(text: str, voice: str = "kal_diphone") -> np.ndarray:
    """`text` spoken by a Festival voice (Debian's festvox-* packages), as float32 16 kHz mono
    with a short quiet lead-in and tail."""
    missing = festival_installed(voice)
    if missing:
        raise VoiceError(missing)
    with tempfile.TemporaryDirectory(prefix="hearth-festival-") as folder:
        out = Path(folder) / "said.wav"
        done = subprocess.run(["text2wave", "-eval", f"(voice_{voice})", "-o", str(out)],
                              input=text.encode(), capture_output=True, check=False)
        if done.returncode != 0 or not out.is_file() or out.stat().st_size <= 44:
            problem = done.stderr.decode(errors="replace").strip().splitlines()
            raise VoiceError(f"Festival voice '{voice}' failed ({problem[-1] if problem else 'no audio'})")
        samples, rate_in = soundfile.read(str(out), dtype="float32")
    speech = soxr.resample(samples, rate_in, SAMPLE_RATE).astype(np.float32)
    pad = np.zeros(int(_LEAD * SAMPLE_RATE), dtype=np.float32)
    return np.concatenate([pad, speech, pad])


def voice_missing(voice: str) -> str:
    """Why a test voice ("en-us", "piper:…", "festival:…") cannot speak here ("" when it can)."""
    if voice.startswith("festival:"):
        return festival_installed(voice.removeprefix("festival:"))
    if voice.startswith("piper:"):
        from assistant.voice.piper_voices import find_voice, piper_installed

        name = voice.removeprefix("piper:")
        if not piper_installed() or find_voice(name) is None:
            return f"the Piper voice '{name}' is not installed"
        return ""
    return "" if shutil.which("espeak-ng") else "espeak-ng is not installed"


def pink_noise(length: int, rng: np.random.Generator) -> np.ndarray:
    """Unit-RMS pink (1/f power) noise, shaped in the frequency domain."""
    spectrum = np.fft.rfft(rng.standard_normal(length))
    freqs = np.arange(len(spectrum), dtype=np.float64)
    freqs[0] = 1.0
    noise = np.fft.irfft(spectrum / np.sqrt(freqs), n=length)
    return (noise / (np.sqrt(np.mean(noise**2)) or 1.0)).astype(np.float32)


def add_noise(speech: np.ndarray, snr_db: float, seed: int = 0) -> np.ndarray:
    """Mix pink noise so that speech power over noise power is `snr_db`, measured on the voiced
    part only (quiet lead-ins would otherwise flatter the figure)."""
    voiced = speech[np.abs(speech) > 0.02 * np.max(np.abs(speech))]
    speech_rms = float(np.sqrt(np.mean(voiced**2))) if voiced.size else 0.0
    noise = pink_noise(len(speech), np.random.default_rng(seed))
    mixed = speech + noise * speech_rms / (10 ** (snr_db / 20))
    peak = float(np.max(np.abs(mixed)))
    return mixed / peak * 0.9 if peak > 0.9 else mixed


def spoken(text: str, voice: str, rate: int, snr_db: float | None = None, seed: int = 0):
    """int16 16 kHz audio of `text` for a recogniser, with noise when `snr_db` is given."""
    if voice.startswith("piper:"):
        audio = piper_audio(text, voice.removeprefix("piper:"))
    elif voice.startswith("festival:"):
        audio = festival_audio(text, voice.removeprefix("festival:"))
    else:
        audio = espeak_audio(text, voice, rate)
    if snr_db is not None:
        audio = add_noise(audio, snr_db, seed)
    return to_int16(audio)
