"""The Speaker: Hearth's voice. Text in, audio out on a device or into a WAV, interruptible.

    speaker = Speaker(settings)                     # device from settings.output_device
    playback = speaker.say("Let's begin. Breathe in.", style="calm")
    playback.stop()                                 # barge-in: silent at once, seconds heard
    speaker.chime("inhale").wait()

    Speaker(settings, sink=WavSink("out.wav"))      # write instead of playing
    Speaker(settings, synthesizer=..., sink=...)    # tests inject their own parts

Replies are written out for speech (`spoken_form`: numbers as words, names respelt), then
synthesized sentence by sentence on a worker thread (a long first sentence cut at a comma);
the first piece starts playing as soon as it is made. The voices are loaded and run once when
the Speaker starts, before the first reply. Playbacks play one after another, never over
each other.
`speaking` says whether audio is going out now; `last_text` / `last_audio` what was last said.
"""

from __future__ import annotations

import logging
import queue
import threading
from dataclasses import dataclass
from typing import Self

import numpy as np
import soxr

from assistant.config import Settings
from assistant.errors import HearthError, InputError, VoiceError
from assistant.voice.playback import AudioSink, DeviceSink, Playback
from assistant.voice.profiles import VoiceProfile, choose_profile, load_profiles
from assistant.voice.engines import VoiceSynthesizer
from assistant.voice.numbers_aloud import steady_profile, utterances
from assistant.voice.spoken import spoken_form
from assistant.voice.synth import Piece, Synthesizer, speech_pieces
from assistant.voice.tones import CHIME_KINDS, chime

logger = logging.getLogger(__name__)

COMMA_PAUSE = 0.12  # seconds between the two pieces of a sentence cut at a comma


@dataclass
class _Job:
    playback: Playback
    pieces: list[Piece] | None = None  # speech to synthesize, or
    audio: np.ndarray | None = None  # ready-made audio (a chime), or
    warm: list[VoiceProfile] | None = None  # voices to load and run once before speaking
    profile: VoiceProfile | None = None
    slow: bool = False


class Speaker:
    """Speaks replies and plays chimes, one at a time, on one sink."""

    def __init__(
        self,
        settings: Settings | None = None,
        device: str | int | None = None,
        *,
        synthesizer: Synthesizer | None = None,
        sink: AudioSink | None = None,
        profiles: dict[str, VoiceProfile] | None = None,
        strict: bool = False,
    ):
        """strict: a neural voice that cannot be used is an error (for commands), not a
        fallback to espeak-ng (for sessions)."""
        settings = settings or Settings()
        self.profiles = profiles if profiles is not None else load_profiles()
        self.default_voice = settings.voice
        choose_profile(self.profiles, self.default_voice)  # an unknown default fails here
        self._synth = synthesizer or VoiceSynthesizer(settings.voice_engine, strict=strict)
        self._spellings = settings.spoken_names
        self._sink = sink or DeviceSink(device if device is not None else settings.output_device)
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._pending: list[Playback] = []
        self._lock = threading.Lock()
        self._current: Playback | None = None
        self._last: Playback | None = None
        self._last_text = ""
        self._closed = False
        self._worker = threading.Thread(target=self._run, name="hearth-speaker", daemon=True)
        self._worker.start()
        if hasattr(self._synth, "prepare"):  # warm before the first reply, on the worker
            self._submit(_Job(Playback(), warm=self._distinct_voices()))

    def _distinct_voices(self) -> list[VoiceProfile]:
        """One profile per voice that may speak, the default one first."""
        first = choose_profile(self.profiles, self.default_voice)
        seen, chosen = set(), []
        for profile in [first, *self.profiles.values()]:
            key = (profile.engine, profile.piper.voice, profile.espeak.voice)
            if key not in seen:
                seen.add(key)
                chosen.append(profile)
        return chosen

    def prepare(self, voice: str | None = None, style: str | None = None) -> str:
        """Load the voice a say() would use now; return its engine. With strict=True, a
        missing or corrupt neural voice raises VoiceError here, before anything plays."""
        profile = self.profile_for(style, voice)
        prepare = getattr(self._synth, "prepare", None)
        return prepare(profile) if prepare else "custom"

    # -- what callers use -------------------------------------------------------------------

    def profile_for(self, style: str | None = None, voice: str | None = None) -> VoiceProfile:
        """The profile a say() would use: `voice` by name, else by style, else the default."""
        if voice is not None:
            if voice not in self.profiles:
                raise VoiceError(f"unknown voice '{voice}'; choose one of: "
                                 f"{', '.join(sorted(self.profiles))} (see `hearth voices`)")
            return self.profiles[voice]
        return choose_profile(self.profiles, self.default_voice, style)

    def say(self, text: str, style: str | None = None, *, voice: str | None = None,
            slow: bool = False) -> Playback:
        """Speak `text` after anything already queued; returns its Playback at once.

        style: "warm" / "calm" / "bright" picks that profile; voice: a profile by name;
        slow: use the profile's exercise rate.
        """
        profile = self.profile_for(style, voice)
        playback = Playback(text=text)
        pieces = speech_pieces(spoken_form(text, self._spellings, mark_numbers=True))
        self._submit(_Job(playback, pieces=pieces, profile=profile, slow=slow))
        return playback

    def chime(self, kind: str = "soft") -> Playback:
        """Play a soft tone (inhale, exhale, hold, timer, soft) after anything queued."""
        if kind not in CHIME_KINDS:
            raise InputError(f"unknown chime '{kind}'; use one of: {', '.join(CHIME_KINDS)}")
        rate = self._sink.samplerate_for(22050)
        playback = Playback(samplerate=rate)
        self._submit(_Job(playback, audio=chime(kind, rate)))
        return playback

    def play(self, audio: np.ndarray, samplerate: int) -> Playback:
        """Play recorded audio (a kept voice note) after anything queued."""
        rate = self._sink.samplerate_for(samplerate)
        audio = np.asarray(audio)
        if audio.dtype.kind == "i":
            audio = audio / 32768.0  # int16 samples to [-1, 1]
        if rate != samplerate:
            audio = soxr.resample(audio, samplerate, rate)
        playback = Playback(samplerate=rate)
        self._submit(_Job(playback, audio=audio.astype(np.float32)))
        return playback

    def stop(self) -> float:
        """Stop what is playing and drop what is queued; return seconds heard of the current."""
        with self._lock:
            pending, self._pending = self._pending, []
            current = self._current
        for playback in pending:
            playback.stop()
        return current.stop() if current is not None else 0.0

    @property
    def speaking(self) -> bool:
        """Audio is going out right now (not paused, not finished)."""
        current = self._current
        return current is not None and current.playing

    @property
    def last_text(self) -> str:
        """The text of the most recent say() that started playing ("" for none)."""
        return self._last_text

    @property
    def last_audio(self) -> np.ndarray:
        """The audio of the most recent say() or chime that started playing."""
        return self._last.audio() if self._last is not None else np.zeros(0, np.float32)

    def close(self) -> None:
        """Stop everything and release the device or file."""
        if self._closed:
            return
        self._closed = True
        self.stop()
        self._jobs.put(None)
        self._worker.join(timeout=5)
        self._sink.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the worker -------------------------------------------------------------------------

    def _submit(self, job: _Job) -> None:
        if self._closed:
            raise VoiceError("this Speaker has been closed; make a new one")
        with self._lock:
            self._pending.append(job.playback)
        self._jobs.put(job)

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            with self._lock:
                if job.playback in self._pending:
                    self._pending.remove(job.playback)
                self._current = job.playback
            try:
                self._perform(job)
            except HearthError as exc:
                job.playback.fail(exc)
            except Exception as exc:  # keep the voice alive; the caller sees it on wait()
                logger.exception("speaking failed")
                job.playback.fail(VoiceError(f"speaking failed unexpectedly: {exc}"))
            job.playback.wait_quietly()  # one playback at a time: never talk over ourselves
            with self._lock:
                self._current = None

    def _perform(self, job: _Job) -> None:
        playback = job.playback
        if playback.stopped:  # stopped while still queued
            playback.finish()
            return
        if job.warm is not None:
            for profile in job.warm:
                self._synth.prepare(profile)
            playback.finish()
            return
        if job.audio is not None:
            playback.feed(job.audio)
            playback.end_of_audio()
            self._start(playback)
            return
        started = False
        for index, piece in enumerate(job.pieces or []):
            if playback.stopped:
                break
            audio, rate = self._piece_audio(piece.text, job.profile, job.slow)
            if not started:
                playback.samplerate = self._sink.samplerate_for(rate)
            if rate != playback.samplerate:
                audio = soxr.resample(audio, rate, playback.samplerate).astype(np.float32)
            pause = COMMA_PAUSE if piece.continues else job.profile.sentence_pause
            if index > 0 and pause > 0:
                playback.feed(np.zeros(int(pause * playback.samplerate), dtype=np.float32))
            playback.feed(audio)
            if not started:
                self._start(playback)
                started = True
        playback.end_of_audio()
        if not started:
            playback.finish()  # nothing to say (empty text)

    def _piece_audio(self, text: str, profile: VoiceProfile, slow: bool
                     ) -> tuple[np.ndarray, int]:
        """One piece's audio: its words in one go, a phone number in it said apart and
        slowly (numbers_aloud.py)."""
        engine_for = getattr(self._synth, "engine_for", None)
        said = utterances(text, engine_for(profile) if engine_for else "custom")
        if len(said) == 1 and not said[0].careful:
            steady = steady_profile(profile) if said[0].steady else profile
            return self._synth.synthesize(said[0].text, steady, slow)
        chunks, rate = [], 22050
        for index, utterance in enumerate(said):
            audio, got = self._synth.synthesize(utterance.text, profile,
                                                slow or utterance.careful)
            if index == 0:
                rate = got
            elif got != rate:  # the engine fell back to espeak-ng half-way
                audio = soxr.resample(audio, got, rate).astype(np.float32)
            chunks += [np.zeros(int(utterance.pause_before * rate), np.float32), audio]
        return np.concatenate(chunks) if chunks else np.zeros(0, np.float32), rate

    def _start(self, playback: Playback) -> None:
        self._last = playback
        if playback.text:
            self._last_text = playback.text
        self._sink.play(playback)
