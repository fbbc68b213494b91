"""Notes between partners: leaving one (voice kept with its transcript, or typed), and the
queries for notes waiting to be heard (note_play.py reads them out).

A note is a "note" entry, partner = the author:
    {"to": "Alex", "from": "Sam", "text": "…", "audio_path": "/…/note.wav" | None, "heard": false}
Hearing one yields a "note_heard" entry, partner = the listener:
    {"note_id": 12, "audio_path": "/…/note.wav" | None}
which marks note 12 heard (exercises cannot update entries; the journal's update() may also set
"heard": true on the note itself, and both count). After the transcript is read out, the runner
plays the recording named in the "note_heard" entry when there is one.

`unheard_notes_announcement(journal, partner)` is what the runner says when a session starts.
"""

import re

from assistant.dialogue.context import Context
from assistant.dialogue.steps import Ask, Save, Say, Script
from assistant.exercises.answer_words import is_empty, is_skip
from assistant.exercises.replies import partner_named
from assistant.journal.records import Entry
from assistant.journal.recordings import discard_recording
from assistant.understanding import answers

INTENTS = ("note.leave",)
NAME = "leaving a note"
COUPLES = True  # a note speaks to the partner: left aside once abuse is mentioned
GROUP = "notes and progress"  # where "help" names it
ABOUT = (  # what "help with ..." says
    "Leave a spoken or typed note for your partner; I keep it and tell them it's waiting.")


def heard_ids(journal) -> set[int]:
    """Ids of the notes marked heard by a "note_heard" entry."""
    return {int(e.data["note_id"]) for e in journal.entries(kind="note_heard")
            if isinstance(e.data.get("note_id"), int)}


def notes_for(journal, partner: str) -> list[Entry]:
    """Every note addressed to the partner, oldest first."""
    return [e for e in journal.entries(kind="note") if e.data.get("to") == partner]


def unheard_notes(journal, partner: str) -> list[Entry]:
    """Notes addressed to the partner that they have not heard yet, oldest first."""
    heard = heard_ids(journal)
    return [e for e in notes_for(journal, partner)
            if e.id not in heard and not e.data.get("heard")]


def unheard_notes_announcement(journal, partner: str) -> str | None:
    """What to say at the start of the partner's session when notes are waiting, else None."""
    waiting = unheard_notes(journal, partner)
    if not waiting:
        return None
    authors = sorted({e.data.get("from") or e.partner or "your partner" for e in waiting})
    who = " and ".join(authors)
    if len(waiting) == 1:
        return (f"{partner}, there's a note waiting for you from {who}. "
                "Say 'play my notes' to hear it.")
    return (f"{partner}, there are {len(waiting)} notes waiting for you from {who}. "
            "Say 'play my notes' to hear them.")


def who_is(ctx: Context, question: str) -> Script:
    """The current speaker, or ask which partner it is (None if it stays unclear)."""
    if ctx.speaker in ctx.partners:
        return ctx.speaker
    for _ in range(2):
        answer = yield Ask(question)
        if answer is None:
            return None
        named = partner_named(answer, ctx.partners)
        if named:
            return named
        question = f"Sorry, I didn't catch that. Is it {' or '.join(ctx.partners)}?"
    return None


def other_partner(ctx: Context, partner: str) -> str | None:
    others = [name for name in ctx.partners if name != partner]
    return others[0] if others else None


def named_in_request(text: str, partners: list[str]) -> tuple[str | None, str | None]:
    """(author, recipient) named in a request: "leave a note for Alex" -> (None, "Alex"),
    "this is Alex, a note for Sam" -> ("Alex", "Sam")."""
    author = recipient = None
    for name in partners:
        escaped = re.escape(name)
        if re.search(rf"\b(?:for|to)\s+{escaped}\b", text, re.IGNORECASE):
            recipient = name
        elif re.search(rf"(?:^|\b(?:this is|it's|it is|i'm|i am|from)\s+){escaped}\b", text,
                       re.IGNORECASE):
            author = name
    return author, recipient


def run(ctx: Context) -> Script:
    """Record (or type) a note for the other partner; kept until they hear it. Who writes to
    whom comes from the request ("a note for Alex"), from the slots of a reply to a note, or
    is asked."""
    author, recipient = named_in_request(ctx.request, ctx.partners)
    author = ctx.slots.get("author") or author
    recipient = ctx.slots.get("recipient") or recipient
    if author is None and recipient is not None:
        author = other_partner(ctx, recipient)
    if author is None:
        author = yield from who_is(ctx, "Who is leaving the note?")
    if author is None:
        yield Say("Let's leave the note for another time.", style="warm")
        return
    recipient = recipient if recipient not in (None, author) else other_partner(ctx, author)
    if recipient is None:
        yield Say("I only know one name so far. Add both names to the settings, and I can "
                  "carry notes between you.", style="warm")
        return
    answer = yield Ask(f"Go ahead, {author}. Say your note for {recipient}, and I'll keep it "
                       "until they hear it.", mode="dictation", keep_audio=True, partner=author,
                       style="warm")
    if is_empty(answer) or is_skip(answer) or answers.declines(answer.text):
        discard_recording(answer.audio_path if answer else None)  # "no thanks" is no note
        yield Say("No note this time. That's fine.", style="warm")
        return
    audio = str(answer.audio_path) if answer.audio_path else None
    yield Save("note", {"to": recipient, "from": author, "text": answer.text.strip(),
                        "audio_path": audio, "heard": False}, partner=author)
    yield Say(f"Saved. I'll tell {recipient} there's a note waiting.", style="warm")

