"""Small talk: greetings, thanks, "how are you", goodbyes, and strain said as hyperbole ("this
fight is killing me"), so Hearth answers warmly instead of refusing. The crisis guard runs
before this; nothing here decides safety."""

import re

from assistant.understanding.normalise import normalise

_KINDS = (
    ("thanks", r"^(?:thanks?|thank you|thank u|ty|cheers|much appreciated|thanks? (?:so|very) "
               r"much|thank you (?:so|very) much|thanks a (?:lot|bunch)|thank you hearth|"
               r"thanks hearth|that (?:was|is) (?:helpful|lovely|great|nice))\b"),
    ("how_are_you", r"\bhow are you\b|\bhow is it going\b|\bhow are things\b|\bhow have you "
                    r"been\b|\bhow do you do\b"),
    ("greeting", r"^(?:hi|hello|hey|hiya|howdy|yo|good (?:morning|afternoon|evening)|"
                 r"morning|evening|hi there|hello there|hey there)\b"),
    ("strain", r"\b(?:killing me|driving me (?:crazy|mad|nuts|up the wall)|going to explode|"
               r"losing my mind|at my wits end|at the end of my rope|sick of (?:this|it|him|"
               r"her|them|fighting)|had enough|so done with (?:this|him|her|it)|can not take "
               r"(?:this|it) (?:fight|argument)|(?:this|these|our) (?:fight|fights|argument|"
               r"arguments|row|rows) (?:is|are) (?:too much|exhausting|awful|horrible))"),
)
_COMPILED = [(kind, re.compile(pattern)) for kind, pattern in _KINDS]
SHORT = 8  # words: a greeting or thanks at the start of a long sentence is not small talk


def small_talk(text: str) -> str | None:
    """"greeting", "thanks", "how_are_you", "strain", or None."""
    said = normalise(text)
    for kind, pattern in _COMPILED:
        if pattern.search(said) and (kind == "strain" or len(said.split()) <= SHORT):
            return kind
    return None
