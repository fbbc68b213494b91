"""The bedtime ritual: the steps in settings.bedtime_steps, in order (phones away, one
appreciation each, an optional reading timer, three slow breaths, good night).

Each appreciation is saved as a "gratitude" entry when given; a "bedtime" entry
{"steps", "appreciations", "reading_minutes"} is saved at the end and counts for streaks.
"""

import re

from assistant.dialogue import reflection
from assistant.dialogue.context import Context
from assistant.dialogue.steps import Ask, Chime, Pause, Save, Say, Script
from assistant.exercises.answer_words import is_empty, is_no, is_skip, is_yes
from assistant.understanding.answers import read_minutes
from assistant.exercises.partners import SOMEONE, together, turns

INTENTS = ("ritual.bedtime",)
NAME = "the bedtime ritual"
COUPLES = True  # a couples exercise: left aside once abuse is mentioned
GROUP = "together"  # where "help" names it
ABOUT = (  # what "help with ..." says
    "The bedtime ritual: phones away, one appreciation each, reading time with a timer if "
    "you like, three slow breaths, and good night.")

BREATH_IN, BREATH_OUT = 4.0, 6.0  # seconds, stretched by "slower"
READING_SAID = (5, 60)  # minutes: a reading time said in the answer is kept within these
_TIME_WORDS = re.compile(r"\b(?:min|mins|minutes?|hours?|hrs?)\b|^\W*\d+\W*$", re.IGNORECASE)


PHONES_READY = ("done", "ready", "away", "ok", "okay", "yes", "yep", "sure", "finished",
                "gone", "put away", "all set", "go on", "next")  # "done" is not "stop" here


def _phones(ctx: Context) -> Script:
    """Wait until the phones are away: whatever they say next is that they are (or they moved
    on); it is never taken as an answer to a later question."""
    yield Ask("First, let's put the phones away. Face down, or out of reach. Tell me when "
              "they're away.", style="calm", answers=PHONES_READY)
    return {}


def _appreciation(ctx: Context) -> Script:
    given = 0
    for giver, receiver in turns(ctx.partners):
        answer = yield Ask(f"{giver}, what's one thing you appreciated about "
                           f"{receiver or SOMEONE} today?",
                           mode="dictation", partner=giver, style="calm")
        if answer is None:
            return None
        if is_skip(answer) or is_empty(answer) or reflection.is_filler(answer.text):
            yield Say(f"That's all right, {giver}.", style="calm")  # "nothing really": a pass
            continue
        yield Save("gratitude", {"about": receiver, "text": answer.text.strip(), "why": None,
                                 "source": "bedtime"}, partner=giver)
        given += 1
        yield Say(f"Thank you, {giver}.", style="calm")
    return {"appreciations": given}


def _reading(ctx: Context) -> Script:
    minutes = ctx.settings.reading_minutes
    answer = yield Ask(f"Would you like to read together for {minutes} minutes? "
                       "I'll chime softly when the time is up.", style="calm")
    if answer is None:
        return None
    # "yeah, let's read for 15 minutes": the time said (not "a couple of chapters")
    said = read_minutes(answer.text) if _TIME_WORDS.search(answer.text) else None
    if said is None and not is_yes(answer) or is_no(answer):
        yield Say("That's fine, we'll skip reading tonight.", style="calm")
        return {"reading_minutes": 0}
    if said is not None:
        minutes = min(max(said, READING_SAID[0]), READING_SAID[1])
    yield Say(f"Enjoy your reading. I'll stay quiet for {minutes} minutes, until the chime.",
              style="calm")
    yield Pause(minutes * 60)  # a timer, not a breath: "slower" does not stretch it
    yield Chime("timer")
    yield Say("That's your reading time. Find a good place to stop.", style="calm")
    return {"reading_minutes": minutes}


def _breaths(ctx: Context) -> Script:
    yield Say("Now, three slow breaths together.", style="calm")
    for n in range(3):
        yield Chime("inhale")
        yield Say("Breathe in", style="calm")
        yield Pause(BREATH_IN * ctx.pace)
        yield Chime("exhale")
        yield Say("And out" if n < 2 else "And all the way out", style="calm")
        yield Pause(BREATH_OUT * ctx.pace)
    return {}


def _goodnight(ctx: Context) -> Script:
    yield Say(f"Good night, {together(ctx.partners)}. Sleep well.", style="calm")
    return {}


STEPS = {
    "phones": _phones,
    "appreciation": _appreciation,
    "reading": _reading,
    "breaths": _breaths,
    "goodnight": _goodnight,
}


def run(ctx: Context) -> Script:
    """Walk through the configured steps and record the ritual."""
    yield Say("Let's wind down together.", style="calm")
    record: dict = {"steps": [], "appreciations": 0, "reading_minutes": 0}
    for name in ctx.settings.bedtime_steps:
        done = yield from STEPS[name](ctx)
        if done is None:  # nobody answered: close gently
            yield Say("Let's leave it there. Rest well.", style="calm")
            return
        record.update(done)
        record["steps"].append(name)
    yield Save("bedtime", record)
