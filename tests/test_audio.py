"""Reading audio files of every common shape, and the clear errors for bad ones."""

import numpy as np
import pytest
import soundfile
import soxr

from assistant.audio import read_audio
from assistant.audio.endpoint import Endpointer, split_utterances, trim_silence
from assistant.errors import AudioError

RATE = 16000


def tone(seconds=0.5, rate=RATE, amplitude=0.3):
    t = np.arange(int(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * 440 * t)).astype(np.float32)


@pytest.mark.parametrize("rate,subtype,channels", [
    (8000, "PCM_16", 1), (22050, "PCM_U8", 1), (44100, "PCM_24", 2), (48000, "FLOAT", 2),
    (16000, "PCM_32", 4),
])
def test_any_wav_becomes_16k_mono_int16(tmp_path, rate, subtype, channels):
    path = tmp_path / "in.wav"
    soundfile.write(path, np.tile(tone(0.5, rate)[:, None], (1, channels)), rate, subtype=subtype)
    audio = read_audio(path)
    assert audio.dtype == np.int16
    assert audio.ndim == 1
    assert abs(len(audio) - RATE // 2) <= 20
    assert 0.2 < np.abs(audio).max() / 32767 < 0.35


@pytest.mark.parametrize("suffix", ["flac", "ogg"])
def test_flac_and_ogg_are_read(tmp_path, suffix):
    path = tmp_path / f"in.{suffix}"
    soundfile.write(path, tone(1.0, 44100), 44100)
    assert abs(len(read_audio(path)) - RATE) <= 20


def test_the_same_speech_reads_the_same_at_any_rate(speak, tmp_path):
    original = read_audio(speak("hello there"))
    data, rate = soundfile.read(speak("hello there"), dtype="float32")
    stereo48 = soxr.resample(np.stack([data, data], axis=1), rate, 48000)
    soundfile.write(tmp_path / "48k.wav", stereo48, 48000, subtype="FLOAT")
    again = read_audio(tmp_path / "48k.wav")
    n = min(len(original), len(again))
    assert abs(len(original) - len(again)) < 20
    assert np.corrcoef(original[:n].astype(float), again[:n].astype(float))[0, 1] > 0.98


@pytest.mark.parametrize("content,problem", [
    (b"this is text, not sound\n" * 20, "not a readable audio file"),
    (b"RIFF\x24\x00\x00\x00WAVEfmt ", "not a readable audio file"),
])
def test_files_that_are_not_audio_name_the_file(tmp_path, content, problem):
    path = tmp_path / "bad.wav"
    path.write_bytes(content)
    with pytest.raises(AudioError, match=problem) as info:
        read_audio(path)
    assert str(path) in str(info.value)


def test_missing_empty_and_silent_files_are_explained(tmp_path):
    with pytest.raises(AudioError, match="no such file"):
        read_audio(tmp_path / "nothing.wav")
    soundfile.write(tmp_path / "empty.wav", np.zeros(0, np.float32), RATE)
    with pytest.raises(AudioError, match="no audio"):
        read_audio(tmp_path / "empty.wav")
    soundfile.write(tmp_path / "silent.wav", np.zeros(RATE, np.float32), RATE)
    with pytest.raises(AudioError, match="silent"):
        read_audio(tmp_path / "silent.wav")
    assert len(read_audio(tmp_path / "silent.wav", allow_silence=True)) == RATE


def test_truncated_wav_keeps_what_is_there(speak, tmp_path):
    whole = speak("good evening").read_bytes()
    cut = tmp_path / "cut.wav"
    cut.write_bytes(whole[: len(whole) // 2])
    assert 0 < len(read_audio(cut)) < len(read_audio(speak("good evening")))


def test_clipped_audio_is_read_with_a_warning(tmp_path, caplog):
    soundfile.write(tmp_path / "loud.wav", np.clip(tone(0.5) * 10, -1, 1), RATE)
    audio = read_audio(tmp_path / "loud.wav")
    assert np.abs(audio).max() == 32767
    assert "clipped" in caplog.text


def test_endpointer_finds_each_utterance_and_its_end(speak):
    gap = np.zeros(RATE, np.int16)
    one, two = read_audio(speak("good morning")), read_audio(speak("see you tonight"))
    stream = np.concatenate([gap, one, gap, two, gap])
    pieces = split_utterances(stream, trailing_silence=0.5)
    assert len(pieces) == 2
    assert abs(len(pieces[0]) - len(one)) < 0.9 * RATE


def test_trailing_silence_sets_how_long_a_pause_ends_speech(speak):
    word = read_audio(speak("hello"))
    pause = np.zeros(int(0.4 * RATE), np.int16)
    stream = np.concatenate([np.zeros(RATE, np.int16), word, pause, word, np.zeros(RATE, np.int16)])
    assert len(split_utterances(stream, trailing_silence=0.25)) == 2
    assert len(split_utterances(stream, trailing_silence=0.8)) == 1


def test_endpointer_end_time_is_where_speech_stopped(speak):
    word = read_audio(speak("hello"))
    stream = np.concatenate([np.zeros(RATE, np.int16), word, np.zeros(RATE, np.int16)])
    events = Endpointer(trailing_silence=0.5).process(stream)
    start = next(e for e in events if e.kind == "start").time
    end = next(e for e in events if e.kind == "end").time
    assert 0.9 < start < 1.3
    assert abs(end - (1.0 + len(word) / RATE)) < 0.3


def test_trim_silence_keeps_the_speech_and_a_short_margin(speak):
    word = read_audio(speak("hello there"))
    quiet = np.zeros(RATE, np.int16)
    trimmed, (first, last) = trim_silence(np.concatenate([quiet, word, quiet]), margin=0.1)
    assert len(word) - 0.5 * RATE < len(trimmed) < len(word) + 0.3 * RATE
    assert np.abs(trimmed[: int(0.05 * RATE)]).max() < 100  # the margin is the quiet before
    assert first == int(0.1 * RATE) and last == len(trimmed) - int(0.1 * RATE)


def test_trim_silence_leaves_audio_without_voice_whole():
    quiet = np.zeros(RATE, np.int16)
    audio, span = trim_silence(quiet)
    assert len(audio) == RATE and span is None
