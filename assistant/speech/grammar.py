"""Words as recognisers hear them: numbers spelled out, punctuation dropped."""

import re

from assistant.understanding.normalise import number_words


DIGITS = "zero one two three four five six seven eight nine".split()


def _number_said(digits: str) -> str:
    """A number as words; with a leading zero it is a phone number or code ("0808"), said
    digit by digit, since as a quantity the zero would be lost."""
    if len(digits) > 1 and digits.startswith("0"):
        return " ".join(DIGITS[int(d)] for d in digits)
    return number_words(int(digits))


def spoken_words(text: str) -> list[str]:
    """Words as a recogniser would hear them: lower case, digits spelled, no punctuation."""
    text = text.lower().replace("-", " ").replace("’", "'")
    text = re.sub(r"\d+", lambda m: f" {_number_said(m.group())} ", text)
    text = re.sub(r"[^a-z' ]+", " ", text)
    return [w.strip("'") for w in text.split() if w.strip("'")]
