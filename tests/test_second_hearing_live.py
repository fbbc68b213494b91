"""A spoken request is acted on as soon as the command grammar has heard it; Whisper's second
hearing finishes in the background, and a crisis it hears cuts into whatever Hearth is doing,
with nothing kept meanwhile. Fakes stand in for the devices (and, in the first tests, for the
two hearings); the runner, matcher and journal are the real ones."""

import threading
import time
from concurrent.futures import Future
from contextlib import contextmanager

import numpy as np
import pytest
from test_voice_channel import FakeSpeaker

from assistant.audio.endpoint import EndpointEvent
from assistant.config import Settings
from assistant.dialogue.runner import Runner, interrupts
from assistant.dialogue.safety import crisis_reply
from assistant.dialogue.voice_channel import VoiceChannel
from assistant.journal import Journal
from assistant.speech.transcript import Transcript
from assistant.understanding import load_matcher

HEARD_AGAIN_AFTER = 0.6  # seconds Whisper's fake hearing takes


class Listener:
    """Says each utterance once (a list of int16 chunks, or text for the fake recogniser)."""

    def __init__(self, utterances, delay=0.05):
        self.utterances, self.delay, self.stopped = list(utterances), delay, False

    def start(self):
        pass

    def set_trailing_silence(self, seconds):
        pass

    def stop(self):
        self.stopped = True

    def events(self):
        for utterance in self.utterances:
            delay, utterance = utterance if isinstance(utterance, tuple) else (self.delay,
                                                                                utterance)
            time.sleep(delay)
            chunks = utterance if isinstance(utterance, list) else [_as_audio(utterance)]
            yield EndpointEvent("start", chunks[0], time.monotonic())
            for chunk in chunks[1:]:
                yield EndpointEvent("audio", chunk, time.monotonic())
            yield EndpointEvent("end", np.zeros(0, np.int16), time.monotonic())
        while not self.stopped:
            time.sleep(0.01)


def _as_audio(text: str) -> np.ndarray:
    raw = text.encode()
    return np.frombuffer(raw.ljust(len(raw) + len(raw) % 2), dtype=np.int16)


class TwoHearings:
    """"grammar words|whisper words": the first at once, the second after a while."""

    def __init__(self, after=HEARD_AGAIN_AFTER):
        self.second_done: list[float] = []
        self.after = after

    def stream(self, mode):
        return TwoHearingsSession(self)


class TwoHearingsSession:
    def __init__(self, recognizer):
        self.recognizer, self.audio = recognizer, b""

    def feed(self, chunk):
        self.audio += chunk.tobytes()

    def finish_early(self):
        first, _, again = self.audio.decode().strip("\x00").partition("|")
        return Transcript(first), SlowHearing(self.recognizer, Transcript(again or first))


class SlowHearing:
    """A second hearing that takes HEARD_AGAIN_AFTER seconds once started."""

    def __init__(self, recognizer, heard):
        self._future: Future = Future()
        self._go = threading.Event()

        def hear_again():
            self._go.wait()
            time.sleep(recognizer.after)
            recognizer.second_done.append(time.monotonic())
            self._future.set_result(heard)

        threading.Thread(target=hear_again, daemon=True).start()

    def start(self):
        self._go.set()

    def result(self, timeout=None):
        return self._future.result(timeout)


@contextmanager
def voice_session(tmp_path, utterances, recognizer, speaker, delay=0.05):
    """A voice session running on its own thread: (channel, journal), closed on leaving."""
    matcher = load_matcher()
    channel = VoiceChannel(speaker, Listener(utterances, delay), recognizer,
                           lambda text: interrupts(matcher, text), notes_dir=tmp_path / "notes",
                           screen=open("/dev/null", "w"))
    journal = Journal.open(tmp_path / "journal")
    runner = Runner(channel, matcher, journal, Settings(partners=["Sam", "Alex"]), fast=True)
    threading.Thread(target=runner.session, daemon=True).start()
    try:
        yield channel, journal
    finally:
        channel.close()
        journal.close()


def wait_for(condition, seconds=20.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not condition():
        time.sleep(0.02)
    return condition()


CRISIS_REPLY = crisis_reply("self_harm", "US")[0]


def said_crisis_reply(speaker) -> bool:
    return any(line in CRISIS_REPLY or CRISIS_REPLY in line for line in speaker.said)


def test_a_request_is_answered_before_its_second_hearing_ends(tmp_path):
    recognizer, speaker = TwoHearings(), FakeSpeaker(seconds=0.05)
    with voice_session(tmp_path, ["ask us a deep question|ask us a deep question"],
                       recognizer, speaker) as (channel, journal):
        assert wait_for(lambda: channel.reply_latencies)
        replied_at = channel.reply_latencies[0]
        assert replied_at < HEARD_AGAIN_AFTER  # the reply did not wait for Whisper
        assert wait_for(lambda: recognizer.second_done)
        time.sleep(0.2)
        assert not said_crisis_reply(speaker)


def test_a_crisis_heard_the_second_time_cuts_into_the_reply(tmp_path):
    # The grammar snapped a crisis onto a harmless request; Whisper hears what was said.
    recognizer, speaker = TwoHearings(), FakeSpeaker(seconds=1.5)
    with voice_session(
        tmp_path, ["give us a date idea|i feel so hopeless i can't see a future"],
        recognizer, speaker, delay=2.0) as (channel, journal):  # said after the greeting
        assert wait_for(lambda: said_crisis_reply(speaker))
        assert speaker.said[0].startswith("Hi Sam and Alex")
        assert len(speaker.said) == 3  # the request's reply was begun, then cut
        assert speaker.said[1] != speaker.said[2]


def test_a_request_said_over_the_greeting_and_heard_again_as_a_crisis_is_not_run_after(tmp_path):
    # Said while Hearth greets: the grammar's request waits for the greeting to end, Whisper's
    # crisis cuts it short. The crisis reply is said, and the request it corrected is gone: it
    # is the same utterance, not a new request to act on after the resources.
    recognizer, speaker = TwoHearings(), FakeSpeaker(seconds=2.0)
    with voice_session(
        tmp_path, ["give us a date idea|i feel so hopeless i can't see a future"],
        recognizer, speaker) as (channel, journal):
        assert wait_for(lambda: said_crisis_reply(speaker))
        crisis_lines = len(crisis_reply("self_harm", "US"))
        wait_for(lambda: len(speaker.said) > 1 + crisis_lines + 1, 2 * (crisis_lines + 3))
        assert not any("together" in line.lower() for line in speaker.said), speaker.said
        assert journal.entry_count() == 0


def test_nothing_is_kept_before_the_second_hearing_settles(tmp_path):
    # Breathing (fast) reaches its Save long before Whisper's hearing ends: the Save waits,
    # and the crisis heard meanwhile leaves no journal entry behind.
    recognizer, speaker = TwoHearings(), FakeSpeaker(seconds=0.001)
    with voice_session(
        tmp_path, ["box breathing for one minute|i don't want to be alive anymore"],
        recognizer, speaker) as (channel, journal):
        assert wait_for(lambda: said_crisis_reply(speaker))
        assert journal.entry_count() == 0


def test_the_same_request_heard_twice_is_kept_as_usual(tmp_path):
    recognizer, speaker = TwoHearings(), FakeSpeaker(seconds=0.001)
    with voice_session(
        tmp_path, ["box breathing for one minute|box breathing for one minute"],
        recognizer, speaker) as (channel, journal):
        assert wait_for(lambda: journal.entry_count() == 1)
        assert not said_crisis_reply(speaker)


@pytest.mark.audio
def test_a_crisis_the_grammar_snaps_onto_a_request_still_reaches_the_crisis_reply(tmp_path):
    """Real grammar, real Whisper, the Piper voice: the grammar hears "i feel so panicky"."""
    from assistant.speech import make_recognizer
    from assistant.speech.synthetic import spoken

    recognizer = make_recognizer(Settings(), "pocketsphinx")
    if getattr(recognizer, "dictation_notice", ""):
        pytest.skip(recognizer.dictation_notice)
    voice = spoken("i feel so hopeless i can't see a future", "piper:en_US-joe-medium", 160)
    audio = np.concatenate([voice, np.zeros(4800, np.int16)])  # + the trailing silence
    chunks = [audio[i:i + 480] for i in range(0, len(audio), 480)]
    speaker = FakeSpeaker(seconds=2.0)
    with voice_session(tmp_path, [chunks], recognizer, speaker) as (channel, journal):
        assert wait_for(lambda: said_crisis_reply(speaker), 60)
        assert journal.entry_count() == 0


def test_stop_said_over_the_reply_does_not_wait_for_the_second_hearing(tmp_path):
    recognizer, speaker = TwoHearings(after=5.0), FakeSpeaker(seconds=3.0)
    with voice_session(
        tmp_path, [(3.2, "give us a date idea|give us a date idea"), (0.8, "stop")],
        recognizer, speaker) as (channel, journal):
        assert wait_for(lambda: len(speaker.said) >= 2)
        reply = speaker.current
        assert wait_for(lambda: reply.stopped_after is not None, 3.0)  # cut before 5 s
        assert not recognizer.second_done
