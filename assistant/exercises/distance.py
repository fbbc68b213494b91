"""The emotional-distance self-check: yes/no questions on the signs of distance, a result band in
kind words, a comparison with last time, and next steps that start the matching exercise.

Questions and bands live in decks/distance_check.yaml. The result is stored as an "assessment"
entry: {"name": "distance", "answers": {id: true|false|null}, "yes_count", "asked", "band",
"complete"}; null means skipped.
"""

from assistant.dialogue.context import Context
from assistant.dialogue.steps import Ask, Exit, Save, Say, Script
from assistant.exercises.answer_words import is_skip, is_yes, join_words
from assistant.exercises.phrases import DistanceCheck, DistanceQuestion, distance_check
from assistant.exercises.replies import yes_no

INTENTS = ("assessment.distance",)
NAME = "the closeness self-check"
COUPLES = True  # a couples exercise: left aside once abuse is mentioned
GROUP = "together"  # where "help" names it
ABOUT = (  # what "help with ..." says
    "The closeness self-check is nine yes-or-no questions about the last few weeks, with "
    "a next step for each sign you notice.")

MAX_OFFERS = 2  # next steps offered before saying goodbye
COUNSELLING_FROM = 6  # this many signs: a couples counsellor is worth mentioning
COUNSELLING = ("When this many signs show up, it can really help to talk things through with a "
               "couples counsellor. That's not a sign of failure; it's a way of getting support "
               "for both of you.")
COUNSELLING_OFFER = ("help.professional",
                     "Would you like to hear how to find a couples counsellor?")
CLOSE_OFFER = ("idea.shared_activity", "Would you like an idea for something to enjoy together, "
               "to keep that closeness going?")


def previous_result(ctx: Context) -> dict | None:
    """The last complete distance check of this partner, or None."""
    past = [e for e in ctx.journal.entries(kind="assessment", partner=ctx.speaker)
            if e.data.get("name") == "distance" and e.data.get("complete")]
    return {**past[-1].data, "date": past[-1].created_at} if past else None


def comparison(before: dict | None, yes_count: int, asked: int) -> str | None:
    """A kind sentence comparing today with the last check, or None the first time."""
    if before is None:
        return None
    then = before["yes_count"]
    when = before["date"].astimezone().strftime("%B %-d")
    if yes_count < then:
        return (f"On {when} you noticed {then} of these signs; today {yes_count}. "
                "Things are moving closer. Well done, both of you.")
    if yes_count > then:
        return (f"On {when} you noticed {then} of these signs; today {yes_count}. "
                "A little more distance than last time. That's useful to know, not a failure.")
    return f"That's the same as on {when}. Steady is a fine place to build from."


def next_steps(questions: list[DistanceQuestion], answers: dict) -> list[tuple[str, str]]:
    """(intent, offer) for the signs answered yes, in question order, without repeats."""
    steps: list[tuple[str, str]] = []
    for question in questions:
        if answers.get(question.id) and question.next not in [s[0] for s in steps]:
            steps.append((question.next, question.offer))
    return steps


def _ask_yes_no(ctx: Context, question: DistanceQuestion) -> Script:
    """Ask once, and once more if the answer was unclear; True, False, "skip" or "gone"."""
    answer = yield Ask(question.text, partner=ctx.speaker, style="calm")
    for attempt in range(2):
        if answer is None:
            return "gone"
        if is_skip(answer):
            return "skip"
        reading = yes_no(answer)
        if reading is not None:
            return reading
        if attempt == 0:
            answer = yield Ask("A simple yes or no is enough. " + question.text,
                               partner=ctx.speaker, style="calm")
    return "skip"


def run(ctx: Context) -> Script:
    """Ask the questions, say the band and the change since last time, offer the next step."""
    check: DistanceCheck = distance_check()
    before = previous_result(ctx)
    yield Say(check.intro, style="calm")
    answers: dict[str, bool | None] = {}
    saved = None  # the one "assessment" entry, saved after the first answer and kept current

    def record(complete: bool) -> Save:
        asked = sum(1 for value in answers.values() if value is not None)
        yes_count = sum(1 for value in answers.values() if value)
        return Save("assessment", {"name": "distance", "answers": dict(answers),
                                   "yes_count": yes_count, "asked": asked,
                                   "band": check.band_for(yes_count).id, "complete": complete},
                    partner=ctx.speaker, replaces=saved)

    complete = True
    for question in check.questions:
        reading = yield from _ask_yes_no(ctx, question)
        if reading == "gone":
            complete = False
            break
        answers[question.id] = None if reading == "skip" else reading
        last = len(answers) == len(check.questions)
        saved = yield record(complete=last)  # each answer is kept the moment it is given
    if saved is None:
        yield record(complete=False)
    asked = sum(1 for value in answers.values() if value is not None)
    yes_count = sum(1 for value in answers.values() if value)
    band = check.band_for(yes_count)
    if not complete:
        yield Say("We can finish this another time. What you answered is kept.", style="calm")
        return
    yield Say("Thank you for answering honestly.", style="warm")
    yield Say(band.text, style="warm")
    signs = [q.sign for q in check.questions if answers.get(q.id)]
    if signs:
        yield Say(f"What you noticed: {join_words(signs)}.", style="calm")
    compared = comparison(before, yes_count, asked)
    if compared:
        yield Say(compared, style="warm")
    offers = next_steps(check.questions, answers) or [CLOSE_OFFER]
    if yes_count >= COUNSELLING_FROM:
        yield Say(COUNSELLING, style="warm")
        offers = [COUNSELLING_OFFER, *offers]
    for intent, offer in offers[:MAX_OFFERS]:
        answer = yield Ask(offer, partner=ctx.speaker)
        if answer is None:
            return
        if is_yes(answer):
            return Exit(next_intent=intent)
    yield Say("Any of these is here whenever you want it. Small steps count.", style="warm")
