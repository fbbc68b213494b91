"""Every deck file checked at once, so a broken deck is found when Hearth starts (and by
`hearth doctor`), not half-way through an exercise."""

from pathlib import Path

from assistant.errors import HearthError
from assistant.exercises.decks import load_deck
from assistant.exercises.phrases import (
    BlamePatterns, DistanceCheck, EmpathyPhrases, load_phrases,
)
from assistant.paths import decks_dir

# The decks the exercises draw from (decks/NAME.yaml, the deck format).
DECKS = ("prompts", "listening", "shared_activities", "affection", "affection_consent",
         "selfcare", "grounding")
# The phrase files, each with its own format.
PHRASE_FILES = {"empathy_phrases": EmpathyPhrases, "blame_patterns": BlamePatterns,
                "distance_check": DistanceCheck}


def deck_problems(directory: Path | None = None) -> list[str]:
    """One line per deck or phrase file that is missing or invalid (file and field named)."""
    directory = directory or decks_dir()
    if not directory.is_dir():
        return [f"{directory}: the decks folder is missing (HEARTH_DECKS_DIR or the project's "
                "decks/); restore it from the project"]
    problems = []
    for name in DECKS:
        try:
            load_deck(name, directory)
        except HearthError as exc:
            problems.append(str(exc))
    for name, model in PHRASE_FILES.items():
        try:
            load_phrases(name, model, directory)
        except HearthError as exc:
            problems.append(str(exc))
    return problems
