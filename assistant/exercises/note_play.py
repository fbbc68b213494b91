"""Hearing notes: read out the notes waiting for the listener and mark each one heard.

Marking is a "note_heard" entry {"note_id", "audio_path"}; see notes.py for the formats.
"""

import re
from datetime import date, datetime, timedelta
from pathlib import Path

from assistant.dialogue.context import Context
from assistant.dialogue.steps import Ask, Exit, Play, Save, Say, Script
from assistant.exercises.answer_words import is_yes
from assistant.exercises.notes import notes_for, unheard_notes, who_is
from assistant.journal.records import Entry

INTENTS = ("note.play",)
NAME = "hearing your notes"
COUPLES = False  # fine to do alone, also after abuse is mentioned
GROUP = "notes and progress"  # where "help" names it
ABOUT = (  # what "help with ..." says
    "I read out the notes waiting for you, and you can leave one back.")

REPLAY_LIMIT = 3  # older notes offered again when nothing is new


def left_when(note: Entry, today: date) -> str:
    """"today", "yesterday" or "on Tuesday" for when the note was left."""
    day = note.created_at.astimezone().date()
    if day == today:
        return "today"
    if day == today - timedelta(days=1):
        return "yesterday"
    return f"on {day.strftime('%A')}" if today - day < timedelta(days=7) else \
        f"on {day.strftime('%B')} {day.day}"


def _read(note: Entry, listener: str, today: date) -> Script:
    """Read one note and mark it heard."""
    author = note.data.get("from") or note.partner or "your partner"
    yield Say(f"A note from {author}, left {left_when(note, today)}.", style="warm")
    audio = note.data.get("audio_path") or note.data.get("audio")  # "audio": older notes
    text = note.data.get("text", "")
    if audio and Path(audio).exists():
        yield Play(Path(audio), text)  # their own voice; the transcript where it can't play
    else:
        yield Say(text, style="warm")
    yield Save("note_heard", {"note_id": note.id, "audio_path": audio}, partner=listener)


def listener_named(request: str, partners: list[str]) -> str | None:
    """Who is listening, when the request says ("Alex here, any notes for me?", "it's Sam",
    "any notes for Alex?"; "the note from Sam" is for the other one), else None."""
    for name in partners:
        escaped = re.escape(name)
        if re.search(rf"(?:^|\b(?:this is|it's|it is|i'm|i am)\s+){escaped}\b|\b{escaped}\s+here\b"
                     rf"|\bfor\s+{escaped}\b", request, re.IGNORECASE):
            return name
    for name in partners:
        if re.search(rf"\bfrom\s+{re.escape(name)}\b", request, re.IGNORECASE):
            others = [p for p in partners if p != name]
            return others[0] if len(others) == 1 else None
    return None


def run(ctx: Context) -> Script:
    """Read out the notes waiting for the listener, mark them heard, offer to answer with one."""
    listener = listener_named(ctx.request, ctx.partners) or (
        yield from who_is(ctx, "Who is listening?"))
    if listener is None:
        yield Say("Ask me again when you're ready to hear your notes.", style="warm")
        return
    waiting = unheard_notes(ctx.journal, listener)
    if not waiting:
        earlier = notes_for(ctx.journal, listener)[-REPLAY_LIMIT:]
        if not earlier:
            yield Say(f"There are no notes for you yet, {listener}.", style="warm")
            return
        answer = yield Ask("There are no new notes. Would you like to hear the last ones again?",
                           partner=listener)
        if answer is None or not is_yes(answer):
            yield Say("Alright.", style="warm")
            return
        waiting = earlier
    today = datetime.now().astimezone().date()
    if callable(getattr(ctx.journal, "now", None)):
        today = ctx.journal.now().date()
    for note in waiting:
        yield from _read(note, listener, today)
    answer = yield Ask("Would you like to leave a note back?", partner=listener)
    if answer is not None and is_yes(answer):
        authors = {n.data.get("from") or n.partner for n in waiting} - {None, listener}
        recipient = authors.pop() if len(authors) == 1 else None
        return Exit(next_intent="note.leave",
                    slots={"author": listener, "recipient": recipient})
    yield Say("Those words are yours to keep.", style="warm")
