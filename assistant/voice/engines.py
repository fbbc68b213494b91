"""Which engine speaks a profile: its Piper voice when it can, espeak-ng when it cannot.

    synth = VoiceSynthesizer("piper")           # voice_engine from the config
    synth.engine_for(profile)                   # "piper" or "espeak"
    synth.prepare(profile)                      # load and run the voice once (warm)
    audio, rate = synth.synthesize(text, profile, slow=False)

Piper is the default when it is installed. When it is not, or `voice_engine = "espeak"`, or the
profile prefers espeak, espeak-ng speaks. A Piper voice that is missing or corrupt is an error
with `strict=True` (commands such as `hearth say`: one line, exit code 2); in a session
(`strict=False`) Hearth says once on screen what is wrong and goes on with espeak-ng, so a
broken model never means silence.
"""

from __future__ import annotations

import logging
import threading
from functools import cache
from typing import Literal

import numpy as np

from assistant.errors import VoiceError
from assistant.voice.piper_voices import piper_installed
from assistant.voice.profiles import VoiceProfile
from assistant.voice.synth import espeak_synthesizer

logger = logging.getLogger(__name__)

Engine = Literal["piper", "espeak"]


_STARTING = threading.Lock()


@cache
def _piper_once():
    from assistant.voice.piper_synth import PiperSynthesizer

    return PiperSynthesizer()


def piper_synthesizer():
    """The process's Piper engine, made by one thread only, so each voice loads once."""
    with _STARTING:
        return _piper_once()


class VoiceSynthesizer:
    """A Synthesizer that picks each profile's engine, with espeak-ng standing in."""

    def __init__(self, engine: Engine = "piper", strict: bool = False):
        self.engine = engine  # "espeak" forces espeak-ng for every profile
        self.strict = strict  # raise when the neural voice fails, instead of falling back
        self.fallbacks: dict[str, str] = {}  # Piper voice -> why espeak-ng speaks instead
        self._lock = threading.Lock()

    def engine_for(self, profile: VoiceProfile) -> Engine:
        """The engine that will speak this profile now."""
        if self.engine == "espeak" or profile.engine == "espeak" or not piper_installed():
            return "espeak"
        return "espeak" if profile.piper.voice in self.fallbacks else "piper"

    def _fall_back(self, profile: VoiceProfile, problem: VoiceError) -> None:
        if self.strict:
            raise problem
        with self._lock:
            if profile.piper.voice not in self.fallbacks:
                self.fallbacks[profile.piper.voice] = str(problem)
                logger.warning("%s; speaking with espeak-ng instead", problem)

    def prepare(self, profile: VoiceProfile) -> Engine:
        """Load the profile's voice and run it once; return the engine that will speak."""
        if self.engine_for(profile) == "piper":
            try:
                piper_synthesizer().prepare(profile)
                return "piper"
            except VoiceError as problem:
                self._fall_back(profile, problem)
        espeak_synthesizer().synthesize("Ready.", profile)
        return "espeak"

    def synthesize(
        self, text: str, profile: VoiceProfile, slow: bool = False
    ) -> tuple[np.ndarray, int]:
        """Audio for `text` in the profile's engine; espeak-ng if the neural voice fails.
        Words that came back as no audio at all are made once more: a sentence must not be
        skipped in silence (seen twice in thousands of sentences on a loaded machine)."""
        audio, rate = self._synthesize_once(text, profile, slow)
        if audio.size == 0 and any(ch.isalnum() for ch in text):
            logger.warning("the voice made no audio for %r; making it again", text[:40])
            audio, rate = self._synthesize_once(text, profile, slow)
        return audio, rate

    def _synthesize_once(
        self, text: str, profile: VoiceProfile, slow: bool
    ) -> tuple[np.ndarray, int]:
        if self.engine_for(profile) == "piper":
            try:
                return piper_synthesizer().synthesize(text, profile, slow)
            except VoiceError as problem:
                self._fall_back(profile, problem)
        return espeak_synthesizer().synthesize(text, profile, slow)
