"""PocketSphinx: the default engine. Its US English model ships in the wheel, so no download.

One decoder per process holds two searches: "command" (a small trigram model of the intent
catalogue with a common-word escape, see grammar.py) and "dictation" (the general English model,
loaded the first time it is needed).
"""

import logging
import os
import tempfile
import threading
import time

import numpy as np

from assistant.errors import ModelError
from assistant.speech.grammar import catalogue_sentences, command_arpa, common_words
from assistant.speech.transcript import Mode, Transcript

logger = logging.getLogger(__name__)

NAME = "pocketsphinx"
_FILLER_WORDS = 1500  # how many common words command mode may fall back on
_FILLER_SHARE = 0.05  # their share of the unigram mass: enough to escape, too little to tempt
DECODER_OPTIONS: dict = {"fwdflat": False}  # the second flat pass costs ~40% for no gain here


class PocketSphinxRecognizer:
    """Both modes on one PocketSphinx decoder; build it once with `load_pocketsphinx()`."""

    name = NAME

    def __init__(self, sentences: list[str] | None = None):
        from pocketsphinx import Decoder, NGramModel

        started = time.perf_counter()
        try:
            self._decoder = Decoder(loglevel="FATAL", lm=None, **DECODER_OPTIONS)
        except (RuntimeError, ValueError) as exc:
            raise ModelError(
                f"the PocketSphinx English model could not be loaded ({exc}); "
                "reinstall it with `pip install --force-reinstall pocketsphinx`"
            ) from exc
        sentences = catalogue_sentences() if sentences is None else sentences
        arpa = command_arpa(
            sentences,
            known=lambda w: self._decoder.lookup_word(w) is not None,
            filler_words=common_words()[:_FILLER_WORDS],
            filler_share=_FILLER_SHARE,
        )
        with tempfile.NamedTemporaryFile("w", suffix=".arpa", delete=False) as handle:
            handle.write(arpa)
        try:
            model = NGramModel(self._decoder.config, self._decoder.get_logmath(), handle.name)
        finally:
            os.unlink(handle.name)
        self._decoder.add_lm("command", model)
        self._dictation_loaded = False
        self._lock = threading.Lock()
        self.load_seconds = time.perf_counter() - started
        logger.info("pocketsphinx command search ready in %.2f s", self.load_seconds)

    def _activate(self, mode: Mode) -> None:
        if mode == "dictation" and not self._dictation_loaded:
            from pocketsphinx import get_model_path

            started = time.perf_counter()
            self._decoder.add_lm_file("dictation", get_model_path("en-us/en-us.lm.bin"))
            self._dictation_loaded = True
            logger.info("pocketsphinx dictation model loaded in %.2f s",
                        time.perf_counter() - started)
        if mode not in ("command", "dictation"):
            raise ValueError(f"unknown mode {mode!r}")
        self._decoder.activate_search(mode)

    def _result(self, mode: Mode) -> Transcript:
        hyp = self._decoder.hyp()
        if hyp is None or not hyp.hypstr.strip():
            return Transcript("", None, True, mode, NAME)
        words = [w for w in hyp.hypstr.split() if not w.startswith("<")]
        # The posterior is only meaningful when the lattice produced one (prob < 0).
        confidence = self._decoder.get_logmath().exp(hyp.prob) if hyp.prob < 0 else None
        return Transcript(" ".join(words), None if confidence is None else round(confidence, 3),
                          True, mode, NAME)

    def transcribe(self, audio_16k: np.ndarray, mode: Mode = "command") -> Transcript:
        """Decode one whole utterance (int16, 16 kHz mono)."""
        with self._lock:
            self._activate(mode)
            self._decoder.start_utt()
            self._decoder.process_raw(_pcm(_as_int16(audio_16k)), full_utt=True)
            self._decoder.end_utt()
            return self._result(mode)

    def stream(self, mode: Mode = "command") -> "PocketSphinxSession":
        """Start one utterance; feed it chunks as they arrive."""
        return PocketSphinxSession(self, mode)


class PocketSphinxSession:
    """One utterance decoded while it is spoken; holds the decoder until finished."""

    def __init__(self, recognizer: PocketSphinxRecognizer, mode: Mode):
        self._recognizer = recognizer
        self._mode = mode
        self._last = ""
        recognizer._lock.acquire()
        try:
            recognizer._activate(mode)
            recognizer._decoder.start_utt()
        except BaseException:
            recognizer._lock.release()
            raise
        self._open = True

    def feed(self, chunk: np.ndarray) -> str | None:
        """Decode more samples; the partial text when it changed, else None."""
        decoder = self._recognizer._decoder
        decoder.process_raw(_pcm(chunk))
        hyp = decoder.hyp()
        text = " ".join(w for w in (hyp.hypstr if hyp else "").split() if not w.startswith("<"))
        if text != self._last:
            self._last = text
            return text
        return None

    def finish(self) -> Transcript:
        """End the utterance and return the final transcript."""
        if not self._open:
            raise RuntimeError("this recognition session is already finished")
        try:
            self._recognizer._decoder.end_utt()
            return self._recognizer._result(self._mode)
        finally:
            self._open = False
            self._recognizer._lock.release()

    def __del__(self):
        if getattr(self, "_open", False):
            self._recognizer._decoder.end_utt()
            self._recognizer._lock.release()


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
