"""The voice channel's own logic with honest fakes for the devices: barge-in, the echo guard,
early answers kept for the next question, and devices lost mid-session."""

import time

import numpy as np
import pytest

from assistant.audio.endpoint import EndpointEvent
from assistant.dialogue.voice_channel import VoiceChannel
from assistant.errors import AudioError
from assistant.speech.transcript import Transcript

CONTROLS = {"stop", "pause", "repeat", "slower"}


class FakeListener:
    """Says each (delay, text) as an utterance; `fail` makes events() break like an unplug."""

    def __init__(self, script, fail=False):
        self.script, self.fail, self.stopped = list(script), fail, False

    def start(self):
        pass

    def set_trailing_silence(self, seconds):
        self.silence = seconds

    def stop(self):
        self.stopped = True

    def events(self):
        if self.fail:
            raise AudioError("the microphone 'fake' stopped (unplugged?)")
        for delay, text in self.script:
            time.sleep(delay)
            raw = text.encode()
            audio = np.frombuffer(raw.ljust(len(raw) + len(raw) % 2), dtype=np.int16)
            yield EndpointEvent("start", audio, time.monotonic())
            yield EndpointEvent("end", np.zeros(0, np.int16), time.monotonic())
        while not self.stopped:
            time.sleep(0.01)


class FakeRecognizer:
    def stream(self, mode):
        return FakeSession()


class FakeSession:
    def __init__(self):
        self.audio = b""

    def feed(self, chunk):
        self.audio += chunk.tobytes()
        return None

    def finish(self):
        return Transcript(self.audio.decode().strip().strip("\x00").strip())


class FakePlayback:
    def __init__(self, seconds, error=None):
        self.began, self.seconds, self.error = time.monotonic(), seconds, error
        self.started_at = self.began
        self.stopped_after = None

    def wait(self, timeout=None):
        if self.error:
            raise self.error
        if self.stopped_after is not None:
            return True
        time.sleep(timeout or 0)
        return time.monotonic() - self.began >= self.seconds

    def stop(self):
        self.stopped_after = time.monotonic() - self.began
        return self.stopped_after


class FakeSpeaker:
    def __init__(self, seconds=0.6, broken=False):
        self.seconds, self.broken, self.said, self.current = seconds, broken, [], None

    def say(self, text, style=None, slow=False):
        self.said.append(text)
        error = AudioError("the speaker went away") if self.broken else None
        self.current = FakePlayback(self.seconds, error)
        return self.current

    @property
    def speaking(self):
        return self.current is not None and not self.current.wait(0)

    def chime(self, kind):
        pass

    def close(self):
        pass


def channel(listener, speaker=None, **kwargs):
    return VoiceChannel(speaker or FakeSpeaker(), listener, FakeRecognizer(),
                        is_control=lambda text: text in CONTROLS, notes_dir=None,
                        screen=open("/dev/null", "w"), **kwargs)


def test_a_control_said_over_hearth_silences_it_at_once():
    voice = channel(FakeListener([(0.2, "stop")]), FakeSpeaker(seconds=5))
    started = time.monotonic()
    barged = voice.say("A long sentence about breathing slowly.")
    assert barged.text == "stop"
    assert time.monotonic() - started < 1.0
    assert voice.speaker.current.stopped_after is not None


def test_hearths_own_words_coming_back_are_not_taken_for_the_users():
    voice = channel(FakeListener([(0.2, "breathing slowly"), (0.8, "let us check in")]),
                    FakeSpeaker(seconds=0.5))
    voice.say("A long sentence about breathing slowly.")
    heard = voice.hear(timeout=3)
    assert heard.text == "let us check in"


def test_an_answer_said_over_hearth_waits_for_the_next_question():
    voice = channel(FakeListener([(0.1, "seven")]), FakeSpeaker(seconds=0.5))
    assert voice.say("How are you feeling, from one to ten?") is None
    assert voice.hear(timeout=2).text == "seven"


def test_the_microphone_is_reopened_after_it_goes_away():
    listeners = iter([FakeListener([(0.05, "hello again")])])
    voice = channel(FakeListener([], fail=True),
                    make_listener=lambda: next(listeners, FakeListener([])))
    heard = voice.hear(timeout=5)
    assert heard is not None and heard.text == "hello again"


def test_a_lost_speaker_is_replaced_and_the_session_goes_on():
    replacement = FakeSpeaker(seconds=0.05)
    voice = channel(FakeListener([]), FakeSpeaker(broken=True),
                    make_speaker=lambda: replacement)
    assert voice.say("First line.") is None  # failed quietly: the words are on screen
    voice.say("Second line.")
    assert replacement.said == ["Second line."]


@pytest.mark.parametrize("wake, said, expected", [
    ("hey hearth", "hey hearth let us check in", "let us check in"),
    ("hey hearth", "let us check in", None),
])
def test_wake_phrase_gates_new_requests(wake, said, expected):
    voice = channel(FakeListener([(0.05, said)]), wake_phrase=wake)
    heard = voice.hear(timeout=1, request=True)
    assert (heard.text if heard else None) == expected


def keeping_channel(script, notes, speaker=None):
    return VoiceChannel(speaker or FakeSpeaker(), FakeListener(script), FakeRecognizer(),
                        is_control=lambda text: text in CONTROLS, notes_dir=notes,
                        screen=open("/dev/null", "w"))


def test_a_note_answer_is_recorded_private_and_nothing_after_it(tmp_path):
    import stat

    voice = keeping_channel([(0.05, "thank you for the soup"), (0.3, "and one more thing")],
                            tmp_path / "notes")
    note = voice.hear(timeout=2, mode="dictation", keep_audio=True)
    assert note.audio_path is not None
    assert stat.S_IMODE(note.audio_path.stat().st_mode) == 0o600
    later = voice.hear(timeout=2)  # not a note: its recording is not kept
    assert later.text == "and one more thing" and later.audio_path is None
    assert list((tmp_path / "notes").iterdir()) == [note.audio_path]


def test_a_control_said_over_hearth_while_recording_keeps_no_audio(tmp_path):
    voice = keeping_channel([(0.2, "stop")], tmp_path / "notes", FakeSpeaker(seconds=5))
    voice._keep_audio = True  # as while a note is being taken
    barged = voice.say("Go ahead, say your note.")
    assert barged.text == "stop" and barged.audio_path is None
    assert list((tmp_path / "notes").iterdir()) == []
