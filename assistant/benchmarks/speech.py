"""Speech-in figures: model load, real-time factor per mode, live end-of-speech latency, memory."""

import resource
import statistics
import time

import numpy as np

NAME = "speech"
# Requests and the short answers and controls people say most (one word is mostly silence
# around it, which is what a recogniser meets between requests).
_SENTENCES = [
    "start a breathing exercise", "leave a note for my partner", "give us a date idea",
    "slower please", "let's check in", "ask us a deep question", "next", "yes", "stop",
]


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rtf(recognizer, clips, mode) -> float:
    spent = heard = 0.0
    for clip in clips:
        started = time.process_time()  # CPU time on this one thread: the one-core figure
        recognizer.transcribe(clip, mode)
        spent += time.process_time() - started
        heard += len(clip) / 16000
    return spent / heard


def _live_latencies(recognizer, clips, trailing_silence: float) -> list[float]:
    """Play each clip into a private null sink and time end of speech -> final transcript."""
    import threading

    import sounddevice as sd

    from assistant.audio.microphone import UtteranceListener
    from assistant.speech.live import transcribe_live
    from assistant.voice.nullsink import NullSink, reinitialise_portaudio

    latencies: list[float] = []
    with NullSink():
        reinitialise_portaudio()
        with UtteranceListener("pulse", trailing_silence=trailing_silence) as listener:
            done = threading.Thread(target=lambda: latencies.extend(
                u.final_at - u.speech_end for u in transcribe_live(listener, recognizer)))
            done.start()
            time.sleep(0.3)
            with sd.OutputStream(samplerate=16000, channels=1, dtype="int16",
                                 device="pulse") as out:
                for clip in clips:
                    out.write(np.concatenate([clip, np.zeros(24000, np.int16)]).reshape(-1, 1))
            time.sleep(1.5)
            listener.stop()
            done.join(timeout=10)
    reinitialise_portaudio()
    return latencies


def run(quick: bool) -> list[tuple[str, str]]:
    """Measure the default engines (PocketSphinx commands, Whisper free speech) on espeak-ng
    speech."""
    from assistant.config import Settings
    from assistant.speech.pocketsphinx_engine import PocketSphinxRecognizer
    from assistant.speech.synthetic import spoken
    from assistant.speech.whisper_engine import WhisperRecognizer, bundled_model_path

    before = _rss_mb()
    started = time.perf_counter()
    grammar_only = PocketSphinxRecognizer()
    load = time.perf_counter() - started
    whisper, whisper_load = None, None
    if bundled_model_path() is not None:
        started = time.perf_counter()
        whisper = WhisperRecognizer(bundled_model_path())
        whisper_load = time.perf_counter() - started
    recognizer = PocketSphinxRecognizer(dictation=whisper) if whisper else grammar_only
    voices = ["en-us"] if quick else ["en-us", "en-gb", "en-us+m3"]
    clips = [spoken(s, v, 160) for v in voices for s in _SENTENCES]
    grammar_rtf = _rtf(grammar_only, clips, "command")
    command = _rtf(recognizer, clips, "command")
    # Under steady noise the voice detector hears voice throughout: nothing is trimmed.
    noisy = _rtf(recognizer, [spoken(s, v, 160, 9.0, seed=i) for v in voices
                              for i, s in enumerate(_SENTENCES)], "command")
    started = time.perf_counter()
    recognizer.transcribe(clips[0], "dictation")
    dictation_load = time.perf_counter() - started
    dictation = _rtf(recognizer, clips[: 3 if quick else len(clips)], "dictation")
    trailing = Settings().trailing_silence
    figures = [
        ("pocketsphinx command model load", f"{load:.2f} s"),
        ("whisper tiny.en model load", f"{whisper_load:.2f} s" if whisper else "not installed"),
        ("dictation, first utterance (model warm-up)", f"{dictation_load:.2f} s"),
        ("real-time factor, command mode, grammar alone (1 core)", f"{grammar_rtf:.3f}"),
        ("real-time factor, command mode with the second hearing (1 core)", f"{command:.3f}"),
        ("real-time factor, command mode, pink noise 9 dB SNR (1 core)", f"{noisy:.3f}"),
        ("real-time factor, dictation mode (1 core)", f"{dictation:.3f}"),
    ]
    try:
        latencies = _live_latencies(recognizer, [spoken(s, "en-us", 160) for s in _SENTENCES],
                                    trailing)
    except Exception as exc:  # no PulseAudio here: report it instead of failing the whole bench
        figures.append(("live end-of-speech -> final transcript", f"not measured ({exc})"))
    else:
        if latencies:
            median = statistics.median(latencies)
            figures.append(("live end of speech -> final transcript, median "
                            f"({len(latencies)} utterances, trailing silence {trailing} s)",
                            f"{1000 * median:.0f} ms"))
            figures.append(("  of which decoding after the endpoint, median",
                            f"{1000 * (median - trailing):.0f} ms"))
    figures.append(("resident memory while listening (command grammar and Whisper "
                    "loaded)",
                    f"{_rss_mb():.0f} MB (+{_rss_mb() - before:.0f} MB for speech)"))
    return figures
