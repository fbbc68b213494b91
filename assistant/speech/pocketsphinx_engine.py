"""PocketSphinx: the default engine. Its US English model ships in the wheel, so no download.

Two decoders share nothing but the acoustic model files: "command" searches a finite-state
grammar of the intent catalogue (see command_grammar.py), tuned for speed; "dictation" uses the
general English model, loaded the first time it is needed.
"""

import functools
import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from importlib.metadata import version
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz

from assistant.audio.endpoint import trim_silence, voiced_span
from assistant.errors import ModelError
from assistant.speech.command_grammar import JOIN, Transition, catalogue_fsg
from assistant.speech.early import EarlyHearing
from assistant.speech.transcript import Mode, Transcript

logger = logging.getLogger(__name__)

NAME = "pocketsphinx"
# Command mode: the grammar search keeps its own best path (the lattice pass can return word
# strings the grammar does not hold) and scores Gaussians on every other frame, which halves
# their cost. Its beams are wider than PocketSphinx's defaults: with a grammar this size the
# default beams prune the right sentence early and the search settles on a short one ("play a
# song" heard as "sorry"). The grammar's own weights count for less than the sounds (lw 3, not
# 6.5), for the same reason. Silence around the speech is trimmed before decoding: the search
# costs most per second there, with every first word of the grammar in play.
# Frames are scored every 10 ms (ds 1) from the 8 best Gaussians (topn 8): scoring every other
# frame from 4 halved the cost but lost a third of the requests in kitchen noise at 12 dB on
# real voices (real-speech benchmark, tuning clips); this still runs at a real-time factor
# near 0.02.
SECOND_OPINION_MIN_SAMPLES = 8000  # half a second: shorter sounds are not worth a second decode
EARLY_HEARING_AFTER = 0.12  # seconds of pause before Whisper starts on a request (early.py)
# ... unless the grammar's words are acted on first: then Whisper waits until Hearth's reply
# has begun to play, or this many seconds (live voice loop: Piper's first sentence took
# 0.4-1.2 s instead of 0.25 s while Whisper ran beside it on a loaded 2-core machine).
HOLD_LIMIT = 0.6
# When the grammar does not fit: the search still returns its nearest sentence, but lets the
# silence model swallow the words it cannot match (0.8 s of "silence" between words where the
# voice detector hears voice, 1.5 s at the edges; nobody pauses that long inside a request,
# and under steady noise the detector hears "voice" around the words too). Real people pause
# and hesitate, so this fires on ordinary requests as well: the grammar's sentence then still
# stands, and the free-speech words replace it only when they say something the grammar
# cannot: a crisis (see second_opinion).
# Whisper's words and the grammar's sentence agree closely on requests the grammar holds
# (real voices: rapidfuzz ratio 87-100 on coffee orders); under 60 the grammar snapped talk it
# does not hold onto a sentence ("can we do a quick check in" heard "leave a quick note to him").
SNAPPED_BELOW = 60
# ... and Whisper must be surer for that than for the rules about crises: under noise its
# garbled words ("it's hard to feel free to mess our sides" for "start a breathing exercise")
# come with a mean token probability of 0.5-0.65 and read as `none`. Festival kal_diphone and
# ked_diphone, clean and pink 9 dB (dev.tsv, requests_heldout.tsv): mean 92.1% at 0.5, 93.8%
# at 0.65 and above.
SNAPPED_SURE = 0.65
# Whisper's mean token probability: at or above this its words were right on the requests it
# disagreed with the grammar about (tuning voices espeak-ng en-us, en-us+f2: right ones 0.55 and
# up, invented ones 0.43 and below).
WHISPER_SURE = 0.5
# When the grammar's sentence and Whisper's words mean different requests, the matcher's
# confidence in Whisper's words decides, however unsure Whisper is of them: under noise the
# grammar snaps the voice onto any sentence ("let's share what we appreciate" heard "what's
# twelve divided by forty seven") while Whisper's garbled words still read as the request;
# garbled words rarely read as any request this surely. Chosen on Festival kal_diphone (dev.tsv
# and requests_heldout.tsv) and ked_diphone (requests_heldout.tsv), clean and pink 9 dB: 0.7
# best (mean 90.9% -> 92.1%); 0.6-0.65 let garbled words win on dev.tsv, 0.75 and up gain
# less. Below MEANS_FLOOR Whisper is guessing.
MEANS_OTHER_REQUEST = 0.7
MEANS_FLOOR = 0.3
# The crisis guard and the two hearings (spoken-safety tuning: tests/data/crisis_tune.tsv said by
# espeak-ng en-gb-scotland+m4 and en-029+f3, Festival ked_diphone and Piper en_US-joe-medium).
# When the grammar snapped (its sentence under SNAPPED_BELOW from Whisper's words, Whisper at
# least MEANS_FLOOR sure), its sentence is no hearing of the words: the guard's reading of
# Whisper's words counts when Whisper is nearly sure (SNAPPED_READING; a crisis line snapped
# onto a harmless request; below it garbled words of a request read as heavy, "good luck
# someday it's time to hear", 0.4, for "give us a date idea"), and a crisis sentence of the
# grammar does not stand against Whisper's words, nearly sure, that raise none (figurative talk
# snapped onto a crisis sentence; below it Whisper may have garbled a crisis).
SNAPPED_READING = 0.45
# A sure Whisper's veto of the grammar's crisis sentence needs its words this far from it:
# (unless Whisper is very sure: "i'm scared of the dark", 0.91, against the grammar's "i'm scared
# of my partner"; the words it kept the crisis for came with 0.68-0.80).
CLOSE_TO_CRISIS = 70
VERY_SURE = 0.85
# Whisper's other hearings (_other_hearings), asked when it was less sure than this: the next
# ALTERNATIVES best hearings by beam search, and one raising the alarm counts when its mean token
# probability is ALTERNATIVE_SURE or more. Spoken-safety tuning (crisis_tune.tsv, the four
# tuning voices, hearings replayed): crisis caught 156 -> 167 of 196, figurative alarms 9 -> 9
# of 68 (the top 5 down to 0.4: 174 and 14 of 68).
# Nor when Whisper's words and the grammar's sentence agree (rapidfuzz ratio HEARINGS_AGREE or
# more) on harmless words: no crisis line of the tuning set was lost that way, and requests are
# spared the search (dev.tsv by three tuning voices: searched 172 -> 77 of 213 times).
ALTERNATIVES_BELOW = 0.8
ALTERNATIVES = 2
ALTERNATIVE_SURE = 0.6
HEARINGS_AGREE = 70
# With a user's own grammar, Whisper's words are read onto the grammar's nearest sentence
# (nearest_sentence.py) when they are this close to it, per word heard (0: they are a sentence
# of it): in noise they are nearly one ("can i have a triple shot moko with a bit of milk") far
# more often than exactly one. Real-speech benchmark, the 80 tuned clips, clean / kitchen 12 dB /
# 6 dB: words exactly a sentence only 96.2 / 92.5 / 70.0%; 0.05: 100 / 93.8 / 75.0%; 0.1: 100 /
# 98.8 / 81.2%; 0.15: 98.8 / 95.0 / 82.5%; 0.2: 98.8 / 95.0 / 80.0% (held out, 238 clips: 97.9 /
# 93.3 / 78.2% -> 98.3 / 92.4 / 83.2%).
NEAR_SENTENCE = 0.1
# With Hearth's own catalogue, when the grammar snapped (its sentence far from Whisper's words)
# and the rules above kept a harmless reading, Whisper's words are read onto the grammar's
# nearest sentence when that costs this much or less per word, and the sentence is taken when
# the matcher reads it as another request. Under noise Whisper is a word or a sound off a
# request ("show our street", "it rains everything you know about us") that the matcher reads as
# `none`, while the grammar snapped the voice onto "spell empathy". A longer way than
# NEAR_SENTENCE: the catalogue says each request many ways, so a near sentence is seldom a
# sentence of another request. Chosen on Festival kal_diphone and ked_diphone at pink 9 dB
# (requests_heldout.tsv, hearings replayed): 0.35-0.45 fix one request and break none, 0.5
# breaks two of kal_diphone's; 0.4, the middle, kept.
NEAR_REQUEST = 0.4
MAX_PAUSE_FRAMES = 80  # 10 ms frames between two words
MAX_EDGE_FRAMES = 150  # ... before the first word or after the last, within the voice
COMMAND_OPTIONS: dict = {"bestpath": False, "fwdflat": False, "ds": 1, "topn": 8, "lw": 3.0,
                         "beam": 1e-56, "wbeam": 1e-35, "pbeam": 1e-56}
DICTATION_OPTIONS: dict = {"fwdflat": False}  # the second flat pass costs ~40% for no gain here


def _decoder(**options):
    from pocketsphinx import Decoder

    try:
        return Decoder(loglevel="FATAL", **options)
    except (RuntimeError, ValueError) as exc:
        raise ModelError(
            f"the PocketSphinx English model could not be loaded ({exc}); "
            "reinstall it with `pip install --force-reinstall pocketsphinx`"
        ) from exc


def _grammar_cache(intents: Path) -> Path:
    from assistant.understanding.catalogue import cache_dir

    digest = hashlib.sha256(version("pocketsphinx").encode())
    for path in [Path(__file__).with_name("command_grammar.py"), *sorted(intents.glob("*.yaml"))]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return cache_dir() / f"command-grammar-{digest.hexdigest()[:24]}.json"


def command_transitions(decoder, intents: Path | None = None) -> tuple[list[Transition], int, int]:
    """The command grammar for this decoder's dictionary, from the cache when the intent
    files and the grammar code are unchanged."""
    from assistant.paths import intents_dir

    intents = Path(intents or intents_dir())
    cached = _grammar_cache(intents)
    try:
        data = json.loads(cached.read_text(encoding="utf-8"))
        return [tuple(t) for t in data["transitions"]], data["start"], data["final"]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # not built yet
    transitions, start, final = catalogue_fsg(intents, lambda w: decoder.lookup_word(w) is not None)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"transitions": transitions, "start": start,
                                         "final": final}), encoding="utf-8")
        temporary.replace(cached)
        for stale in cached.parent.glob("command-grammar-*.json"):
            if stale != cached:
                stale.unlink(missing_ok=True)
    except OSError as exc:
        logger.info("could not cache the command grammar at %s: %s", cached, exc)
    return transitions, start, final


class PocketSphinxRecognizer:
    """Command and dictation decoders; the grammar is built (or read from cache) once."""

    name = NAME
    dictation_notice = ""  # why free speech is not heard by Whisper ("" when it is)

    def __init__(self, intents: Path | None = None, dictation=None, second_hearing: bool = True):
        """`intents`: the folder whose templates make the command grammar (default: Hearth's
        catalogue). `dictation`: a recogniser for free speech (Whisper); None: PocketSphinx's
        general English model. `second_hearing`: False leaves command mode to the grammar alone
        (benchmarks of the grammar; never in a session, where it guards crisis recall)."""
        started = time.perf_counter()
        self._second_hearing = second_hearing
        self._custom_grammar = intents is not None
        self._own_intents = None  # the user's grammar read as meanings, loaded when needed
        self._intents_dir = intents
        self._neural = dictation
        self._command = _decoder(lm=None, **COMMAND_OPTIONS)
        transitions, start, final = command_transitions(self._command, intents)
        # Phrase tokens ("take_a_few") are said as their words said in a row.
        for phrase in {w for _, _, w in transitions if JOIN in w}:
            self._command.add_word(phrase, " ".join(
                self._command.lookup_word(w) for w in phrase.split(JOIN)), False)
        ways_out: dict[int, int] = {}
        for origin, _, _ in transitions:
            ways_out[origin] = ways_out.get(origin, 0) + 1
        # Each way out of a state is equally likely: long requests are not favoured.
        arcs = [(a, b, 1.0 / ways_out[a], w) if w else (a, b, 1.0 / ways_out[a])
                for a, b, w in transitions]
        self._command.add_fsg("command", self._command.create_fsg("command", start, final, arcs))
        self._reader = None  # the grammar as a SentenceReader: see _sentence_reader
        if self._custom_grammar:
            from assistant.speech.nearest_sentence import SentenceReader

            self._reader = SentenceReader(transitions, start, final, _pronunciation)
        self._command.activate_search("command")
        self._dictation = None
        self._lock = threading.Lock()
        self.load_seconds = time.perf_counter() - started
        logger.info("pocketsphinx command grammar ready in %.2f s (%d transitions)",
                    self.load_seconds, len(arcs))

    def _activate(self, mode: Mode):
        """The decoder for `mode`, loading the dictation model on first use."""
        if mode == "command":
            return self._command
        if mode != "dictation":
            raise ValueError(f"unknown mode {mode!r}")
        if self._dictation is None:
            from pocketsphinx import get_model_path

            started = time.perf_counter()
            self._dictation = _decoder(lm=get_model_path("en-us/en-us.lm.bin"),
                                       **DICTATION_OPTIONS)
            logger.info("pocketsphinx dictation model loaded in %.2f s",
                        time.perf_counter() - started)
        return self._dictation

    def _result(self, decoder, mode: Mode, voiced: tuple[int, int] | None = None
                ) -> tuple[Transcript, bool]:
        """The transcript, and whether the grammar's sentence fits the voice heard."""
        hyp = decoder.hyp()
        if hyp is None or not hyp.hypstr.strip():
            return Transcript("", None, True, mode, NAME), False
        fits = mode != "command" or _grammar_fits(decoder, voiced)
        words = _words(hyp.hypstr)
        # The posterior is only meaningful when the lattice produced one (prob < 0).
        confidence = decoder.get_logmath().exp(hyp.prob) if hyp.prob < 0 else None
        return Transcript(words, None if confidence is None else round(confidence, 3),
                          True, mode, NAME), fits

    def transcribe(self, audio_16k: np.ndarray, mode: Mode = "command") -> Transcript:
        """Decode one whole utterance (int16, 16 kHz mono)."""
        if mode == "dictation" and self._neural is not None:
            return self.checked_dictation(self._neural.transcribe(audio_16k, mode), audio_16k)
        audio_16k, voiced = trim_silence(audio_16k)
        with self._lock:
            decoder = self._activate(mode)
            decoder.start_utt()
            decoder.process_raw(_pcm(_as_int16(audio_16k)), full_utt=True)
            decoder.end_utt()
            result, fits = self._result(decoder, mode, voiced)
        return self.second_opinion(result, fits, audio_16k)

    def second_opinion(self, result: Transcript, fits: bool, audio_16k: np.ndarray,
                       heard: Transcript | None = None) -> Transcript:
        """A second hearing as free speech, which decides what was said when the grammar's
        sentence cannot be trusted. The grammar snaps any talk onto its nearest sentence,
        crisis statements included ("tell me a joke about computers"), and snaps figurative
        talk onto crisis sentences; so with Whisper at hand every utterance of half a second
        or more is heard twice (spoken-safety benchmark: crisis recall 67% -> 90%+, false
        alarms 33% -> 0% on unseen voices). Without it, PocketSphinx's own free speech is
        asked only when the grammar does not fit the voice, and wins only on a crisis."""
        if not self.hears_again(result, audio_16k):
            return result
        if self._neural is None and fits and result.text:
            return result
        heard = self._onto_grammar(heard or self.free_speech(audio_16k))
        final = result
        if heard.text and (not result.text or self._free_speech_wins(heard, result.text)):
            final = Transcript(heard.text, heard.confidence, True, "command", heard.engine)
        if self._neural is None or _raises_alarm(final.text):
            return final
        return self._other_hearings(result, heard, audio_16k) or \
            self._nearest_request(result, heard, final)

    def _other_hearings(self, grammar: Transcript, heard: Transcript, audio_16k: np.ndarray
                        ) -> Transcript | None:
        """When neither hearing's words that were taken raise the alarm and the ear was unsure
        (Whisper under ALTERNATIVES_BELOW, or the grammar heard a crisis that Whisper's words
        overruled): Whisper's next best hearings (beam search), and the first of them, surer
        than ALTERNATIVE_SURE, that raises the alarm. None when there is none. A crisis line
        must not be lost because the ear was unsure: greedy decoding loses a word on its first
        unsure token ("g slap me across the face", "i'm scared of my heart speed") that the
        beam keeps."""
        alternatives = getattr(self._neural, "alternatives", None)
        if alternatives is None:
            return None
        if not _raises_alarm(grammar.text) and (
                (heard.confidence or 0.0) >= ALTERNATIVES_BELOW
                or fuzz.ratio(heard.text, grammar.text) >= HEARINGS_AGREE):
            return None  # sure, or two ears agree on harmless words: no search (it costs time)
        return _alarming_alternative(alternatives(audio_16k, ALTERNATIVES), "command",
                                     heard.engine)

    def free_speech(self, audio_16k: np.ndarray) -> Transcript:
        """The second hearing of a request: the words as free speech, unchecked (second_opinion
        asks Whisper's other hearings itself, only when the two hearings disagree)."""
        if self._neural is not None:
            return self._neural.transcribe(audio_16k, "dictation")
        return self.transcribe(audio_16k, "dictation")

    def checked_dictation(self, heard: Transcript, audio_16k: np.ndarray) -> Transcript:
        """Whisper's free speech, or, when it was unsure (under ALTERNATIVES_BELOW) and its
        words raise no alarm, the first of its next best hearings that raises the crisis guard
        (as _other_hearings does for requests; tuning voices, crisis_tune.tsv, hearings
        replayed: 155 -> 166 of 196 crisis lines, figurative alarms 10 -> 10 of 68)."""
        alternatives = getattr(self._neural, "alternatives", None)
        if alternatives is None or (heard.confidence or 0.0) >= ALTERNATIVES_BELOW or \
                _raises_alarm(heard.text):
            return heard
        return _alarming_alternative(alternatives(audio_16k, ALTERNATIVES), heard.mode,
                                     heard.engine) or heard

    def hears_again(self, result: Transcript, audio_16k: np.ndarray) -> bool:
        """Whether a command is heard a second time as free speech (see second_opinion)."""
        return (result.mode == "command" and len(audio_16k) >= SECOND_OPINION_MIN_SAMPLES
                and self._second_hearing)

    def acts_at_once(self, result: Transcript) -> bool:
        """Whether the grammar's words may be acted on before Whisper's hearing ends (live,
        see PocketSphinxSession.finish_early). Not when the grammar heard nothing, and not when
        it heard a crisis: Whisper's hearing vetoes the crisis the grammar imagines in
        figurative talk ("this traffic is killing me"), and a crisis reply waits for it."""
        return self._neural is not None and bool(result.text) and not _raises_alarm(result.text)

    def _free_speech_wins(self, heard: Transcript, grammar: str) -> bool:
        """Whether the free-speech words replace the grammar's sentence. Only on what the
        grammar cannot hear: a crisis, a crisis the grammar imagined (Whisper only), or (Whisper
        hearing it, Hearth's own catalogue) talk the grammar snapped onto a sentence far from
        Whisper's words. Otherwise the grammar stands: it is right more often on requests it
        holds (real-speech benchmark), and Whisper invents words when unsure."""
        confidence = heard.confidence or 0.0
        sure = confidence >= WHISPER_SURE
        # The grammar's sentence far from Whisper's words: it snapped the voice onto its nearest
        # sentence, and is no hearing of what was said, harmless request or crisis alike.
        snapped = self._neural is not None and confidence >= MEANS_FLOOR and \
            fuzz.ratio(heard.text, grammar) < SNAPPED_BELOW
        reading_counts = sure or (snapped and confidence >= SNAPPED_READING)
        if _raises_alarm(heard.text, reading_counts=reading_counts or self._neural is None):
            return True  # recall first: a false alarm costs one gentle question
        if self._neural is None:
            return False  # PocketSphinx's free speech garbles real voices: never trusted more
        if not self._custom_grammar and confidence >= MEANS_FLOOR and \
                _means_other_request(heard.text, grammar, snapped):
            return True
        if not sure:
            return snapped and confidence >= SNAPPED_READING and _raises_alarm(grammar)
        if _raises_alarm(grammar):
            # A sure Whisper vetoes the grammar's crisis sentence, but not when its words are
            # close to it: then they differ in the word that makes the crisis, and the grammar,
            # which chose between its sentences on the sounds, may have it right ("i've been
            # cutting myself" against Whisper's "i've been part of myself").
            return confidence >= VERY_SURE or fuzz.ratio(heard.text, grammar) < CLOSE_TO_CRISIS
        if self._custom_grammar:
            return self._other_command(heard.text, grammar)
        # The grammar's sentence far from Whisper's words: it snapped talk it does not hold onto
        # its nearest sentence, and the matcher reads Whisper's words instead. (Swallowed voice
        # alone is no sign with Whisper at hand: real people pause.)
        return (heard.confidence or 0.0) >= SNAPPED_SURE and \
            fuzz.ratio(heard.text, grammar) < SNAPPED_BELOW

    def _onto_grammar(self, heard: Transcript) -> Transcript:
        """With a user's own grammar and Whisper at hand: Whisper's words as the grammar's
        sentence nearest to them, when they are nearly one (NEAR_SENTENCE) and raise no alarm;
        otherwise as heard."""
        if not self._custom_grammar or self._neural is None or not heard.text or \
                _raises_alarm(heard.text):
            return heard
        nearest = self._sentence_reader().nearest(heard.text.split())
        if nearest is None or nearest[1] > NEAR_SENTENCE:
            return heard
        return Transcript(nearest[0], heard.confidence, heard.is_final, heard.mode, heard.engine)

    def _sentence_reader(self):
        """The grammar as a SentenceReader (nearest_sentence.py). A user's grammar has it from
        the start; Hearth's large catalogue builds it on first use, which only a snapped
        hearing needs, rather than keeping its transitions for a reader that may never run."""
        if self._reader is None:
            from assistant.speech.nearest_sentence import SentenceReader

            self._reader = SentenceReader(*command_transitions(self._command, self._intents_dir),
                                          _pronunciation)
        return self._reader

    def _nearest_request(self, grammar: Transcript, heard: Transcript, final: Transcript
                         ) -> Transcript:
        """With Hearth's own catalogue: when the grammar snapped (its sentence far from
        Whisper's words, Whisper at least MEANS_FLOOR sure) and neither hearing raises the
        alarm, the catalogue's sentence nearest Whisper's words (NEAR_REQUEST), if the matcher
        reads it as an in-scope request other than `final`'s; otherwise `final`. Never a crisis
        sentence: the alarm is left to the rules above."""
        from assistant.understanding import understand

        if self._custom_grammar or not heard.text or (heard.confidence or 0.0) < MEANS_FLOOR \
                or fuzz.ratio(heard.text, grammar.text) >= SNAPPED_BELOW \
                or _raises_alarm(heard.text) or _raises_alarm(grammar.text):
            return final
        nearest = self._sentence_reader().nearest(heard.text.split())
        if nearest is None or not nearest[0] or nearest[1] > NEAR_REQUEST or \
                _raises_alarm(nearest[0]):
            return final
        # As for _means_other_request, "none" does not count: an out-of-scope sentence must
        # not overrule a request or a control the grammar heard ("quit that" against "lay some
        # jazz", nearest "play some jazz").
        meant = understand(nearest[0]).intent
        if meant in ("none", understand(final.text).intent):
            return final
        return Transcript(nearest[0], heard.confidence, True, "command", heard.engine)

    def _other_command(self, heard: str, grammar: str) -> bool:
        """With a user's own grammar: whether Whisper's (sure) words are themselves a sentence
        of it that means another command than the grammar's sentence. The grammar search
        slips on one word in noise ("whole milk" for "almond milk"); Whisper's words, when they
        are a sentence of the grammar at all, were right every time (real-speech benchmark,
        tuning clips: 8 fixed, none broken, clean to 6 dB)."""
        from assistant.speech.grammar_intents import load_intents, read_command

        if self._own_intents is None:
            self._own_intents = load_intents(self._intents_dir)
        whisper = read_command(heard, self._own_intents)
        return whisper.intent is not None and whisper != read_command(grammar, self._own_intents)

    def stream(self, mode: Mode = "command"):
        """Start one utterance; feed it chunks as they arrive."""
        if mode == "dictation" and self._neural is not None:
            return CheckedDictation(self, self._neural.stream(mode))
        return PocketSphinxSession(self, mode)


class CheckedDictation:
    """A free answer heard by Whisper, its final words checked as checked_dictation does."""

    def __init__(self, recognizer: PocketSphinxRecognizer, session):
        self._recognizer, self._session = recognizer, session

    def feed(self, chunk: np.ndarray) -> str | None:
        return self._session.feed(chunk)

    def finish(self) -> Transcript:
        heard = self._session.finish()
        audio = getattr(self._session, "audio", None)
        return heard if audio is None else self._recognizer.checked_dictation(heard, audio)


class PocketSphinxSession:
    """One utterance decoded while it is spoken; holds the decoder until finished. In command
    mode with Whisper at hand, the second hearing starts early, in the pause that ends the
    request (see early.py), and a live session need not wait for it (finish_early): the
    grammar's words are acted on at once and a crisis Whisper hears corrects them later."""

    def __init__(self, recognizer: PocketSphinxRecognizer, mode: Mode):
        self._recognizer = recognizer
        self._mode = mode
        self._last = ""
        self._audio: list[np.ndarray] = []
        self._early = None
        self._go = threading.Event()  # Whisper may begin (see SecondHearing)
        if mode == "command" and recognizer._neural is not None and recognizer._second_hearing:
            def hear(audio):
                self._go.wait(HOLD_LIMIT)
                return recognizer.free_speech(audio)

            self._early = EarlyHearing(hear, EARLY_HEARING_AFTER, SECOND_OPINION_MIN_SAMPLES)
        recognizer._lock.acquire()
        try:
            self._decoder = recognizer._activate(mode)
            self._decoder.start_utt()
        except BaseException:
            recognizer._lock.release()
            raise
        self._open = True

    def feed(self, chunk: np.ndarray) -> str | None:
        """Decode more samples; the partial text when it changed, else None."""
        if self._mode == "command":
            self._audio.append(chunk)  # kept for a second opinion as free speech
            if self._early is not None:
                self._early.feed(chunk)
        self._decoder.process_raw(_pcm(chunk))
        hyp = self._decoder.hyp()
        text = _words(hyp.hypstr if hyp else "")
        if text != self._last:
            self._last = text
            return text
        return None

    def finish(self) -> Transcript:
        """End the utterance and return the final transcript (after the second hearing)."""
        first, later = self.finish_early()
        if later is None:
            return first
        later.start()
        return later.result()

    def finish_early(self) -> tuple[Transcript, "SecondHearing | None"]:
        """End the utterance; the grammar's transcript at once, and the second hearing still
        to come when the grammar's words can be acted on meanwhile, else None (the transcript
        is final)."""
        if not self._open:
            raise RuntimeError("this recognition session is already finished")
        try:
            self._decoder.end_utt()
            audio = np.concatenate(self._audio or [np.zeros(0, np.int16)])
            voiced = voiced_span(audio) if self._mode == "command" else None
            result, fits = self._recognizer._result(self._decoder, self._mode, voiced)
        finally:
            self._open = False
            self._recognizer._lock.release()
        early = self._early
        recognizer = self._recognizer
        if early is None or not recognizer.hears_again(result, audio) or \
                not recognizer.acts_at_once(result):
            self._go.set()
            heard = early.result() if early is not None else None
            return recognizer.second_opinion(result, fits, audio, heard), None
        return result, SecondHearing(
            self._go, lambda: recognizer.second_opinion(result, fits, audio, early.result()))

    def __del__(self):
        if getattr(self, "_open", False):
            self._decoder.end_utt()
            self._recognizer._lock.release()


class SecondHearing:
    """Whisper's hearing of a request already acted on, in the background. It begins once
    start() is called (Hearth's reply has begun to play) or HOLD_LIMIT seconds have passed:
    on a small machine Whisper and the voice share the CPU, and the reply would wait."""

    def __init__(self, gate: threading.Event, work: Callable[[], Transcript]):
        self._gate, self._future = gate, Future()
        threading.Thread(target=self._run, args=(work,), daemon=True,
                         name="hearth-second-hearing").start()

    def _run(self, work: Callable[[], Transcript]) -> None:
        self._gate.wait(HOLD_LIMIT)
        try:
            self._future.set_result(work())
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for it
            self._future.set_exception(exc)

    def start(self) -> None:
        """Let the hearing begin now."""
        self._gate.set()

    def done(self) -> bool:
        return self._future.done()

    def result(self, timeout: float | None = None) -> Transcript:
        """The final transcript (the grammar's, or Whisper's words where they win)."""
        return self._future.result(timeout)


def _grammar_fits(decoder, voiced: tuple[int, int] | None) -> bool:
    """False when the best sentence needed a long "silence" where there was voice."""
    if voiced is None:
        return True
    first, last = voiced[0] // 160, voiced[1] // 160  # samples -> 10 ms frames
    segments = list(decoder.seg() or [])
    words = [i for i, seg in enumerate(segments) if not _is_filler(seg.word)]
    for i, seg in enumerate(segments):
        in_voice = min(seg.end_frame, last) - max(seg.start_frame, first) + 1
        inner = bool(words) and words[0] < i < words[-1]
        if _is_filler(seg.word) and in_voice > (MAX_PAUSE_FRAMES if inner else MAX_EDGE_FRAMES):
            return False
    return True


@functools.lru_cache(maxsize=1)
def _dictionary() -> dict[str, str]:
    """PocketSphinx's pronouncing dictionary, word -> phones (first pronunciation); read apart
    from the decoders, which are not safe to ask from the second hearing's thread."""
    from pocketsphinx import get_model_path

    words: dict[str, str] = {}
    with open(get_model_path("en-us/cmudict-en-us.dict"), encoding="utf-8") as lines:
        for line in lines:
            word, _, phones = line.strip().partition(" ")
            words.setdefault(word, phones)
    return words


def _pronunciation(word: str) -> str | None:
    return _dictionary().get(word)


def _alarming_alternative(hearings: list[tuple[str, float]], mode: Mode,
                          engine: str) -> Transcript | None:
    """The first of Whisper's other hearings, sure enough (ALTERNATIVE_SURE), that raises the
    alarm, else None."""
    for text, sureness in hearings:
        if sureness >= ALTERNATIVE_SURE and _raises_alarm(text):
            return Transcript(text, sureness, True, mode, engine)
    return None


def _raises_alarm(text: str, reading_counts: bool = True) -> bool:
    """Whether Hearth's crisis guard raises a concern for these words. An alarm from the guard's
    reading in context alone is not counted for words Whisper was unsure of: garbled words
    ("good luck someday it's time to hear" for "give us a date idea") read as heavy more
    often than a phrase is found in them, and would replace a grammar sentence that was right."""
    if not text:
        return False
    alarm, by_reading = _guard_reading(text)
    return alarm and (reading_counts or not by_reading)


@functools.lru_cache(maxsize=64)
def _guard_reading(text: str) -> tuple[bool, bool]:
    """The crisis guard on these words: whether it raises a concern, and whether the guard's
    reading in context took part (cached: the rules ask about the same words more than once)."""
    from assistant.understanding import understand

    match = understand(text)
    return match.concern is not None or match.intent == "safety.crisis", match.danger is not None


def _means_other_request(heard: str, grammar: str, snapped_far: bool = False) -> bool:
    """Whether the matcher reads Whisper's words, surely, as a request other than the grammar's
    sentence. Crises are left to the guard's own rules (the first of _free_speech_wins; and only
    a sure Whisper overrules a grammar sentence that raised it), and "none" does not count:
    garbled words often read as out of scope."""
    from assistant.understanding import understand

    whisper, snapped = understand(heard), understand(grammar)
    # An in-scope sentence the matcher is surer of than of Whisper's words stays: "slower
    # please" (1.0) is not overruled by "so we're pleased" (gratitude, 0.71); unless the grammar
    # snapped (its sentence far from Whisper's words: in noise, "a small romantic gesture idea"
    # heard by the grammar as "show us four hundred seventy eight", which the matcher reads
    # surely as arithmetic; Festival kal_diphone requests at pink 9 dB: 56 -> 57 of 67).
    return (whisper.intent not in ("none", "safety.crisis", snapped.intent)
            and whisper.concern is None and whisper.confidence >= MEANS_OTHER_REQUEST
            and (snapped.intent == "none" or snapped_far or
                 whisper.confidence >= snapped.confidence)
            and snapped.concern is None and snapped.intent != "safety.crisis")


def _is_filler(word: str) -> bool:
    return word.startswith(("<", "+", "[")) or word == "(NULL)"


def _words(hypothesis: str) -> str:
    """The spoken words of a hypothesis: no fillers (<sil>), phrase tokens split."""
    return " ".join(w for w in hypothesis.replace(JOIN, " ").split() if not w.startswith("<"))


_DITHER = np.random.default_rng(0).normal(0.0, 16.0, 1 << 16).astype(np.float32)


def _as_int16(audio: np.ndarray) -> np.ndarray:
    audio = np.asarray(audio)
    if audio.dtype == np.int16:
        return audio
    return (np.clip(audio, -1.0, 1.0) * 32767.0).astype(np.int16)


def _pcm(audio: np.ndarray) -> bytes:
    """int16 bytes with faint dither added: stretches of exact digital zero (synthesised speech,
    muted inputs) give the feature front end log(0) energies that wreck recognition."""
    audio = np.asarray(audio)
    if audio.dtype != np.int16:
        audio = np.clip(audio, -1.0, 1.0) * 32767.0
    noise = np.resize(_DITHER, audio.shape[0])
    return np.clip(audio + noise, -32768, 32767).astype(np.int16).tobytes()
