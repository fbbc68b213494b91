"""The dialogue by voice: the microphone in, the speaker out, with barge-in and an echo guard.

A thread turns the microphone's utterances into text as they end (partial words are shown on
screen while someone speaks). Hearth's own voice coming back through the microphone is not
taken for the user's: an utterance heard while Hearth speaks whose words match what Hearth is
saying is dropped. A control word ("stop", "pause", ...) heard while Hearth speaks silences it at
once and is handed to the runner; any other speech waits for the next question.

A request is handed over as soon as the command grammar has heard it; Whisper's second hearing
of it (pocketsphinx_engine.py) goes on in the background. When that hearing differs and is a
crisis or a control, it is handed over too, marked `corrects`, and cuts into whatever Hearth is
saying like a control said over it; other differences are only logged (the grammar's reading
has already been acted on). `settle()` waits for that hearing, for the runner to ask before it
keeps anything.

Devices come and go: if the microphone or speaker fails mid-session (unplugged), Hearth says so
on screen and keeps trying to open it again every few seconds; the session and the exercise in
progress carry on when it is back.
"""

import logging
import queue
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from rapidfuzz import fuzz

from assistant.audio.files import SAMPLE_RATE, read_audio
from assistant.dialogue.channel import EndOfInput, Heard
from assistant.errors import HearthError
from assistant.journal.recordings import discard_recording, keep_recording
from assistant.safe_text import shown
from assistant.speech.transcript import Recognizer
from assistant.voice.spoken import spoken_form

log = logging.getLogger(__name__)

ECHO_SIMILARITY = 80  # a transcript this close to Hearth's own words is Hearth's echo
ECHO_TAIL = 1.0  # seconds after playback ends that the room may still echo it
REOPEN_EVERY = 2.0  # seconds between tries to reopen a lost device


class VoiceChannel:
    """Speaks through a Speaker, hears through an UtteranceListener and a Recognizer.

    `speaker` and `listener` (started) are the devices at the start; `make_speaker` and
    `make_listener` rebuild them after a failure.
    """

    def __init__(self, speaker, listener, recognizer: Recognizer, is_control: Callable[[str], bool],
                 notes_dir: Path, wake_phrase: str | None = None, screen: TextIO = sys.stdout,
                 silences: tuple[float, float] = (0.3, 1.0), make_speaker=None,
                 make_listener=None):
        self._make_speaker = make_speaker or (lambda: type(speaker)())
        self._make_listener = make_listener or (lambda: type(listener)())
        self.speaker, self.listener, self.recognizer = speaker, listener, recognizer
        self._closed = threading.Event()
        self._is_control = is_control
        self._notes_dir = notes_dir
        self._wake = wake_phrase.lower().strip() if wake_phrase else None
        self._screen = screen
        self._heard: queue.Queue[Heard | None] = queue.Queue()
        self._mode = "command"
        self._silences = {"command": silences[0], "dictation": silences[1]}
        self._slow = False  # after "slower", Hearth speaks at its profiles' exercise rate
        self._keep_audio = False
        self._spoken_text = ""  # what Hearth is saying or just said, for the echo guard
        self._quiet_since = 0.0  # monotonic time Hearth last finished speaking
        self.reply_latencies: list[float] = []  # end of user speech -> first reply audio
        self.dictation_reply_latencies: list[float] = []  # the same after a free-speech answer
        self.waiting = False  # the dialogue is waiting for someone to speak (benchmarks)
        self._awaiting_reply_since: float | None = None
        self._awaiting_mode = "command"  # how the utterance being replied to was heard
        self.heard_again_latencies: list[float] = []  # end of user speech -> second hearing
        self._second_hearing: threading.Thread | None = None  # of the last utterance heard
        self._held = None  # that hearing, until Hearth's reply has begun (then it may start)
        self._corrections: list[Heard] = []  # handed over by it, not yet taken
        self._corrections_lock = threading.Lock()
        self._thread = threading.Thread(target=self._transcribe_forever, daemon=True,
                                        name="hearth-ears")
        self._thread.start()

    # --- hearing ------------------------------------------------------------------------------

    def _transcribe_forever(self) -> None:
        listener = self.listener
        while not self._closed.is_set():
            try:
                if listener is None:
                    listener = self.listener = self._make_listener()
                    listener.start()
                listener.set_trailing_silence(self._silences[self._mode])
                self._transcribe(listener)
            except HearthError as exc:
                self._show(f"\nhearth: {exc}; trying again in a moment\n")
                listener = self._forget_listener()
                self._closed.wait(REOPEN_EVERY)
                continue
            listener = self._forget_listener()
            if self._closed.is_set():
                break
            self._show("\nhearth: the microphone went away; waiting for it to come back\n")
            self._closed.wait(REOPEN_EVERY)
        self._heard.put(None)  # closed: nothing more will be heard

    def _forget_listener(self) -> None:
        """Stop the current listener (if any); returns None, the listener to use next."""
        listener, self.listener = self.listener, None
        if listener is not None:
            listener.stop()
        return None

    def _transcribe(self, listener) -> None:
        session, pieces, began_while_speaking = None, [], False
        try:
            for event in listener.events():
                if event.kind == "start":
                    session = self.recognizer.stream(self._mode)
                    pieces, began_while_speaking = [], self._speaking()
                if session is None:
                    continue
                if event.kind in ("start", "audio"):
                    pieces.append(event.audio)
                    partial = session.feed(event.audio)
                    if partial:
                        self._show(f"\r  \u2026 {partial}   ")
                    continue
                first, later = _finish_early(session)
                session = None
                text = first.text.strip()
                echo_possible = began_while_speaking or self._speaking()
                if self._second_hearing is not None and not self._is_control(text):
                    # Its correction comes before the next words; a control ("stop") said
                    # over the reply need not wait for it.
                    self._second_hearing.join()
                heard = Heard(text, None, ended_at=event.time)
                if text and not (echo_possible and self._echo(text)):
                    self._show(f"\r  you: {text}\n")
                    audio_path = self._keep(pieces) if self._keep_audio else None
                    heard = Heard(text, audio_path, ended_at=event.time)
                    self._heard.put(heard)
                if later is not None:
                    self._hear_again(later, heard, echo_possible)
        except HearthError:
            raise
        except Exception as exc:  # noqa: BLE001 - PortAudio fails in many ways when unplugged
            log.warning("listening stopped: %s", exc)

    def _hear_again(self, later, first: Heard, echo_possible: bool) -> None:
        """Wait in the background for the second hearing of `first`; hand over a crisis or a
        control it hears instead."""
        def wait() -> None:
            try:
                text = later.result().text.strip()
            except Exception as exc:  # noqa: BLE001 - the grammar's words stand
                log.warning("the second hearing failed: %s", exc)
                return
            if first.ended_at is not None:
                self.heard_again_latencies.append(time.monotonic() - first.ended_at)
            if not text or text == first.text or echo_possible and self._echo(text):
                return
            if not self._is_control(text):
                log.info("heard again as %r (acted on %r)", text, first.text)
                return
            discard_recording(first.audio_path)  # a crisis leaves nothing behind
            correction = Heard(text, None, first.ended_at, corrects=True)
            with self._corrections_lock:
                self._corrections.append(correction)
            self._show(f"\r  you (heard again): {text}\n")
            self._heard.put(correction)

        hearing = threading.Thread(target=wait, daemon=True, name="hearth-heard-again")
        hearing.start()
        self._second_hearing = hearing  # started first: settle() may join it at any moment
        self._held = later

    def _let_second_hearing_start(self) -> None:
        """Whisper waits while the reply's first words are made: they share the CPU."""
        held, self._held = self._held, None
        if held is not None:
            held.start()

    def _taken(self, heard: Heard | None) -> bool:
        """Take an utterance from the queue: False for a correction settle() handed over."""
        if heard is None or not heard.corrects:
            return True
        with self._corrections_lock:
            for index, waiting in enumerate(self._corrections):
                if waiting is heard:
                    del self._corrections[index]
                    return True
        return False

    def settle(self) -> Heard | None:
        """Wait for the second hearing of the last utterance; its correction, if not taken."""
        self._let_second_hearing_start()
        hearing = self._second_hearing
        if hearing is not None:
            hearing.join()
        with self._corrections_lock:
            waiting, self._corrections = self._corrections, []
        return waiting[0] if waiting else None

    def _speaking(self) -> bool:
        return (self.speaker is not None and self.speaker.speaking) or time.monotonic() - self._quiet_since < ECHO_TAIL

    def _echo(self, text: str) -> bool:
        # One word is most likely a person cutting in ("stop"), even if Hearth said it too;
        # a run of Hearth's own words is its voice coming back.
        return (len(text.split()) > 1 and bool(self._spoken_text)
                and fuzz.partial_ratio(text, self._spoken_text.lower()) >= ECHO_SIMILARITY)

    def _keep(self, pieces) -> Path:
        import numpy as np

        return keep_recording(self._notes_dir, np.concatenate(pieces), SAMPLE_RATE,
                              f"note-{time.strftime('%Y%m%d-%H%M%S')}")

    def _show(self, text: str) -> None:
        self._screen.write(text)
        self._screen.flush()

    @staticmethod
    def _without_audio(heard: Heard) -> Heard:
        discard_recording(heard.audio_path)
        return Heard(heard.text, None, heard.ended_at)

    def _woken(self, heard: Heard) -> Heard | None:
        """With a wake phrase, a request counts only when it starts with it."""
        if not self._wake:
            return heard
        if not heard.text.lower().startswith(self._wake):
            return None
        rest = heard.text[len(self._wake):].strip()
        return Heard(rest or self._wake, heard.audio_path, heard.ended_at)

    def hear(self, timeout: float | None, wanted: Callable[[str], bool] | None = None,
             mode: str = "command", keep_audio: bool = False,
             request: bool = False) -> Heard | None:
        if mode != self._mode and self.listener is not None:
            self.listener.set_trailing_silence(self._silences[mode])
        self._mode, self._keep_audio = mode, keep_audio
        self._let_second_hearing_start()  # no reply is being made: nothing to wait for
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            self.waiting = True
            try:
                heard = self._heard.get(timeout=remaining)
            except queue.Empty:
                return None
            finally:
                self.waiting = False
            if not self._taken(heard):
                continue
            if heard is None:
                self._heard.put(None)
                raise EndOfInput
            if wanted is not None and not wanted(heard.text):
                discard_recording(heard.audio_path)
                continue  # while keeping time, only controls count
            if request:
                woken = self._woken(heard)
                if woken is None:
                    discard_recording(heard.audio_path)
                    continue
                heard = woken
            if heard.audio_path is not None and not keep_audio:
                heard = self._without_audio(heard)  # kept for an earlier question: not this one
            self._keep_audio = False  # only the answer to this question is recorded
            self._awaiting_reply_since, self._awaiting_mode = heard.ended_at, mode
            return heard

    # --- speaking -----------------------------------------------------------------------------

    def say(self, text: str, style: str | None = None, partner: str | None = None) -> Heard | None:
        """Speak; returns a control word said over Hearth (which silenced it), else None."""
        self._show(f"Hearth: {shown(text)}\n")  # names and words said back, never raw
        self._spoken_text = spoken_form(text)  # the words heard back: "nine eight eight"
        return self._play(lambda speaker: speaker.say(text, style=style, slow=self._slow))

    def _play(self, start) -> Heard | None:
        """Play what `start(speaker)` queues, listening for barge-in; survive a lost speaker."""
        try:
            if self.speaker is None:
                self.speaker = self._make_speaker()
            return self._play_on(start(self.speaker))
        except HearthError as exc:  # the speaker failed: the words are on screen already
            self._show(f"hearth: {exc}; I'll keep trying the speaker\n")
            self._drop_speaker()
            return None

    def _drop_speaker(self) -> None:
        speaker, self.speaker = self.speaker, None
        if speaker is not None:
            try:
                speaker.close()
            except HearthError:
                pass

    def _play_on(self, playback) -> Heard | None:
        early: list[Heard | None] = []  # answers said before Hearth finished: kept for later
        barged_in, corrected = None, None
        while not playback.wait(timeout=0.02):
            self._note_reply_started(playback)
            try:
                heard = self._heard.get_nowait()
            except queue.Empty:
                continue
            if not self._taken(heard):
                continue
            if heard is not None and self._is_control(heard.text):
                playback.stop()
                corrected = heard.ended_at if heard.corrects else None
                barged_in = self._without_audio(heard)  # a control is never a note
                break
            early.append(heard)
        self._note_reply_started(playback)
        self._quiet_since = time.monotonic()
        for heard in early:
            if heard is not None and corrected is not None and heard.ended_at == corrected:
                # The first hearing of the utterance its second hearing has just corrected (a
                # request heard as a crisis): the same words, not a new request for later.
                discard_recording(heard.audio_path)
                continue
            self._heard.put(heard)
        return barged_in

    def _note_reply_started(self, playback) -> None:
        started = getattr(playback, "started_at", None)
        if started:
            self._let_second_hearing_start()
        if self._awaiting_reply_since is not None and started:
            timed = (self.dictation_reply_latencies if self._awaiting_mode == "dictation"
                     else self.reply_latencies)
            timed.append(started - self._awaiting_reply_since)
            self._awaiting_reply_since = None

    def chime(self, kind: str) -> None:
        self._show(f"Hearth: [{kind} chime]\n")
        try:
            if self.speaker is None:
                self.speaker = self._make_speaker()
            self.speaker.chime(kind)  # not waited for: cues keep their own schedule
        except HearthError as exc:
            self._show(f"hearth: {exc}\n")
            self._drop_speaker()

    def play(self, path: Path, text: str) -> Heard | None:
        self._show(f"Hearth: [recording] {shown(text)}\n")
        self._spoken_text = text
        audio = read_audio(path)
        return self._play(lambda speaker: speaker.play(audio, SAMPLE_RATE))

    def slow_down(self) -> None:
        """Hearth's own speech gets slower too (the profiles' exercise rate)."""
        self._slow = True

    def close(self) -> None:
        self._closed.set()
        if self.listener is not None:
            self.listener.stop()
        self._drop_speaker()
        while True:  # recordings nobody will ask for any more are not kept
            try:
                heard = self._heard.get_nowait()
            except queue.Empty:
                break
            if heard is not None:
                discard_recording(heard.audio_path)


def _finish_early(session):
    """The transcript to act on now, and the Future of a second hearing still running."""
    finish_early = getattr(session, "finish_early", None)  # PocketSphinx with Whisper
    return finish_early() if finish_early is not None else (session.finish(), None)
