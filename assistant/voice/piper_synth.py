"""Text to audio with a Piper neural voice (ONNX), into memory.

    synth = PiperSynthesizer()
    audio, rate = synth.synthesize("Let's begin.", profile)   # float32 mono, 22.05 kHz

Each voice is loaded once (about half a second) and kept; `prepare` loads one ahead of the
first reply and runs it once, so the first real sentence is not the slow one. Piper paces by
length scale (the profile's `piper.length_scale`, or `exercise_length_scale` when slow).
"""

from __future__ import annotations

import logging
import threading

import numpy as np

from assistant.errors import VoiceError
from assistant.voice.piper_voices import ENGINE_HINT, find_voice, voice_problem
from assistant.voice.profiles import VoiceProfile

logger = logging.getLogger(__name__)


class PiperSynthesizer:
    """Piper voices, loaded on first use and kept for the life of the process."""

    def __init__(self) -> None:
        try:
            import piper  # noqa: F401 - fail here, once, with the fix
        except ImportError as exc:
            raise VoiceError(f"the Piper engine is not installed; {ENGINE_HINT}") from exc
        self._voices: dict[str, object] = {}
        self._lock = threading.Lock()  # one synthesis at a time: onnxruntime uses every core

    def _voice(self, profile: VoiceProfile):
        """The loaded PiperVoice for the profile (lock held)."""
        name = profile.piper.voice
        if name in self._voices:
            return self._voices[name]
        where = f"{profile.where}: field 'piper.voice'"
        files = find_voice(name)
        if files is None:
            raise VoiceError(f"the Piper voice '{name}' is not installed; "
                             f"`hearth models download {name}` fetches it, or choose one "
                             "from `hearth voices`", where)
        problem = voice_problem(files.model, files.config)
        if problem:
            raise VoiceError(f"the Piper voice '{name}' cannot be used: {problem}; download it "
                             f"again with `hearth models download {name}`", where)
        from piper import PiperVoice

        try:
            voice = PiperVoice.load(files.model, files.config)
        except Exception as exc:  # onnxruntime says "corrupt" in many ways
            raise VoiceError(f"the Piper voice '{name}' cannot be loaded ({str(exc)[:120]}); "
                             f"download it again with `hearth models download {name}`",
                             where) from exc
        self._voices[name] = voice
        logger.info("Piper voice %s loaded from %s", name, files.model)
        return voice

    def prepare(self, profile: VoiceProfile) -> None:
        """Load the profile's voice and run it once, so the first reply comes quickly."""
        self.synthesize("Ready.", profile)

    def synthesize(
        self, text: str, profile: VoiceProfile, slow: bool = False
    ) -> tuple[np.ndarray, int]:
        """Audio for `text` in the profile's Piper voice; `slow` uses its exercise pace."""
        from piper import SynthesisConfig

        pace = profile.piper.exercise_length_scale if slow else profile.piper.length_scale
        with self._lock:
            voice = self._voice(profile)
            rate = voice.config.sample_rate
            if not text.strip():
                return np.zeros(0, dtype=np.float32), rate
            config = SynthesisConfig(length_scale=pace, volume=profile.volume,
                                     noise_scale=profile.piper.noise_scale,
                                     noise_w_scale=profile.piper.noise_w)
            try:
                chunks = [chunk.audio_float_array for chunk in voice.synthesize(text, config)]
            except Exception as exc:  # a broken network fails only when it runs
                raise VoiceError(f"the Piper voice '{profile.piper.voice}' failed "
                                 f"({str(exc)[:120]})", profile.where) from exc
        if not chunks:
            return np.zeros(0, dtype=np.float32), rate
        return np.ascontiguousarray(np.concatenate(chunks), dtype=np.float32), rate
