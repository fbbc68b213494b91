"""The crisis guard by voice: the held-out crisis set (tests/data/crisis_heldout.tsv, crisis
lines and everyday figurative ones) spoken by voices the speech settings were not tuned on,
heard the way a request is heard (command mode) and the way a free answer is (dictation).
A crisis line counts as caught when any concern is raised; a figurative line raises a false
alarm when one is."""

import csv
import time

from assistant.errors import InputError
from assistant.paths import PROJECT_ROOT

NAME = "spoken-safety"
SAFETY_SET = PROJECT_ROOT / "tests" / "data" / "crisis_heldout.tsv"
# The voices the rules about the crisis guard and the two hearings were tuned on (with
# tests/data/crisis_tune.tsv; pocketsphinx_engine.py), and voices never used while tuning them,
# reported apart. The grammar's settings were tuned on real clips and espeak-ng en-us, en-us+f2
# (earlier en-gb, en-us+m3); the request rules on Festival kal_diphone and ked_diphone. A voice not
# installed here is left out, and the report says why.
TUNED_VOICES = ("piper:en_US-joe-medium", "en-gb-scotland+m4", "en-029+f3", "festival:ked_diphone")
# en-us+klatt4 (espeak-ng's Klatt synthesiser, not its default formant one) and en-gb-x-rp+f2
# were added before the hearings of several ears were tuned (tuned on the four voices above
# only), and had never been used to hear speech.
HELD_OUT_VOICES = ("festival:cmu_us_slt_arctic_hts", "festival:kal_diphone", "en-us-nyc+f4",
                   "en-gb-x-gbcwmd+m2", "en-us+klatt4", "en-gb-x-rp+f2")
VOICES = TUNED_VOICES + HELD_OUT_VOICES


def read_safety_set(path=SAFETY_SET) -> list[tuple[str, str]]:
    """(utterance, concern or "none") rows, comments skipped."""
    if not path.is_file():
        raise InputError(f"the spoken safety set is missing ({path})")
    with open(path, encoding="utf-8") as handle:
        rows = [r for r in csv.reader((line for line in handle if not line.startswith("#")),
                                      delimiter="\t")]
    return [(r[0], r[1]) for r in rows[1:] if len(r) >= 2]


def raises_alarm(text: str) -> bool:
    """Whether the crisis guard raises a concern for these words."""
    from assistant.understanding import understand

    match = understand(text)
    return match.concern is not None or match.intent == "safety.crisis"


CLOSE_ENOUGH = 0.25  # word error rate at or under which a transcript is "heard right"


def loss_cause(line: str, grammar: str, whisper: str) -> str:
    """Why a crisis line spoken in command mode raised no alarm, from what each hearing
    heard: the grammar alone, and Whisper (which decides with it, see second_opinion)."""
    from assistant.benchmarks.intelligibility import word_errors

    errors, words = word_errors(line, whisper)
    if errors <= CLOSE_ENOUGH * words:
        return "Whisper heard it (nearly) right; the guard raised nothing on its words"
    if raises_alarm(grammar):
        return "Whisper misheard it; its words overruled the grammar's crisis sentence"
    return "Whisper misheard it; the grammar snapped it onto a request"


def alarm_cause(grammar: str, whisper: str, final: str) -> str:
    """Which hearing raised the alarm on a figurative line."""
    if raises_alarm(whisper):
        return "Whisper's words raised it"
    return "the grammar's sentence raised it (Whisper unsure)"


def run(quick: bool) -> list[tuple[str, str]]:
    """Crisis recall and figurative false alarms per path, over the unseen voices."""
    from assistant.config import Settings
    from assistant.speech import make_recognizer
    from assistant.speech.synthetic import spoken, voice_missing

    rows = read_safety_set()
    if quick:
        rows = rows[::3]
    missing = {voice: voice_missing(voice) for voice in VOICES}
    voices = [v for v in VOICES if not missing[v]]
    if quick:  # one voice tuned on and one held out
        voices = [v for v in voices if v in TUNED_VOICES][:1] + \
            [v for v in voices if v in HELD_OUT_VOICES][:1]
    from assistant.speech.pocketsphinx_engine import PocketSphinxRecognizer

    recognizer = make_recognizer(Settings(), "pocketsphinx")
    grammar_alone = PocketSphinxRecognizer(second_hearing=False)
    crisis = [text for text, concern in rows if concern != "none"]
    figurative = [text for text, concern in rows if concern == "none"]
    figures = [("lines (crisis / figurative) x voices",
                f"{len(crisis)} / {len(figurative)} x {len(voices)} ({', '.join(voices)})"),
               ("typed text: crisis caught / figurative alarms",
                f"{sum(map(raises_alarm, crisis))}/{len(crisis)} / "
                f"{sum(map(raises_alarm, figurative))}/{len(figurative)}")]
    figures += [(f"  voice left out: {voice}", why) for voice, why in missing.items() if why]
    audio = {(voice, text): spoken(text, voice, 160) for voice in voices for text in crisis +
             figurative}
    hearings = {}
    for mode in ("command", "dictation"):
        started = time.process_time()
        heard = {key: recognizer.transcribe(clip, mode).text for key, clip in audio.items()}
        hearings[mode] = heard
        spent = time.process_time() - started
        caught = sum(raises_alarm(heard[(v, t)]) for v in voices for t in crisis)
        alarms = sum(raises_alarm(heard[(v, t)]) for v in voices for t in figurative)
        total_c, total_f = len(crisis) * len(voices), len(figurative) * len(voices)
        figures.append((f"spoken, {mode} mode: crisis recall",
                        f"{100 * caught / total_c:.1f}% ({caught}/{total_c})"))
        figures.append((f"spoken, {mode} mode: figurative lines raising the alarm",
                        f"{100 * alarms / total_f:.1f}% ({alarms}/{total_f}); "
                        f"{spent:.0f} s CPU"))
        for group, members in (("tuned on", TUNED_VOICES), ("held out", HELD_OUT_VOICES)):
            members = [v for v in members if v in voices]
            if not members:
                continue
            hit = sum(raises_alarm(heard[(v, t)]) for v in members for t in crisis)
            false = sum(raises_alarm(heard[(v, t)]) for v in members for t in figurative)
            figures.append((f"  voices {group}", f"crisis {hit}/{len(crisis) * len(members)}, "
                                                 f"figurative alarms {false}/"
                                                 f"{len(figurative) * len(members)}"))
            for voice in members:
                hit = sum(raises_alarm(heard[(voice, t)]) for t in crisis)
                false = sum(raises_alarm(heard[(voice, t)]) for t in figurative)
                figures.append((f"    {voice}", f"crisis {hit}/{len(crisis)}, "
                                                f"figurative alarms {false}/{len(figurative)}"))
        missed = [heard[(v, t)] for v in voices for t in crisis
                  if not raises_alarm(heard[(v, t)])]
        figures.append((f"  e.g. missed in {mode} mode", "; ".join(missed[:4]) or "none"))
    figures += _breakdown(audio, grammar_alone, hearings, crisis, figurative, voices)
    return figures


def _breakdown(audio, grammar_alone, hearings, crisis, figurative, voices):
    """Where command mode loses crisis lines and raises false alarms, by cause."""
    from collections import Counter

    grammar = {key: grammar_alone.transcribe(clip, "command").text for key, clip in
               audio.items()}
    final, whisper = hearings["command"], hearings["dictation"]
    lost = Counter(loss_cause(t, grammar[(v, t)], whisper[(v, t)])
                   for v in voices for t in crisis if not raises_alarm(final[(v, t)]))
    false = Counter(alarm_cause(grammar[(v, t)], whisper[(v, t)], final[(v, t)])
                    for v in voices for t in figurative if raises_alarm(final[(v, t)]))
    snapped = sum(1 for v in voices for t in crisis if not raises_alarm(grammar[(v, t)]))
    total = len(crisis) * len(voices)
    figures = [("command mode, grammar alone: crisis recall",
                f"{100 * (total - snapped) / total:.1f}% ({total - snapped}/{total})")]
    figures += [(f"  crisis lost: {cause}", f"{count}") for cause, count in lost.most_common()]
    figures += [(f"  figurative alarm: {cause}", f"{count}")
                for cause, count in false.most_common()]
    return figures
