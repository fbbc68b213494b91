"""Chimes: soft, click-free, and inhale/exhale tell themselves apart by pitch direction."""

import numpy as np
import pytest

from assistant.errors import InputError
from assistant.voice import CHIME_KINDS, chime

RATE = 22050


def pitch(audio, rate=RATE):
    """The strongest frequency in a stretch of audio."""
    spectrum = np.abs(np.fft.rfft(audio * np.hanning(len(audio))))
    return np.fft.rfftfreq(len(audio), 1 / rate)[spectrum.argmax()]


def thirds(audio):
    n = len(audio) // 3
    return audio[:n], audio[-n:]


def test_inhale_rises_and_exhale_falls():
    start, end = thirds(chime("inhale"))
    assert pitch(end) > pitch(start) * 1.2
    start, end = thirds(chime("exhale"))
    assert pitch(end) < pitch(start) / 1.2


def test_exhale_lasts_longer_than_inhale_and_hold_is_level_and_short():
    assert len(chime("exhale")) > len(chime("inhale")) > len(chime("hold"))
    start, end = thirds(chime("hold"))
    assert pitch(start) == pytest.approx(pitch(end), rel=0.05)


@pytest.mark.parametrize("kind", CHIME_KINDS)
def test_every_chime_is_soft_and_click_free(kind):
    audio = chime(kind, samplerate=16000)
    assert audio.dtype == np.float32
    assert 0.1 < np.abs(audio).max() <= 0.3
    assert np.abs(audio[:3]).max() < 0.01 and np.abs(audio[-3:]).max() < 0.01
    assert np.abs(np.diff(audio)).max() < 0.1  # no jumps (clicks)


def test_kinds_differ_from_each_other():
    lengths = {kind: len(chime(kind)) for kind in CHIME_KINDS}
    assert len(set(lengths.values())) == len(CHIME_KINDS)
    assert lengths["timer"] > lengths["soft"]


def test_unknown_kind_is_a_clear_error():
    with pytest.raises(InputError, match="inhale, exhale, hold, timer, soft"):
        chime("gong")
