"""What an exercise may read while it runs: names, settings, decks, the journal, the pace."""

import random
from dataclasses import dataclass, field

from assistant.config import Settings


@dataclass
class Context:
    """Handed to every exercise by the runner."""

    partners: list[str]  # two names, in the order they answer
    settings: Settings
    journal: object  # assistant.journal.Journal: read queries only; write through Save steps
    slots: dict = field(default_factory=dict)  # slots of the request that started the exercise
    pace: float = 1.0  # multiplied by the runner on "slower"; timed exercises scale by it
    rng: random.Random = field(default_factory=random.Random)
    speaker: str | None = None  # who started the request, when known
    request: str = ""  # the words of the request that started the exercise
