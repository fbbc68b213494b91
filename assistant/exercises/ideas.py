"""Ideas for shared rituals and experiences (idea.shared_activity), and the card loop that idea
and self-care scripts share: draw without repeats, "another one" or skip for the next, no or
stop to finish.
"""

from collections.abc import Callable

from assistant.dialogue import reflection
from assistant.dialogue.context import Context
from assistant.dialogue.steps import Ask, Say, Script
from assistant.exercises.decks import DeckItem, draw, load_deck
from assistant.exercises.replies import card_reply
from assistant.understanding.boundaries import about_touch, names_a_boundary

INTENTS = ("idea.shared_activity",)
NAME = "an idea to do together"
COUPLES = True  # a couples exercise: left aside once abuse is mentioned
GROUP = "together"  # where "help" names it
ABOUT = (  # what "help with ..." says
    "Ideas for time together, small rituals and outings, one at a time. Say another for a "
    "different one.")


ABOUT_IT = "How does that sound? Say another for a different one, or done."
CARD_ANSWERS = ("another", "one more", "done", "that one", "next", "something else")
BOUNDARY_HEARD = ("Thank you for telling me. What your partner doesn't want matters as much "
                  "as what they do, and knowing it is its own kind of closeness.")


SHARED_WORDS = 5  # a longer answer to "another one?" is something shared, not a reply


def offer_cards(ctx: Context, deck_name: str, style: str, topic: str | None = None,
                after: Callable[[DeckItem], Script] | None = None,
                question: str = ABOUT_IT, yes_means: str = "done",
                listens: bool = False) -> Script:
    """Offer cards one by one until the person has enough; `after` adds steps after each card.
    Turning an idea down brings another; a boundary ("he hates being touched") is acknowledged
    and the next ideas leave that kind aside. `listens`: something shared instead of an answer
    ("i'm worried about my mum's operation") is acknowledged before closing."""
    deck = load_deck(deck_name)
    avoid: str | None = None
    while True:  # until done, or nobody answers
        item, saves = draw(ctx, deck, topic or _other_topic(ctx, deck, avoid))
        for save in saves:
            yield save
        yield Say(item.text, style=style)
        if item.detail:
            yield Say(item.detail, style=style)
        if after:
            yield from after(item)
        answer = yield Ask(question, partner=ctx.speaker, style=style, answers=CARD_ANSWERS)
        if answer is None:
            return
        if names_a_boundary(answer.text):
            yield Say(BOUNDARY_HEARD, style="warm")
            avoid = "touch" if about_touch(answer.text) else item.topic
            if topic == avoid:
                topic = None
            yield Say("I'll leave touch aside. Here's something different." if avoid == "touch"
                      else "Here's something different.", style=style)
            continue
        reply = card_reply(answer, yes_means)
        if reply != "another":
            if listens and len(answer.text.split()) > SHARED_WORDS:
                feeling = reflection.feeling_in(answer.text)
                yield Say(f"Thank you for telling me. It sounds like you're feeling {feeling}, "
                          "and that's okay." if feeling else "Thank you for telling me that.",
                          style="warm")
            return
        if yes_means == "done":
            yield Say("Sure, here's another.", style=style)


def _other_topic(ctx: Context, deck, avoid: str | None) -> str | None:
    """Any topic but the one to avoid (None: any at all)."""
    if avoid is None:
        return None
    others = sorted(t for t in deck.topics() if t != avoid)
    return ctx.rng.choice(others) if others else None


def run(ctx: Context) -> Script:
    """Ideas for time together, one at a time."""
    yield Say("Here's something you could do together.", style="bright")
    yield from offer_cards(ctx, "shared_activities", style="bright")
    yield Say("Enjoy your time together.", style="bright")
