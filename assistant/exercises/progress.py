"""Progress (progress.review): the streak (a paused one said without blame), each partner's mood
over recent days in words, what each was grateful for, and milestones celebrated once.

Reads "checkin" entries (data.mood, 1-10), "gratitude" entries (data.text, data.about), "note"
entries and completed sessions. A newly reached milestone is stored as "milestone" {"id"} so it
is celebrated only once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import mean

from assistant.dialogue import reflection
from assistant.dialogue.context import Context
from assistant.dialogue.steps import Save, Say, Script

INTENTS = ("progress.review",)
NAME = "a look at your progress"
COUPLES = False  # fine to do alone, also after abuse is mentioned
GROUP = "notes and progress"  # where "help" names it
ABOUT = (  # what "help with ..." says
    "A look at your progress: your streak, how your moods have moved lately, what you've "
    "appreciated, and milestones.")

MOOD_DAYS = 14  # how far back the mood trend looks
TREND_STEP = 1.0  # a change of at least this much (on 1-10) is rising or dipping


@dataclass(frozen=True)
class Milestone:
    """Something worth celebrating once."""

    id: str  # stored in the "milestone" entry
    reached: Callable[[dict], bool]  # given the counts, has it been reached?
    cheer: str  # said when first reached


MILESTONES = (
    Milestone("first_checkin", lambda c: c["checkins"] >= 1,
              "Your very first check-in is behind you. That's how every good habit starts."),
    Milestone("checkins_10", lambda c: c["checkins"] >= 10,
              "Ten check-ins! You keep making room for each other."),
    Milestone("streak_7", lambda c: c["longest_streak"] >= 7,
              "A seven-day streak. A whole week of showing up for each other."),
    Milestone("streak_30", lambda c: c["longest_streak"] >= 30,
              "Thirty days in a row. That's a real ritual now."),
    Milestone("gratitudes_10", lambda c: c["gratitudes"] >= 10,
              "Ten things you've thanked each other for. That's a lot of noticing."),
    Milestone("gratitudes_50", lambda c: c["gratitudes"] >= 50,
              "Fifty appreciations. What a collection of kindness."),
    Milestone("first_note", lambda c: c["notes"] >= 1,
              "Your first note for each other. Words kept for later are a lovely gift."),
)


def mood_trend(moods: list[float]) -> str | None:
    """"rising", "steady" or "dipping" for moods oldest first; None with fewer than two."""
    if len(moods) < 2:
        return None
    half = len(moods) // 2
    change = mean(moods[-half:]) - mean(moods[:half])
    if change >= TREND_STEP:
        return "rising"
    if change <= -TREND_STEP:
        return "dipping"
    return "steady"


def mood_words(name: str, moods: list[float]) -> str:
    """One kind sentence about a partner's recent moods."""
    trend = mood_trend(moods)
    if trend is None:
        return f"{name} checked in once lately, at about {round(moods[0])} out of ten."
    half = len(moods) // 2
    then, now = round(mean(moods[:half])), round(mean(moods[-half:]))
    if trend == "rising":
        return f"{name}'s mood has been lifting, from about {then} to about {now} out of ten."
    if trend == "dipping":
        return (f"{name}'s mood has dipped a little, from about {then} to about {now}. "
                "Maybe a moment for some extra care.")
    return f"{name}'s mood has been steady, around {now} out of ten."


def appreciation_line(name: str, about: str, text: str) -> str:
    """What a partner appreciated lately, retold about both: "your cooking" -> "Alex's
    cooking"; words not to take literally are not repeated."""
    what = reflection.appreciated(text, name, about, "both")
    if what is None:
        return f"Lately {name} shared something they appreciate about {about}."
    return f"Lately {name} appreciated {what}."


def longest_run(days: set[date]) -> int:
    """The longest run of consecutive days."""
    best = 0
    for day in days:
        if day - timedelta(days=1) not in days:  # the start of a run
            length = 1
            while day + timedelta(days=length) in days:
                length += 1
            best = max(best, length)
    return best


def last_run(days: set[date], today: date) -> int:
    """The length of the most recent run of days that ended before yesterday (a paused streak)."""
    earlier = sorted(d for d in days if d < today - timedelta(days=1))
    if not earlier:
        return 0
    length, day = 0, earlier[-1]
    while day in days:
        length += 1
        day -= timedelta(days=1)
    return length


def streak_words(current: int, paused: int) -> str | None:
    """The streak in words; a paused streak is named gently, never as a failure."""
    if current >= 2:
        return f"You've shown up {current} days in a row. Lovely."
    if current == 1:
        if paused >= 2:
            return (f"You're back at it today. Your last run was {paused} days, and "
                    "everything you built then is still yours.")
        return "You've shown up today. That's day one of a new streak."
    if paused >= 2:
        return (f"Your last run was {paused} days. Life gets busy, and streaks rest sometimes. "
                "Whenever you're ready, today is a fine day to begin again.")
    return None


def _session_days(ctx: Context, now: datetime) -> set[date]:
    return {s.started_at.astimezone(now.tzinfo).date()
            for s in ctx.journal.sessions() if s.completed}


def _checkin_count(entries) -> int:
    """Check-ins are saved a part at a time: count sessions (or entries without one)."""
    return len({e.session_id if e.session_id is not None else f"e{e.id}" for e in entries})


def run(ctx: Context) -> Script:
    """Streak, moods, gratitude and milestones, in a few short sentences."""
    journal = ctx.journal
    now = journal.now() if callable(getattr(journal, "now", None)) else datetime.now().astimezone()
    days = _session_days(ctx, now)
    current = journal.streak()
    said_anything = False

    streak = streak_words(current, last_run(days, now.date()))
    if streak:
        yield Say(streak, style="warm")
        said_anything = True

    checkins = journal.entries(kind="checkin")
    recent = [e for e in checkins if e.created_at >= now - timedelta(days=MOOD_DAYS)]
    for name in ctx.partners:
        moods = [float(e.data["mood"]) for e in recent
                 if e.partner == name and isinstance(e.data.get("mood"), int | float)]
        if moods:
            yield Say(mood_words(name, moods), style="warm")
            said_anything = True

    gratitudes = journal.entries(kind="gratitude")
    for name in ctx.partners:
        theirs = [e for e in gratitudes if e.partner == name and e.data.get("text")]
        if theirs:
            latest = theirs[-1].data
            about = latest.get("about") or "their partner"
            yield Say(appreciation_line(name, about, latest["text"]), style="warm")
            said_anything = True

    counts = {"checkins": _checkin_count(checkins), "gratitudes": len(gratitudes),
              "notes": len(journal.entries(kind="note")), "longest_streak": longest_run(days)}
    celebrated = {e.data.get("id") for e in journal.entries(kind="milestone")}
    for milestone in MILESTONES:
        if milestone.id not in celebrated and milestone.reached(counts):
            yield Say(milestone.cheer, style="bright")
            yield Save("milestone", {"id": milestone.id, **counts})
            celebrated.add(milestone.id)
            said_anything = True
    if celebrated:
        yield Say(f"Milestones so far: {len(celebrated)}.", style="warm")

    if not said_anything:
        yield Say("There's nothing to look back on yet. A check-in is a lovely place to start.",
                  style="warm")
        return
    yield Say("Every small moment you give each other counts.", style="warm")
