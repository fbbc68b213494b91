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


# Digit groups written together ("0808, 2000-247", "01. 554-3811"): a phone number or code.
_GROUPED = re.compile(r"\d+(?:(?:, ?| |-|\. ?)\d+)+")
PHONE_DIGITS = 7  # groups holding this many digits in all are a phone number, not quantities


def _grouped_said(match: re.Match) -> str:
    """A phone number written in groups, said digit by digit: as quantities its groups would
    run together ("2000-247" would come out "two thousand two hundred forty seven")."""
    digits = "".join(re.findall(r"\d", match.group()))
    if len(digits) < PHONE_DIGITS:
        return match.group()  # "20-30 minutes", "7, 8 hours": quantities
    return " " + " ".join(DIGITS[int(d)] for d in digits) + " "


def spoken_words(text: str) -> list[str]:
    """Words as a recogniser would hear them: lower case, digits spelled, no punctuation."""
    text = _GROUPED.sub(_grouped_said, text)
    text = text.lower().replace("-", " ").replace("’", "'")
    text = re.sub(r"\d+", lambda m: f" {_number_said(m.group())} ", text)
    text = re.sub(r"[^a-z' ]+", " ", text)
    return [w.strip("'") for w in text.split() if w.strip("'")]
