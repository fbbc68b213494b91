"""Hearing notes: read out the notes waiting for the listener and mark each one heard.

Marking is a "note_heard" entry {"note_id", "audio_path"}; see notes.py for the formats.
"""

from assistant.dialogue.context import Context
from assistant.dialogue.steps import Ask, Exit, Save, Say, Script
from assistant.exercises.answer_words import is_yes
from assistant.exercises.notes import notes_for, unheard_notes, who_is
from assistant.journal.records import Entry

INTENTS = ("note.play",)

REPLAY_LIMIT = 3  # older notes offered again when nothing is new


def _read(note: Entry, listener: str) -> Script:
    """Read one note and mark it heard."""
    author = note.data.get("from") or note.partner or "your partner"
    when = note.created_at.astimezone().strftime("%A")
    yield Say(f"A note from {author}, left on {when}.", style="warm")
    yield Say(note.data.get("text", ""), style="warm")
    audio = note.data.get("audio_path") or note.data.get("audio")  # gratitude notes use "audio"
    yield Save("note_heard", {"note_id": note.id, "audio_path": audio}, partner=listener)


def run(ctx: Context) -> Script:
    """Read out the notes waiting for the listener, mark them heard, offer to answer with one."""
    listener = yield from who_is(ctx, "Who is listening?")
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
    for note in waiting:
        yield from _read(note, listener)
    answer = yield Ask("Would you like to leave a note back?", partner=listener)
    if answer is not None and is_yes(answer):
        return Exit(next_intent="note.leave")
    yield Say("Those words are yours to keep.", style="warm")
