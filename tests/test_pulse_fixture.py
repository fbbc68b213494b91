import time

import numpy as np
import pytest

pytestmark = pytest.mark.audio


def test_sound_played_into_the_null_sink_is_heard_on_its_monitor(pulse_server):
    import sounddevice as sd

    sd._terminate()  # PortAudio reads PULSE_SERVER when it starts
    sd._initialize()
    captured = []
    tone = (0.3 * np.sin(2 * np.pi * 440 * np.arange(8000) / 16000)).astype("float32")
    with sd.InputStream(samplerate=16000, channels=1, device="pulse",
                        callback=lambda data, *_: captured.append(data.copy())):
        time.sleep(0.2)
        with sd.OutputStream(samplerate=16000, channels=1, device="pulse") as out:
            out.write(tone.reshape(-1, 1))
        time.sleep(0.3)
    heard = np.concatenate(captured)[:, 0]
    assert np.abs(heard).max() > 0.1
