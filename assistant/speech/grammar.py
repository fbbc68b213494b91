"""The command language: sentences from the intent catalogue, turned into what engines load.

Command mode must recognise catalogue phrasings well and still let other talk through, so the
matcher can answer `none` instead of forcing it into an intent. For PocketSphinx that is a
trigram model of the catalogue's sentences plus a thin unigram layer of common English words
(derived from PocketSphinx's own general model, see common_words.txt) reached by back-off.
"""

import logging
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from io import StringIO
from pathlib import Path

logger = logging.getLogger(__name__)

COMMON_WORDS_FILE = Path(__file__).with_name("common_words.txt")
_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_words(n: int) -> str:
    """0..999 as spoken words ("47" -> "forty seven"); larger numbers digit by digit."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return _ONES[n // 100] + " hundred" + ("" if rest == 0 else " " + number_words(rest))
    return " ".join(_ONES[int(d)] for d in str(n))


def spoken_words(text: str) -> list[str]:
    """Words as a recogniser would hear them: lower case, digits spelled, no punctuation."""
    text = text.lower().replace("-", " ").replace("’", "'")
    text = re.sub(r"\d+", lambda m: f" {number_words(int(m.group()))} ", text)
    text = re.sub(r"[^a-z' ]+", " ", text)
    return [w.strip("'") for w in text.split() if w.strip("'")]


@lru_cache(maxsize=1)
def common_words() -> tuple[str, ...]:
    """The most frequent English words, most frequent first."""
    return tuple(COMMON_WORDS_FILE.read_text(encoding="utf-8").split())


def catalogue_sentences(max_repeat: int = 20) -> list[str]:
    """The intent catalogue's example sentences as spoken words, one line per count.

    Intents with few examples (the short controls: "yes", "stop") are repeated so that each
    intent weighs about as much as a typical one in the model, up to `max_repeat` times.
    """
    from assistant.understanding.catalogue import load_catalogue

    by_intent: dict[str, dict[str, None]] = {}
    for intent, sentence in load_catalogue().examples():
        words = spoken_words(sentence)
        if words:
            by_intent.setdefault(intent, {})[" ".join(words)] = None
    if not by_intent:
        return []
    sizes = sorted(len(s) for s in by_intent.values())
    typical = sizes[len(sizes) // 2]
    lines = []
    for sentences in by_intent.values():
        repeat = min(max_repeat, max(1, round(typical / len(sentences))))
        lines.extend(s for s in sentences for _ in range(repeat))
    return lines


def command_arpa(
    sentences: Iterable[str],
    known: Callable[[str], bool],
    filler_words: Iterable[str] = (),
    filler_share: float = 0.05,
) -> str:
    """An ARPA trigram model of `sentences`, plus `filler_words` sharing `filler_share` of the
    unigram mass; words for which `known(word)` is false (no pronunciation) are left out."""
    from pocketsphinx.lm import ArpaBoLM

    kept, dropped = [], set()
    for sentence in sentences:
        words = sentence.split()
        missing = [w for w in words if not known(w)]
        if missing:
            dropped.update(missing)
            continue
        kept.append(sentence)
    if dropped:
        logger.info("command grammar: %d words have no pronunciation, e.g. %s",
                    len(dropped), sorted(dropped)[:5])
    if not kept:
        kept = ["yes", "no", "stop", "help"]
    model = ArpaBoLM(text="\n".join(kept), add_start=True)
    tokens = sum(model.grams_1.values())
    fillers = [w for w in filler_words if known(w) and w not in model.grams_1]
    if fillers:
        # Each filler word gets an equal small count so that together they hold filler_share.
        count = max(1, round(filler_share * tokens / (1 - filler_share) / len(fillers)))
        for word in fillers:
            model.grams_1[word] = count
    model.compute()
    out = StringIO()
    model.write(out)
    return out.getvalue()
