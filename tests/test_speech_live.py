"""Live capture: speech played into a private PulseAudio null sink is heard on its monitor,
cut into utterances and recognised while it is spoken."""

import threading
import time

import numpy as np
import pytest

from assistant.audio import read_audio
from assistant.audio.microphone import UtteranceListener
from assistant.config import Settings
from assistant.errors import AudioError
from assistant.speech import make_recognizer
from assistant.speech.live import transcribe_live

pytestmark = pytest.mark.audio


def play(audio: np.ndarray) -> None:
    import sounddevice as sd

    with sd.OutputStream(samplerate=16000, channels=1, dtype="int16", device="pulse") as out:
        out.write(audio.reshape(-1, 1))


def test_spoken_request_is_heard_live_and_recognised(null_sink, speak):
    from assistant.understanding import understand
    from assistant.voice.nullsink import reinitialise_portaudio

    reinitialise_portaudio()
    recognizer = make_recognizer(Settings(), engine="pocketsphinx")
    audio = read_audio(speak("leave a note for my partner", rate=150))
    quiet = np.zeros(8000, np.int16)
    heard, partials = [], []
    with UtteranceListener(device="pulse", trailing_silence=0.5) as listener:
        def collect():
            for utterance in transcribe_live(listener, recognizer, "command", partials.append):
                heard.append(utterance)
                listener.stop()

        worker = threading.Thread(target=collect)
        worker.start()
        time.sleep(0.3)
        play(np.concatenate([quiet, audio, quiet, quiet]))
        worker.join(timeout=20)
        listener.stop()
    assert len(heard) == 1
    utterance = heard[0]
    assert understand(utterance.transcript.text).intent == "note.leave"
    assert partials, "no partial result while speaking"
    assert utterance.speech_start < utterance.speech_end <= utterance.final_at
    assert 1.0 < utterance.speech_end - utterance.speech_start < 3.0


def test_paused_listener_ignores_speech(null_sink, speak):
    from assistant.voice.nullsink import reinitialise_portaudio

    reinitialise_portaudio()
    audio = read_audio(speak("hello there"))
    got = []
    with UtteranceListener(device="pulse", trailing_silence=0.3) as listener:
        worker = threading.Thread(target=lambda: got.extend(listener))
        worker.start()
        listener.pause()
        play(np.concatenate([audio, np.zeros(8000, np.int16)]))
        time.sleep(0.3)
        listener.resume()
        play(np.concatenate([audio, np.zeros(12000, np.int16)]))
        time.sleep(0.6)
        listener.stop()
        worker.join(timeout=5)
    assert len(got) == 1


def test_unknown_microphone_is_one_clear_error(null_sink):
    from assistant.voice.nullsink import reinitialise_portaudio

    reinitialise_portaudio()
    with pytest.raises(AudioError, match="hearth devices"):
        UtteranceListener(device="no such microphone anywhere")
