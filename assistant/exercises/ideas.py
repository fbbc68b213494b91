"""Ideas for shared rituals and experiences (idea.shared_activity), and the card loop that idea
and self-care scripts share: draw without repeats, "another one" or skip for the next, no or
stop to finish.
"""

from collections.abc import Callable

from assistant.dialogue.context import Context
from assistant.dialogue.steps import Ask, Say, Script
from assistant.exercises.decks import DeckItem, draw, load_deck
from assistant.exercises.replies import wants_another, wants_done

INTENTS = ("idea.shared_activity",)
NAME = "an idea to do together"
COUPLES = True  # a couples exercise: left aside once abuse is mentioned


def offer_cards(ctx: Context, deck_name: str, style: str, topic: str | None = None,
                after: Callable[[DeckItem], Script] | None = None) -> Script:
    """Offer cards one by one until the user has enough; `after` adds steps after each card."""
    deck = load_deck(deck_name)
    while True:
        item, saves = draw(ctx, deck, topic)
        for save in saves:
            yield save
        yield Say(item.text, style=style)
        if item.detail:
            yield Say(item.detail, style=style)
        if after:
            yield from after(item)
        answer = yield Ask("Would you like another one?", partner=ctx.speaker, style=style)
        if answer is None:
            return
        if wants_done(answer) or not wants_another(answer):
            return


def run(ctx: Context) -> Script:
    """Ideas for time together, one at a time."""
    yield Say("Here's something you could do together.", style="bright")
    yield from offer_cards(ctx, "shared_activities", style="bright")
    yield Say("Enjoy your time together.", style="bright")
