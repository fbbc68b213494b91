"""Pull normalised slot values (minutes, pattern, topic) out of an utterance."""

import re

from assistant.understanding.catalogue import Catalogue

# Durations people say without a digit; a spoken "four minutes" is already "4 minutes".
# "one" and "two" stay words after normalising (they are too often not numbers), so small
# counts are read here, only right before a unit.
_SMALL = {"one": 1, "two": 2, "a couple of": 2, "couple of": 2, "a few": 3}
_DURATION = re.compile(
    r"\b(?:(?P<n>\d+|one|two|a couple of|couple of|a few)\s*(?P<unit>minutes?|mins?|hours?|hrs?)"
    r"|(?P<one>a|an|1) (?P<unit1>minute|hour)|(?P<half>half an hour|half hour))\b"
)
_BARE_NUMBER = re.compile(r"\b(\d+)\b")


def minutes_in(text: str) -> int | None:
    """Minutes in a normalised duration phrase ("5 minutes", "half an hour", "an hour")."""
    match = _DURATION.search(text)
    if not match:
        return None
    if match["half"]:
        return 30
    if match["one"]:
        return 60 if match["unit1"] == "hour" else 1
    value = _SMALL.get(match["n"]) or int(match["n"])
    return value * 60 if match["unit"].startswith("h") else value


def extract_slots(catalogue: Catalogue, intent: str, text: str) -> dict:
    """The slots the intent's templates use, found in normalised `text`."""
    slots: dict = {}
    padded = f" {text} "
    for name in sorted(catalogue.intent_slots.get(intent, ())):
        if name in catalogue.slot_ranges:
            low, high = catalogue.slot_ranges[name]
            value = minutes_in(text) if name == "minutes" else None
            if value is None and name != "minutes":
                bare = _BARE_NUMBER.search(text)
                value = int(bare.group(1)) if bare else None
            if value is not None:
                slots[name] = min(max(value, low), high)
            continue
        for phrase, value in catalogue.slot_phrases.get(name, ()):
            if phrase and f" {phrase} " in padded:
                slots[name] = value
                break
    return slots
