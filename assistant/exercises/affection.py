"""Small affectionate gestures (idea.affection), each framed by consent: after every gesture
Hearth reminds the user to check what feels good to their partner right now.
"""

from assistant.dialogue.context import Context
from assistant.dialogue.steps import Say, Script
from assistant.exercises.decks import DeckItem, load_deck
from assistant.exercises.ideas import offer_cards

INTENTS = ("idea.affection",)
NAME = "an affection idea"
COUPLES = True  # a couples exercise: left aside once abuse is mentioned
GROUP = "together"  # where "help" names it
ABOUT = (  # what "help with ..." says
    "Small gestures of affection, one at a time, each with a reminder to check what feels "
    "good to your partner.")


def run(ctx: Context) -> Script:
    """Gestures one at a time, each with a consent reminder."""
    reminders = load_deck("affection_consent").items

    def consent(_item: DeckItem) -> Script:
        yield Say(ctx.rng.choice(reminders).text, style="warm")

    yield Say("Here's a small way to show affection.", style="bright")
    yield from offer_cards(ctx, "affection", style="bright", after=consent)
    yield Say("Small gestures, given freely, add up to a lot.", style="warm")
