"""The conflict cool-down: acknowledge, check safety, a break of at least twenty minutes with
guided slow breathing, an agreed return, and a soft start-up when the couple comes back.

Timing: the break's end is a WaitUntil counted from when the cool-down began (the moment the
time-out was called), so spoken cues never shorten it. Stored as "cooldown" entries:
{"phase": "break", "minutes"} when the break starts, {"phase": "return", "minutes",
"extra_minutes"} when they come back.
"""

from datetime import timedelta

from assistant.dialogue.context import Context
from assistant.dialogue.steps import Ask, Chime, Exit, Pause, Save, Say, Script, WaitUntil
from assistant.exercises.answer_words import is_no, is_yes
from assistant.exercises.replies import FEAR_WORDS, mentions_any, minutes_in

INTENTS = ("conflict.cooldown",)
NAME = "a cool-down break"
COUPLES = True  # a couples exercise: left aside once abuse is mentioned
GROUP = "together"  # where "help" names it
ABOUT = (  # what "help with ..." says
    "When an argument gets heated, a cool-down break gives you both time apart to settle, "
    "and a time to come back and talk.")

MIN_BREAK = 20  # minutes: a shorter break rarely lets a racing body settle
EXTRA_BREAK = 10  # minutes added when they are not ready yet
SOOTHING_BREATHS = 5
INHALE, EXHALE = 4.0, 6.0  # seconds: a longer out-breath slows the heart


def break_minutes(asked: int | None) -> int:
    """The break length: what was asked for, but never under twenty minutes."""
    return max(MIN_BREAK, asked or MIN_BREAK)


# Doubt in answer to "do you feel safe?" ("I don't know, he's really angry").
DOUBT_WORDS = ["don't know", "do not know", "dont know", "not sure", "unsure", "dunno",
               "maybe", "i guess", "kind of", "sort of", "idk"]


def _safety(ctx: Context) -> Script:
    """True when safe, False when not, None when nobody answered."""
    answer = yield Ask("Before anything else: do you feel safe right now?", partner=ctx.speaker,
                       style="calm")
    for attempt in range(2):
        if answer is None:
            return None
        if is_no(answer) or mentions_any(answer.text, FEAR_WORDS + DOUBT_WORDS):
            return False  # not feeling sure of being safe is reason enough for the resources
        if is_yes(answer):
            return True
        if attempt == 0:
            answer = yield Ask("Just yes or no: do you feel safe right now?", partner=ctx.speaker,
                               style="calm")
    yield Say("If that changes, say 'I don't feel safe', and I'll help straight away.",
              style="calm")
    return True


def _agree_length(ctx: Context) -> Script:
    """Propose the break and settle on its length in minutes (None if nobody answered)."""
    asked = ctx.slots.get("minutes")
    minutes = break_minutes(asked if isinstance(asked, int) else None)
    if isinstance(asked, int) and asked < MIN_BREAK:
        yield Say(f"Let's make it {MIN_BREAK} rather than {asked}. A body that's been in a fight "
                  "needs about that long to calm down.", style="calm")
    answer = yield Ask(f"Let's take a break of {minutes} minutes, apart from each other. "
                       "Is that alright, or would you like longer?", partner=ctx.speaker,
                       style="calm")
    if answer is None:
        return None
    wanted = minutes_in(answer)
    if wanted is None and is_no(answer):
        answer = yield Ask(f"How many minutes would you like? At least {MIN_BREAK}.",
                           partner=ctx.speaker, style="calm")
        wanted = minutes_in(answer) if answer is not None else None
    if wanted is not None and wanted < MIN_BREAK:
        yield Say(f"I'll keep it at {minutes}; shorter breaks tend to restart the fight.",
                  style="calm")
    return break_minutes(max(wanted or 0, minutes))


def _soothing(ctx: Context) -> Script:
    """A few slow breaths with a long out-breath."""
    yield Say("Let's slow your body down together. Breathe in through your nose, and let the "
              "out-breath be longer.", style="calm")
    for breath in range(SOOTHING_BREATHS):
        yield Say("In" if breath else "Breathe in", style="calm")
        yield Chime("inhale")
        yield Pause(INHALE * ctx.pace)
        yield Say("and out, slowly" if breath == 0 else "out", style="calm")
        yield Chime("exhale")
        yield Pause(EXHALE * ctx.pace)
    yield Say("Good. Keep that slow rhythm going on your own.", style="calm")


def return_time(ctx: Context, minutes: int) -> str:
    """ "in 20 minutes", plus the clock time when the journal can tell it ("at about 8:45")."""
    now = getattr(ctx.journal, "now", None)
    if not callable(now):
        return f"in {minutes} minutes"
    back = now() + timedelta(minutes=minutes)
    return f"in {minutes} minutes, at about {back.strftime('%-I:%M')}"


def run(ctx: Context) -> Script:
    """Acknowledge, check safety, take the break, come back with a soft start-up."""
    yield Say("It's alright to stop here. Pausing a heated moment is a wise thing to do.",
              style="calm")
    safe = yield from _safety(ctx)
    if safe is None:
        return
    if safe is False:
        return Exit(next_intent="safety.crisis")
    minutes = yield from _agree_length(ctx)
    if minutes is None:
        return
    back = return_time(ctx, minutes)
    yield Save("cooldown", {"phase": "break", "minutes": minutes}, partner=ctx.speaker)
    yield Say(f"Agreed: {minutes} minutes. I'll call you back together {back}.", style="calm")
    yield from _soothing(ctx)
    yield Say("Now spend the time apart doing something calming: a walk, a shower, music, a "
              "few pages of a book. Try not to replay the argument.", style="calm")
    yield WaitUntil(minutes * 60 / 2)
    yield Say("Halfway there. Let your shoulders drop and breathe out slowly.", style="calm")
    end = minutes * 60
    yield WaitUntil(end)
    yield Chime("timer")
    extra = 0
    answer = yield Ask("Welcome back. Are you both ready to talk again?", style="calm")
    if answer is not None and is_no(answer):
        extra = EXTRA_BREAK
        yield Say(f"That's fine. {EXTRA_BREAK} more minutes; I'll chime again.", style="calm")
        yield WaitUntil(end + extra * 60)
        yield Chime("timer")
    yield Save("cooldown", {"phase": "return", "minutes": minutes, "extra_minutes": extra},
               partner=ctx.speaker)
    yield Say("Start gently. One of you begins with how you feel and what you need, without "
              "blame. For example: I felt worried when we raised our voices, and I'd like us "
              "to try again slowly.", style="warm")
    yield Say("The other listens first and says back what they heard.", style="warm")
    answer = yield Ask("Would you like help shaping your first words?", style="warm")
    if answer is not None and is_yes(answer):
        return Exit(next_intent="coach.i_statement")
    yield Say("Take it slowly. You both came back, and that matters.", style="warm")
