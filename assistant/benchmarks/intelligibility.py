"""How well Hearth's voices are understood: each voice says Hearth's own lines, the dictation
recognizer on this machine writes down what it hears, and the words are compared.

The lines: every crisis resource of every region with the crisis reply around it, questions
and ideas from the decks, and lines with numbers and names from the exercises. A crisis line
counts as intact only when each of its numbers comes back whole: every digit, in order, with
nothing between them.

Each line is made exactly as Hearth says it (through the Speaker into a WAV: spoken form,
sentence pieces and pauses, in the voice style Hearth uses for it: the crisis reply calm, deck
items bright), with 0.3 s of quiet around each sentence as a listener hears it. Scoring, the
same for what was said and what was heard: numbers (words or digits) turned into digits and
every digit counted as one word, so "988", "nine eight eight" and "9 8 8" are the same three
words, a number never running on past punctuation ("one eight hundred, seven nine nine" is
1800 799); then Whisper's English text normaliser (contractions written out, US spellings,
punctuation dropped), "'s" read as a possessive, a few compounds split ("anytime"), and two
words written as one where the other side has them as one ("help line", "helpline").
"""

from __future__ import annotations

import re
import statistics
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

NAME = "intelligibility"

# Said by the exercises (breathing, cool-down, bedtime, notes, check-in), with their numbers,
# each in the voice style its exercise uses.
EXERCISE_LINES = (
    ("Let's check in. Sam first, then Alex. Say skip to pass on any question.", "warm"),
    ("Sam, how are you feeling? A number from one to ten, or a word.", "warm"),
    ("Sam, you're at a 3, you mentioned work was long, and you'd like Alex to listen to you.",
     "warm"),
    ("Box breathing, for about 4 minutes. Breathe in for 4, hold for 4, out for 4, hold for 4.",
     "calm"),
    ("Breathe in, 2, 3, 4.", "calm"),
    ("Let's take a break of 20 minutes, apart from each other.", "calm"),
    ("Agreed: 30 minutes. I'll call you back together at about 8:45.", "calm"),
    ("Would you like to read together for 12 minutes?", "calm"),
    ("Go ahead, Sam. Say your note for Alex, and I'll keep it until Alex hears it.", "warm"),
    ("Alex, there are 2 notes waiting for you from Sam.", "warm"),
    ("Good night, Sam and Alex. Sleep well.", "calm"),
    ("Your streak is 7 days. That's your first seven-day streak!", "warm"),
)
CRISIS_STYLE = "calm"  # the style the crisis reply is said in (dialogue.runner)
DECK_STYLE = "bright"  # prompts, affection cards and shared activities
QUIET_AROUND = 0.3  # seconds of silence the listener hears before and after each sentence
DECK_ITEMS = {"prompts": 14, "affection": 4, "shared_activities": 4}  # deck -> lines taken
# Held out: deck items never looked at while the scoring and spoken form were tuned on the
# lines above; their word error is reported apart.
HELD_OUT_ITEMS = {"prompts": (14, 22), "affection": (4, 10), "shared_activities": (4, 10)}


# Held out too: lines with phone numbers and counts written for this bench, not tuned on;
# the second set (many numbers with a digit said twice in a row, and zeros) was written
# before "double" and "triple" were tried, and is reported on its own.
_DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
HELD_OUT_NUMBERS = _DATA / "intelligibility_numbers_heldout.tsv"
# Sets of phone-number lines reported on their own, each by its name: the second (written
# before "double" and "triple" were tried) and the third (written before the round on every
# voice's numbers: the three the second set lost were repeated digits and zeros).
NUMBER_SETS = {"second held-out set": _DATA / "intelligibility_numbers_heldout2.tsv",
               "third held-out set": _DATA / "intelligibility_numbers_heldout3.tsv"}


@dataclass(frozen=True)
class Line:
    """One line Hearth says, the voice style it is said in, and whether it carries a crisis
    number."""

    text: str
    style: str = "warm"
    crisis: bool = False
    held_out: bool = False
    number_set: str = ""  # held out in a set of phone numbers reported apart (NUMBER_SETS)


def hearth_lines(quick: bool = False) -> list[Line]:
    """The benchmark's lines: crisis replies for every region, then decks, then exercises,
    then the held-out deck items (not with `quick`)."""
    from assistant.dialogue.safety import crisis_reply
    from assistant.exercises.decks import load_deck

    seen: dict[str, Line] = {}
    for region in ("US", "UK", "CA", "AU", "IE", "NZ"):
        for concern in ("self_harm", "abuse"):
            for text in crisis_reply(concern, region):
                seen.setdefault(text, Line(text, CRISIS_STYLE, bool(re.search(r"\d", text))))
    lines = list(seen.values())
    if quick:
        return lines + [Line(*line) for line in EXERCISE_LINES[:4]]
    for deck, count in DECK_ITEMS.items():
        lines += [Line(item.text, DECK_STYLE) for item in load_deck(deck).items[:count]]
    lines += [Line(*line) for line in EXERCISE_LINES]
    for deck, (start, end) in HELD_OUT_ITEMS.items():
        lines += [Line(item.text, DECK_STYLE, held_out=True)
                  for item in load_deck(deck).items[start:end]]
    for number_set, path in (("", HELD_OUT_NUMBERS), *NUMBER_SETS.items()):
        if path.is_file():  # absent from an installed copy without the tests
            rows = path.read_text(encoding="utf-8").splitlines()
            lines += [Line(row.strip(), CRISIS_STYLE, crisis=_has_phone_number(row),
                           held_out=True, number_set=number_set)
                      for row in rows if row.strip() and not row.startswith("#")]
    return lines


def _has_phone_number(text: str) -> bool:
    return bool(re.search(r"\d{3}", text))


_UNITS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: str(i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
_REPEATS = {"double": 2, "triple": 3}
# Spellings a listener may choose that are not mishearings (US/UK, compounds).
# (US/UK spellings and contractions are Whisper's normaliser's, below.)
_SAME_WORDS = {"anytime": "any time", "goodbye": "good bye", "okay": "ok",
               "alright": "all right"}


def _digits_from_words(words: list[str], digit_runs: bool = True) -> list[str]:
    """Number words to digit strings the way recognizers write numbers out: "nine hundred
    eighty eight" is 988, "seven thousand two hundred thirty three" 7233, but "two thousand
    two four seven" stays 2000 then 2, 4, 7 (a group said on its own)."""
    out: list[list] = []  # [digits, open slot: None | "units" | "tens" | "hundreds"]
    repeat = 1
    for index, word in enumerate(words):
        if word == "oh" and index + 1 < len(words) and words[index + 1] in _UNITS:
            word = "zero"  # "oh eight oh eight"; "oh well" stays words
        last = out[-1] if out and out[-1][0].isdigit() else None
        if word in _REPEATS:
            repeat = _REPEATS[word]
            continue
        value = _UNITS.get(word)
        follows = words[index + 1] if index + 1 < len(words) else ""
        starts_group = follows in ("hundred", "thousand")
        # "eight hundred seven three three" is 800 then 7, 3, 3 (a number read digit by
        # digit), "nine hundred eight" is 908
        then = words[index + 2] if index + 2 < len(words) else ""
        # (a digit said "double" or "triple" next is a digit run too: "seven double nine")
        in_digit_run = bool(digit_runs and last and last[1] == "tens" and value and len(value) == 1
                            and (len(_UNITS.get(follows, "xx")) == 1 or follows in _REPEATS)
                            and then not in ("hundred", "thousand"))
        if value is not None and len(value) == 1 and repeat == 1 and last \
                and last[1] in ("units", "tens") and not starts_group and not in_digit_run:
            last[0], last[1] = last[0][:-1] + value, None  # "eighty eight", "hundred eight"
        elif value is not None and repeat == 1 and last and last[1] == "tens" \
                and not starts_group and not in_digit_run:
            last[0], last[1] = last[0][:-2] + value, None  # "one hundred twelve"
        elif value is not None:
            out.append([value * repeat, None])
        elif word in _TENS and last and last[1] == "tens":
            last[0], last[1] = last[0][:-2] + _TENS[word] + "0", "units"
        elif word in _TENS:
            out.append([_TENS[word] + "0", "units"])
        elif word == "hundred" and last:
            before = out[-2] if len(out) > 1 and last[1] is None and len(last[0]) == 1 else None
            if before and before[1] == "hundreds":  # "seven thousand two hundred"
                out.pop()
                before[0], before[1] = before[0][:-3] + last[0] + "00", "tens"
            else:
                last[0], last[1] = last[0] + "00", "tens"
        elif word == "thousand" and last:
            last[0], last[1] = last[0] + "000", "hundreds"
        else:
            out.append([word, None])
        repeat = 1
    return [digits for digits, _ in out]


# Where one number ends and the next begins: "one eight hundred, seven nine nine" is 1 800,
# then 799 (not 807, 9, 9). Punctuation, or a hyphen between digits ("1-800-799").
_NUMBER_BOUNDARY = re.compile(r"[,;:!?]|\.(?!\d)|(?<=\d)-(?=\d)")
_NUMBER_WORDS = {*_UNITS, *_TENS, "hundred", "thousand"}


def _is_number_word(words: list[str], index: int) -> bool:
    word = words[index]
    if word.isdigit() or word in _NUMBER_WORDS:
        return True
    follows = words[index + 1] if index + 1 < len(words) else ""
    return word in ("oh", *_REPEATS) and (follows in _UNITS or follows.isdigit())


def _numbers_as_digits(text: str, digit_runs: bool = True) -> str:
    """Each number in `text` (words or digits) as its digits, one word per digit; a number
    never runs on past punctuation."""
    out = []
    for piece in _NUMBER_BOUNDARY.split(text.lower()):
        words = re.findall(r"[^\s\-\"()]+", piece)  # a hyphen between words is a space
        run: list[str] = []
        for index, word in enumerate([*words, ""]):
            if word and _is_number_word(words, index):
                run.append(word)
                continue
            out += [digit for number in _digits_from_words(run, digit_runs) for digit in
                    (list(number) if number.isdigit() else [number])]
            run = []
            out += [word] if word else []
    return " ".join(out)


@lru_cache(maxsize=1)
def _normaliser():
    """Whisper's English text normaliser (contractions, US/UK spellings, symbols), with its
    number reading left out: ours keeps phone numbers' groups and leading zeros ("0808"
    would lose its zero, "two thousand, two four seven" become 200247)."""
    from whisper_normalizer.english import EnglishTextNormalizer

    normaliser = EnglishTextNormalizer()
    normaliser.standardize_numbers = lambda text: text
    # "'s" is read as a possessive, not "is": "partner's" and "partners'" sound the same.
    normaliser.replacers[r"'s\b"] = "s"
    return normaliser


def canonical_words(text: str, digit_runs: bool = True) -> list[str]:
    """Words for scoring, the same for what was said and what was heard: numbers as single
    digits, then Whisper's English normalisation, then a few compounds split."""
    words = _normaliser()(_numbers_as_digits(text, digit_runs)).split()
    words = " ".join(_SAME_WORDS.get(word, word) for word in words).split()
    words = [re.sub(r"[^a-z0-9]", "", word) for word in words]  # "8.45" -> 8, 4, 5
    return [part for word in words for part in (list(word) if word.isdigit() else [word])
            if part]


def word_errors(reference: str, heard: str) -> tuple[int, int]:
    """(word edits between the two, words in the reference)."""
    from rapidfuzz.distance import Levenshtein

    said = canonical_words(reference)
    edits = min(Levenshtein.distance(_joined_as_in(said, got), _joined_as_in(got, said))
                for got in _readings(heard))
    return edits, len(said)


def _readings(heard: str) -> list[list[str]]:
    """What was heard, read both ways where the writing is ambiguous: "five hundred eight
    zero eight" may be 508 0 8 (50808) or 500 8 0 8, as "eight hundred seven three three"
    is 800 7 3 3; the listener is given the reading closer to what was said."""
    return [canonical_words(heard), canonical_words(heard, digit_runs=False)]


def _joined_as_in(words: list[str], other: list[str]) -> list[str]:
    """`words` with two neighbours written as one where `other` has them as one word:
    "help line" and "helpline", "life line" and "lifeline" sound the same."""
    compounds = {word for word in other if not word.isdigit()}
    out: list[str] = []
    for word in words:
        if out and out[-1] + word in compounds and not word.isdigit():
            out[-1] += word
        else:
            out.append(word)
    return out


def _digit_runs(words: list[str]) -> list[str]:
    runs, current = [], ""
    for word in [*words, ""]:
        if word.isdigit():
            current += word
        elif current:
            runs.append(current)
            current = ""
    return runs


def number_intact(reference: str, heard: str) -> bool:
    """Each number of the reference came back whole: its digits in order, nothing between."""
    heard_runs = [run for words in _readings(heard) for run in _digit_runs(words)]
    return all(any(number in run for run in heard_runs)
               for number in _digit_runs(canonical_words(reference)))


def _voices():
    """(label, {style: profile}, engine) for each installed voice: every voice says each line
    in its style's profile (pace, pauses), as Hearth would."""
    from assistant.voice.piper_voices import installed_voices, piper_installed
    from assistant.voice.profiles import load_profiles

    profiles = {style: profile for style, profile in load_profiles().items()
                if style in {CRISIS_STYLE, DECK_STYLE, *(style for _, style in EXERCISE_LINES)}}
    found = []
    if piper_installed():
        for files in installed_voices():
            found.append((f"piper {files.name}", {
                style: profile.model_copy(update={
                    "piper": profile.piper.model_copy(update={"voice": str(files.model)})})
                for style, profile in profiles.items()}, "piper"))
    found.append(("espeak-ng", profiles, "espeak"))
    return found


def _as_hearth_says_it(text: str, profile, engine: str):
    """The line through a Speaker into a WAV, as 16 kHz int16 samples for the recognizer
    with quiet around them; None when nothing was written."""
    import tempfile
    from pathlib import Path

    import numpy as np
    import soundfile as sf

    from assistant.audio.files import read_audio
    from assistant.config import Settings
    from assistant.voice.playback import WavSink
    from assistant.voice.speaker import Speaker

    with tempfile.TemporaryDirectory(prefix="hearth-intelligibility-") as tmp:
        out = Path(tmp) / "line.wav"
        settings = Settings(voice_engine=engine, voice=profile.name)
        with Speaker(settings, sink=WavSink(out), profiles={profile.name: profile},
                     strict=True) as speaker:
            speaker.say(text).wait()
        audio = read_audio(out, allow_silence=True) if sf.info(out).frames else None
    if audio is None:
        return None  # nothing was written: the caller says it again and counts it
    audio = audio if audio.dtype == np.int16 else (np.clip(audio, -1, 1) * 32767).astype(np.int16)
    # A listener hears Hearth speak out of quiet (the speaker stream plays silence between
    # replies); a clip that starts on its first sound makes Whisper drop it ("Sit" -> "it").
    quiet = np.zeros(int(QUIET_AROUND * 16000), np.int16)
    return np.concatenate([quiet, audio, quiet])


def listener():
    """The dictation recognizer on this machine as the listener: a function from 16 kHz
    samples to a Transcript. Whisper hears each sentence in its own 30 s window, as it was
    trained: the short window that makes live requests quick went round again on short clips
    ("let's check in" four times) and stopped early on long ones with pauses ("Women's Aid is
    on one eight hundred, ..." heard as "one"), which says nothing about the voice."""
    from assistant.speech import make_recognizer
    from assistant.speech.whisper_engine import WhisperRecognizer

    recognizer = make_recognizer()
    whisper = getattr(recognizer, "_neural", None)
    if isinstance(whisper, WhisperRecognizer):
        return lambda pcm: whisper.transcribe(pcm, "dictation", full_window=True)
    return lambda pcm: recognizer.transcribe(pcm, "dictation")


def run(quick: bool) -> list[tuple[str, str]]:
    """Word error per voice over Hearth's lines, and whether every crisis number came back."""
    from assistant.voice.spoken import spoken_form
    from assistant.voice.synth import split_sentences

    lines = hearth_lines(quick)
    listen = listener()
    tuned = [line for line in lines if not line.held_out]
    crisis = sum(line.crisis for line in tuned)
    held_numbers = sum(line.crisis for line in lines if line.held_out and not line.number_set)
    sets = {name: [line for line in lines if line.number_set == name] for name in NUMBER_SETS}
    sets = {name: set_lines for name, set_lines in sets.items() if set_lines}
    figures = [("lines (crisis lines with numbers; held-out lines, with phone numbers; "
                "other held-out sets of phone numbers)",
                f"{len(tuned)} ({crisis}; "
                f"{sum(line.held_out and not line.number_set for line in lines)}, "
                f"{held_numbers}; {', '.join(str(len(s)) for s in sets.values()) or 'none'})")]
    for label, profiles, engine in _voices():
        edits = words = held_edits = held_words = 0
        broken, misheard, heard_engine, spent, empty = [], [], "", [], 0
        held_broken: list[str] = []
        set_edits = {name: [0, 0] for name in sets}  # name -> [word edits, words]
        set_broken: dict[str, list[str]] = {name: [] for name in sets}
        for line in lines:
            heard = []
            for sentence in split_sentences(line.text):  # a listener's pace: one at a time
                pcm = _as_hearth_says_it(sentence, profiles[line.style], engine)
                if pcm is None:  # seen once: an empty WAV; say it again rather than stop
                    empty += 1
                    pcm = _as_hearth_says_it(sentence, profiles[line.style], engine)
                if pcm is None:
                    raise RuntimeError(f"{label} wrote no audio for {sentence!r} twice")
                started = time.perf_counter()
                transcript = listen(pcm)
                spent.append(time.perf_counter() - started)
                heard_engine, heard = transcript.engine, [*heard, transcript.text]
            wrong, count = word_errors(spoken_form(line.text), " ".join(heard))
            lost = line.crisis and not number_intact(line.text, " ".join(heard))
            if line.number_set:
                set_edits[line.number_set][0] += wrong
                set_edits[line.number_set][1] += count
                set_broken[line.number_set] += \
                    [f"{line.text!r} heard as {' '.join(heard)!r}"] if lost else []
                continue
            if line.held_out:
                held_edits, held_words = held_edits + wrong, held_words + count
                held_broken += [f"{line.text!r} heard as {' '.join(heard)!r}"] if lost else []
                continue
            edits, words = edits + wrong, words + count
            if wrong:
                misheard.append(f"{wrong}: {line.text!r} heard as {' '.join(heard)!r}")
            if lost:
                broken.append(f"{line.text!r} heard as {' '.join(heard)!r}")
        window = ", its 30 s window" if heard_engine == "whisper" else ""
        figures.append((f"{label}: word error ({heard_engine} dictation{window} as the listener)",
                        f"{100 * edits / words:.1f}% of {words} words"))
        if held_words:
            figures.append((f"{label}: word error on the held-out lines",
                            f"{100 * held_edits / held_words:.1f}% of {held_words} words"))
        figures.append((f"{label}: crisis numbers intact",
                        f"{crisis - len(broken)} of {crisis}"))
        figures += [(f"{label}: number lost", text) for text in broken]
        if held_numbers:
            figures.append((f"{label}: held-out phone numbers intact",
                            f"{held_numbers - len(held_broken)} of {held_numbers}"))
            figures += [(f"{label}: held-out number lost", text) for text in held_broken]
        for name, set_lines in sets.items():
            numbers = sum(line.crisis for line in set_lines)
            wrong, count = set_edits[name]
            figures.append((f"{label}: {name}: phone numbers intact; word error",
                            f"{numbers - len(set_broken[name])} of {numbers}; "
                            f"{100 * wrong / max(count, 1):.1f}% of {count} words"))
            figures += [(f"{label}: {name}: number lost", text) for text in set_broken[name]]
        if engine == "piper":  # each line with a word misheard (espeak-ng's are too many)
            figures += [(f"{label}: misheard", text) for text in misheard]
        if empty:
            figures.append((f"{label}: sentences said again (no audio written)", str(empty)))
        figures.append((f"{label}: transcription time per sentence",
                        f"{statistics.median(spent) * 1000:.0f} ms median"))
    return figures
