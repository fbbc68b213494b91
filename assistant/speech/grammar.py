"""Words as recognisers hear them: numbers spelled out, punctuation dropped."""

import re

from assistant.understanding.normalise import number_words


def spoken_words(text: str) -> list[str]:
    """Words as a recogniser would hear them: lower case, digits spelled, no punctuation."""
    text = text.lower().replace("-", " ").replace("’", "'")
    text = re.sub(r"\d+", lambda m: f" {number_words(int(m.group()))} ", text)
    text = re.sub(r"[^a-z' ]+", " ", text)
    return [w.strip("'") for w in text.split() if w.strip("'")]
