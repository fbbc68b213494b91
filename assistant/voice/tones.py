"""Soft generated chimes, so an exercise can be followed with eyes closed.

    audio = chime("inhale", samplerate=22050)      # float32 mono, quiet, no clicks

inhale glides up, exhale glides down (and lasts longer), hold is one short level tone, timer
is a gentle two-note bell played twice, soft is a single quiet bell.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from assistant.errors import InputError

ChimeKind = Literal["inhale", "exhale", "hold", "timer", "soft"]
CHIME_KINDS: tuple[str, ...] = ("inhale", "exhale", "hold", "timer", "soft")
PEAK = 0.3  # chimes sit below speech level so they never startle


def _fade(length: int, attack: float, samplerate: int) -> np.ndarray:
    """A raised-cosine fade in over `attack` seconds and out over the rest: no clicks."""
    envelope = np.ones(length)
    rise = max(1, min(length // 2, int(attack * samplerate)))
    ramp = 0.5 - 0.5 * np.cos(np.linspace(0, np.pi, rise))
    envelope[:rise] = ramp
    fall = length - rise
    envelope[rise:] = 0.5 + 0.5 * np.cos(np.linspace(0, np.pi, fall))
    return envelope


def _glide(start_hz: float, end_hz: float, seconds: float, samplerate: int) -> np.ndarray:
    """A sine whose pitch moves smoothly from start_hz to end_hz, with a soft octave above."""
    n = int(seconds * samplerate)
    frequency = np.geomspace(start_hz, end_hz, n)
    phase = 2 * np.pi * np.cumsum(frequency) / samplerate
    tone = np.sin(phase) + 0.15 * np.sin(2 * phase)
    return tone * _fade(n, seconds * 0.35, samplerate)


def _bell(hz: float, seconds: float, samplerate: int) -> np.ndarray:
    """A struck-bell tone: a quick soft attack and a long exponential decay."""
    n = int(seconds * samplerate)
    t = np.arange(n) / samplerate
    tone = np.sin(2 * np.pi * hz * t) + 0.3 * np.sin(2 * np.pi * 2.76 * hz * t) * np.exp(-6 * t)
    decay = np.exp(-4.0 * t / seconds)
    attack = np.minimum(1.0, t / 0.015)
    tail = _fade(n, 0.0, samplerate)  # so the decay ends exactly at zero
    return tone * decay * attack * tail


def _silence(seconds: float, samplerate: int) -> np.ndarray:
    return np.zeros(int(seconds * samplerate))


def chime(kind: str, samplerate: int = 22050) -> np.ndarray:
    """The chime for `kind` (inhale, exhale, hold, timer, soft) as float32 mono."""
    if kind == "inhale":
        audio = _glide(392.0, 587.0, 1.0, samplerate)
    elif kind == "exhale":
        audio = _glide(587.0, 392.0, 1.3, samplerate)
    elif kind == "hold":
        audio = _glide(494.0, 494.0, 0.5, samplerate)
    elif kind == "timer":
        note = np.concatenate([_bell(659.0, 0.5, samplerate), _bell(523.0, 0.9, samplerate)])
        audio = np.concatenate([note, _silence(0.3, samplerate), note])
    elif kind == "soft":
        audio = _bell(523.0, 0.8, samplerate)
    else:
        raise InputError(f"unknown chime '{kind}'; use one of: {', '.join(CHIME_KINDS)}")
    peak = float(np.abs(audio).max()) or 1.0
    return (audio * (PEAK / peak)).astype(np.float32)
