"""Notes: kept with audio and transcript, announced to the partner, marked heard when played."""

from pathlib import Path

from drive import drive
from flowkit import clock, context, journal  # noqa: F401  (fixtures)

from assistant.dialogue.steps import Answer, Ask
from assistant.exercises import exercise_registry, note_play, notes


def test_both_intents_registered():
    assert exercise_registry()["note.leave"].run is notes.run
    assert exercise_registry()["note.play"].run is note_play.run


def test_spoken_note_keeps_audio_and_transcript(journal, tmp_path):
    wav = tmp_path / "note.wav"
    run = drive(notes.run, context(journal),
                [Answer("thank you for the soup when I was sick", audio_path=wav)])
    ask = run.asks[0]
    assert ask.mode == "dictation" and ask.keep_audio and ask.partner == "Sam"
    stored = journal.entries(kind="note")[0]
    assert stored.partner == "Sam"
    assert stored.data == {"to": "Alex", "from": "Sam", "audio_path": str(wav),
                           "text": "thank you for the soup when I was sick", "heard": False}


def test_typed_note_has_no_audio_and_asks_who_when_unknown(journal):
    run = drive(notes.run, context(journal, speaker=None), ["it's Alex", "see you tonight"])
    assert run.said[0] == "Who is leaving the note?"
    assert run.saved("note") == [{"to": "Sam", "from": "Alex", "text": "see you tonight",
                                  "audio_path": None, "heard": False}]


def test_unheard_notes_are_announced_then_marked_heard(journal, clock):
    assert notes.unheard_notes_announcement(journal, "Alex") is None
    drive(notes.run, context(journal), [Answer("you make mornings better",
                                               audio_path=Path("/tmp/n1.wav"))])
    clock.advance(hours=1)
    drive(notes.run, context(journal), ["good luck today"])
    assert notes.unheard_notes_announcement(journal, "Alex") == (
        "Alex, there are 2 notes waiting for you from Sam. Say 'play my notes' to hear them.")
    assert notes.unheard_notes_announcement(journal, "Sam") is None

    run = drive(note_play.run, context(journal, speaker="Alex"), ["no"])
    assert "you make mornings better" in run.said and "good luck today" in run.said
    first, second = journal.entries(kind="note")
    assert run.saved("note_heard") == [{"note_id": first.id, "audio_path": "/tmp/n1.wav"},
                                       {"note_id": second.id, "audio_path": None}]
    assert notes.unheard_notes(journal, "Alex") == []
    assert notes.unheard_notes_announcement(journal, "Alex") is None


def test_play_asks_who_is_listening_and_offers_old_notes_again(journal):
    drive(notes.run, context(journal, speaker="Alex"), ["I love our walks"])
    run = drive(note_play.run, context(journal, speaker=None), ["Sam", "yes"])
    assert run.said[0] == "Who is listening?"
    assert "I love our walks" in run.said
    assert run.exit.next_intent == "note.leave"
    again = drive(note_play.run, context(journal, speaker="Sam"), ["yes", "no"])
    assert "There are no new notes" in again.said[0]
    assert "I love our walks" in again.said


def test_notes_from_gratitude_and_heard_flag_count(journal):
    kept = journal.save("note", {"to": "Sam", "text": "thanks", "from": "Alex", "heard": False,
                                 "audio": None}, partner="Alex")
    journal.save("note", {"to": "Sam", "text": "old", "from": "Alex", "heard": True},
                  partner="Alex")
    assert [e.id for e in notes.unheard_notes(journal, "Sam")] == [kept]
    assert notes.unheard_notes_announcement(journal, "Sam").startswith(
        "Sam, there's a note waiting for you from Alex.")


def test_nothing_to_play(journal):
    run = drive(note_play.run, context(journal), [])
    assert run.said == ["There are no notes for you yet, Sam."]
    assert not any(isinstance(s, Ask) for s in run.steps)


def test_when_a_note_was_left_is_said_in_plain_days(journal, clock):
    drive(notes.run, context(journal), ["morning hug owed"])
    clock.advance(days=1)
    drive(notes.run, context(journal), ["evening walk?"])
    clock.advance(days=1)
    run = drive(note_play.run, context(journal, speaker="Alex"), ["no"])
    assert "A note from Sam, left yesterday." in run.said
    assert "A note from Sam, left on Monday." in run.said  # START is a Monday


def test_a_kept_recording_is_played_in_the_partners_voice(journal, speak):
    wav = speak("thank you for the soup")
    drive(notes.run, context(journal), [Answer("thank you for the soup", audio_path=wav)])
    run = drive(note_play.run, context(journal, speaker="Alex"), ["no"])
    plays = [step for step in run.steps if type(step).__name__ == "Play"]
    assert [(p.path, p.text) for p in plays] == [(wav, "thank you for the soup")]
