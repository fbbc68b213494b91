"""Playback handles, the Speaker over a WAV sink, and real playback into the null sink."""

import time

import numpy as np
import pytest
import soundfile as sf

from assistant.config import Settings
from assistant.errors import InputError, VoiceError
from assistant.voice import Playback, Speaker, WavSink


def tone(seconds, rate=22050):
    return (0.5 * np.sin(2 * np.pi * 440 * np.arange(int(seconds * rate)) / rate)).astype("f4")


def test_read_hands_over_audio_then_reports_the_last_block():
    playback = Playback(samplerate=1000)
    playback.feed(tone(0.3, 1000))
    playback.end_of_audio()
    blocks = []
    while True:
        block, last = playback.read(128)
        blocks.append(block)
        if last:
            break
    assert sum(np.count_nonzero(b) for b in blocks) > 250
    assert playback.started_at is not None and playback.frames_played == 300


def test_stop_reports_what_was_heard_and_silences_the_rest():
    playback = Playback(samplerate=1000)
    playback.feed(tone(2.0, 1000))
    playback.read(500)
    assert playback.stop() == pytest.approx(0.5)
    assert playback.read(128) is None
    assert playback.stopped


def test_pause_gives_silence_and_resume_carries_on():
    playback = Playback(samplerate=1000)
    playback.feed(np.ones(300, "f4"))
    playback.pause()
    block, last = playback.read(100)
    assert not block.any() and not last and playback.frames_played == 0
    playback.resume()
    block, _ = playback.read(100)
    assert block.all()


def test_underrun_while_synthesis_is_behind_is_silence_not_the_end():
    playback = Playback(samplerate=1000)
    playback.feed(np.ones(50, "f4"))
    block, last = playback.read(100)
    assert block[:50].all() and not block[50:].any() and not last


def test_done_callbacks_and_wait():
    playback = Playback()
    seen = []
    playback.add_done_callback(seen.append)
    assert not playback.wait(0.01)
    playback.finish()
    assert playback.wait(0) and playback.done and seen == [playback]


@pytest.fixture
def wav_speaker(tmp_path):
    path = tmp_path / "out.wav"
    # espeak-ng: the same text gives the same number of samples every time (Piper varies)
    speaker = Speaker(Settings(voice_engine="espeak"), sink=WavSink(path))
    yield speaker, path
    speaker.close()


def test_sentences_are_spoken_in_order_with_the_profile_pause(wav_speaker):
    speaker, path = wav_speaker
    first = speaker.say("Hello there.")
    second = speaker.say("Hello there. Hello there.")
    assert second.wait(20) and first.done
    one, two = len(first.audio()), len(second.audio())
    pause = speaker.profiles["warm"].sentence_pause * 22050
    # Piper draws its phoneme durations with a little noise, so one sentence's length varies by
    # a few tens of milliseconds; the 0.35 s pause is still unmistakable at this tolerance.
    assert two == pytest.approx(2 * one + pause, abs=0.1 * 22050)
    speaker.close()
    written, rate = sf.read(path)
    assert len(written) == pytest.approx(one + two, abs=10) and rate == 22050
    assert speaker.last_text == "Hello there. Hello there."


def test_styles_pick_profiles_and_bad_names_fail_before_speaking(wav_speaker):
    speaker, _ = wav_speaker
    assert speaker.profile_for("calm").name == "calm"
    assert speaker.profile_for(None).name == "warm"
    with pytest.raises(VoiceError, match="unknown voice 'loud'"):
        speaker.say("Hi.", voice="loud")
    with pytest.raises(InputError, match="unknown chime"):
        speaker.chime("gong")


def test_stop_on_the_speaker_drops_what_is_queued(wav_speaker):
    speaker, _ = wav_speaker
    queued = [speaker.say(f"Sentence number {n}.") for n in range(5)]
    speaker.stop()
    assert all(p.wait(10) for p in queued)
    assert any(p.stopped for p in queued)


def test_an_unknown_default_voice_fails_at_once():
    with pytest.raises(VoiceError, match="unknown voice 'robot'"):
        Speaker(Settings(voice="robot"), sink=WavSink("/tmp/unused.wav"))


# -- real audio through the PulseAudio null sink ----------------------------------------------

@pytest.fixture
def device_speaker(pulse_server):
    from assistant.voice.nullsink import reinitialise_portaudio

    reinitialise_portaudio()
    speaker = Speaker(Settings(), device="pulse")
    yield speaker
    speaker.close()


@pytest.mark.audio
def test_speech_played_on_the_device_is_heard_on_the_monitor(device_speaker):
    from assistant.voice.nullsink import MonitorRecorder

    with MonitorRecorder() as recorder:
        time.sleep(0.2)
        playback = device_speaker.say("Good evening. It is lovely to hear from you both.")
        assert playback.wait(20)
        time.sleep(0.3)
    heard = recorder.sound_times()
    assert heard is not None
    assert playback.started_at is not None and playback.seconds_heard > 2
    loud = np.flatnonzero(np.abs(playback.audio()) > 0.01)
    assert heard[1] - heard[0] == pytest.approx((loud[-1] - loud[0]) / 22050, abs=0.25)


@pytest.mark.audio
def test_stop_mid_sentence_leaves_silence_after_it(device_speaker):
    from assistant.voice.nullsink import MonitorRecorder

    with MonitorRecorder() as recorder:
        time.sleep(0.2)
        playback = device_speaker.say("This is a long sentence that keeps going for quite a "
                                      "while, so that there is plenty left to cut off.")
        while not device_speaker.speaking and not playback.done:
            time.sleep(0.01)
        time.sleep(0.8)
        stopped_at = time.monotonic()
        heard = playback.stop()
        assert playback.wait(2)
        assert not device_speaker.speaking
        time.sleep(1.0)
    audio = recorder.audio()
    _, last_sound = recorder.sound_times()
    assert 0.5 < heard < 1.5 < len(playback.audio()) / 22050
    assert last_sound < stopped_at + 0.25  # nothing more was played after stop()
    assert np.abs(audio[-8000:]).max() < 0.01  # the last half second is silent


class PreparingSynthesizer:
    """Notes the order of prepare() and synthesize() calls; speaks short silences."""

    def __init__(self):
        self.calls = []

    def prepare(self, profile):
        self.calls.append(("prepare", profile.name))
        return "piper"

    def synthesize(self, text, profile, slow=False):
        self.calls.append(("synthesize", text))
        return np.zeros(220, dtype=np.float32), 22050


def test_the_voices_are_warmed_before_the_first_reply(tmp_path):
    synth = PreparingSynthesizer()
    with Speaker(Settings(), synthesizer=synth, sink=WavSink(tmp_path / "x.wav")) as speaker:
        speaker.say("Hello.").wait(10)
    assert synth.calls[0] == ("prepare", "warm")  # the default voice first
    first_said = synth.calls.index(("synthesize", "Hello."))
    assert {name for kind, name in synth.calls[:first_said]} == {"warm", "calm", "bright"}
