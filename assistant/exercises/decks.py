"""Decks of prompts, ideas and phrases as YAML files in decks/, drawn without repeats.

A deck file:

    name: prompts                  # the deck's key (also the file name)
    description: Conversation questions
    items:
      - id: deep-01                # stable, unique in the deck: remembered as "seen"
        text: What is a belief you have changed your mind about?
        topic: deep                # optional tag; draw(topic=...) filters on it

Seen items are remembered in the journal ("deck_seen" entries) so nothing repeats across runs
until the deck (or the topic's part of it) is used up; then those items start over
("deck_reset" with their ids).
"""

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from assistant.datafile import load_yaml_model
from assistant.dialogue.steps import Save
from assistant.errors import CatalogueError
from assistant.paths import decks_dir


class DeckItem(BaseModel):
    """One card in a deck."""

    model_config = ConfigDict(extra="forbid")
    id: str  # unique within the deck
    text: str  # what Hearth says
    topic: str | None = None  # optional tag for filtering
    detail: str | None = None  # optional follow-up line


class Deck(BaseModel):
    """A named list of items."""

    model_config = ConfigDict(extra="forbid")
    name: str
    description: str = ""
    items: list[DeckItem]

    def topics(self) -> set[str]:
        """Every topic tag used in the deck."""
        return {item.topic for item in self.items if item.topic}


@cache
def load_deck(name: str, directory: Path | None = None) -> Deck:
    """Load and validate decks/NAME.yaml; errors name the file and the field."""
    path = (directory or decks_dir()) / f"{name}.yaml"
    deck = load_yaml_model(path, Deck, "deck")
    ids = [item.id for item in deck.items]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise CatalogueError(f"duplicate item id(s): {', '.join(sorted(duplicates))}", str(path))
    return deck


def draw(ctx, deck: Deck, topic: str | None = None) -> tuple[DeckItem, list[Save]]:
    """Pick an unseen item (of the topic, if given) and the Save steps that remember it.

    When every matching item has been seen, those items start over: a "deck_reset" naming them
    is saved first, so other topics keep their place.
    """
    pool = [item for item in deck.items if topic is None or item.topic == topic]
    if not pool:
        raise CatalogueError(f"no items with topic '{topic}'", f"decks/{deck.name}.yaml")
    seen = ctx.journal.seen(deck.name)
    fresh = [item for item in pool if item.id not in seen]
    saves = []
    if not fresh:
        fresh = pool
        saves.append(Save("deck_reset", {"deck": deck.name, "items": [i.id for i in pool]}))
    item = ctx.rng.choice(fresh)
    saves.append(Save("deck_seen", {"deck": deck.name, "item": item.id}))
    return item, saves
