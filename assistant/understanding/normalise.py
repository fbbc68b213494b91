"""Text normalisation shared by templates and utterances, so both sides look alike."""

import re
import unicodedata
from functools import lru_cache

from text_to_num import alpha2digit

# Contractions are expanded rather than stripped so "i'm" and "i am" match the same template.
CONTRACTIONS = {
    "i'm": "i am", "i've": "i have", "i'll": "i will", "i'd": "i would",
    "you're": "you are", "you've": "you have", "you'll": "you will", "you'd": "you would",
    "he's": "he is", "she's": "she is", "it's": "it is", "that's": "that is",
    "there's": "there is", "what's": "what is", "who's": "who is", "how's": "how is",
    "where's": "where is", "when's": "when is", "here's": "here is",
    # Without these "he'll" would lose its apostrophe and read as "hell".
    "he'll": "he will", "she'll": "she will", "it'll": "it will", "that'll": "that will",
    "he'd": "he would", "she'd": "she would", "it'd": "it would", "who'd": "who would",
    "they'd": "they would", "there'll": "there will", "what'll": "what will",
    "shouldn't've": "should not have", "would've": "would have", "could've": "could have",
    "should've": "should have", "might've": "might have", "must've": "must have",
    "mightn't": "might not", "mustn't": "must not", "needn't": "need not",
    "we're": "we are", "we've": "we have", "we'll": "we will", "we'd": "we would",
    "they're": "they are", "they've": "they have", "they'll": "they will",
    "let's": "let us", "lets": "let us", "can't": "can not", "cannot": "can not",
    "won't": "will not", "don't": "do not", "doesn't": "does not", "didn't": "did not",
    "isn't": "is not", "aren't": "are not", "wasn't": "was not", "weren't": "were not",
    "haven't": "have not", "hasn't": "has not", "hadn't": "had not",
    "wouldn't": "would not", "shouldn't": "should not", "couldn't": "could not",
    "gonna": "going to", "wanna": "want to", "gotta": "got to", "kinda": "kind of",
    "y'all": "you all", "ain't": "is not", "c'mon": "come on", "ok": "okay",
    "o.k.": "okay", "pls": "please", "plz": "please", "thx": "thanks", "idk": "i do not know",
}
# Hesitations carry no meaning; "like" and "so" do, so they stay.
# Said for "yes" but built of sounds that are otherwise fillers; read before fillers are dropped.
AFFIRMING_SOUNDS = {"uh huh": "yes", "mm hmm": "yes", "mhm": "yes", "mmhmm": "yes", "uhhuh": "yes"}
FILLERS = {"um", "umm", "uh", "uhh", "uhm", "erm", "er", "hmm", "hm", "mm", "mmm", "ah"}
WAKE_WORDS = ("hey hearth", "hi hearth", "okay hearth", "ok hearth", "hello hearth", "hearth")

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_WORD = re.compile(r"[a-z0-9']+")
_AFFIRMING = re.compile(r"\b(?:" + "|".join(AFFIRMING_SOUNDS) + r")\b")


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Lowercase, expand contractions, drop fillers and punctuation, number words to digits."""
    words = plain_words(text)
    return alpha2digit(words, "en") if words else ""


def plain_words(text: str) -> str:
    """Everything `normalise` does except turning number words into digits."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
    text = text.replace("-", " ")
    text = _AFFIRMING.sub(lambda m: AFFIRMING_SOUNDS[m.group(0)], text)
    words = []
    for word in _WORD.findall(text):
        word = CONTRACTIONS.get(word, word)
        if word in FILLERS:
            continue
        words.append(word.replace("'s", "s").replace("'", ""))
    joined = " ".join(words)
    for wake in WAKE_WORDS:
        if joined.startswith(wake + " ") or joined == wake:
            joined = joined[len(wake):].strip()
            break
    return joined


@lru_cache(maxsize=1024)
def number_words(n: int) -> str:
    """A number as it is spoken: 47 -> "forty seven" (the words speech engines know)."""
    return _speller().format_number(n).text.replace("-", " ")


@lru_cache(maxsize=1)
def _speller():
    from unicode_rbnf import RbnfEngine  # hassil's own number speller, loaded when needed

    return RbnfEngine.for_language("en")
