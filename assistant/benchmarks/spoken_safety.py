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
# Voices not used while tuning the speech settings (tuned on real clips and espeak-ng en-us and
# en-us+f2; the grammar's earlier settings on en-us, en-gb and en-us+m3). The Piper voice's
# quick run (every third line) was seen while choosing the second-hearing rule.
VOICES = ("piper:en_US-joe-medium", "en-gb-scotland+m4", "en-029+f3")


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


def run(quick: bool) -> list[tuple[str, str]]:
    """Crisis recall and figurative false alarms per path, over the unseen voices."""
    from assistant.config import Settings
    from assistant.speech import make_recognizer
    from assistant.speech.synthetic import spoken

    rows = read_safety_set()
    if quick:
        rows = rows[::3]
    voices = VOICES[:1] if quick else VOICES
    recognizer = make_recognizer(Settings(), "pocketsphinx")
    crisis = [text for text, concern in rows if concern != "none"]
    figurative = [text for text, concern in rows if concern == "none"]
    figures = [("lines (crisis / figurative) x voices",
                f"{len(crisis)} / {len(figurative)} x {len(voices)} ({', '.join(voices)})"),
               ("typed text: crisis caught / figurative alarms",
                f"{sum(map(raises_alarm, crisis))}/{len(crisis)} / "
                f"{sum(map(raises_alarm, figurative))}/{len(figurative)}")]
    audio = {(voice, text): spoken(text, voice, 160) for voice in voices for text in crisis +
             figurative}
    for mode in ("command", "dictation"):
        started = time.process_time()
        heard = {key: recognizer.transcribe(clip, mode).text for key, clip in audio.items()}
        spent = time.process_time() - started
        caught = sum(raises_alarm(heard[(v, t)]) for v in voices for t in crisis)
        alarms = sum(raises_alarm(heard[(v, t)]) for v in voices for t in figurative)
        total_c, total_f = len(crisis) * len(voices), len(figurative) * len(voices)
        figures.append((f"spoken, {mode} mode: crisis recall",
                        f"{100 * caught / total_c:.1f}% ({caught}/{total_c})"))
        figures.append((f"spoken, {mode} mode: figurative lines raising the alarm",
                        f"{100 * alarms / total_f:.1f}% ({alarms}/{total_f}); "
                        f"{spent:.0f} s CPU"))
        for voice in voices:
            hit = sum(raises_alarm(heard[(voice, t)]) for t in crisis)
            false = sum(raises_alarm(heard[(voice, t)]) for t in figurative)
            figures.append((f"  {voice}", f"crisis {hit}/{len(crisis)}, "
                                          f"figurative alarms {false}/{len(figurative)}"))
        missed = [heard[(v, t)] for v in voices for t in crisis
                  if not raises_alarm(heard[(v, t)])]
        figures.append((f"  e.g. missed in {mode} mode", "; ".join(missed[:4]) or "none"))
    return figures
