"""The runner through `hearth chat`: controls, safety, forget, names, did-you-mean."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def said(output: str) -> str:
    return "\n".join(line for line in output.splitlines() if line.startswith("Hearth:"))


def test_names_are_asked_once_and_remembered(chat, journal_after):
    out, code = chat(["Sam and Alex", "yes", "bye"], partners=None)
    assert code == 0 and "Hi Sam and Alex" in out
    assert journal_after().partners() == ["Sam", "Alex"]
    out, _ = chat(["bye"], partners=None)
    assert "what are your names" not in out and "Hi Sam and Alex" in out


def test_out_of_scope_says_what_hearth_can_do(chat):
    out, code = chat(["what's the weather like"])
    assert code == 0
    assert "here's what I can" in out


def test_stop_inside_an_exercise_ends_it_and_keeps_earlier_answers(chat, journal_after):
    out, _ = chat(["let's check in", "6", "stop", "bye"])
    assert "stopping there" in out
    journal = journal_after()
    assert [e.data.get("mood") for e in journal.entries(kind="checkin")] == [6]
    assert [s.completed for s in journal.sessions(kind="checkin.start")] == [False]


def test_repeat_help_and_pause_resume_inside_an_ask(chat, journal_after):
    out, _ = chat(["let's check in", "repeat", "help", "pause", "resume", "5"])
    text = said(out)
    assert text.count("Sam, how are you feeling?") >= 4  # asked, repeated, after help, resumed
    assert "stop, pause, resume, repeat, slower, or skip" in text
    # A question already waits: a pause keeps it open (no "Paused." menu) until resumed.
    assert "I'll wait" in text and "We're paused" not in text
    assert [e.data.get("mood") for e in journal_after().entries(kind="checkin")] == [5]


def test_one_sec_at_a_question_waits_and_the_next_words_answer_it(chat, journal_after):
    out, _ = chat(["let's check in", "hang on", "about a 6", "skip", "skip", "skip"])
    assert "I'll wait" in said(out)
    assert [e.data.get("mood") for e in journal_after().entries(kind="checkin")][:1] == [6]


def test_slower_stretches_the_pace(chat, journal_after):
    out, _ = chat(["let's check in", "slower", "7"])
    assert "Okay, slower." in out


def test_crisis_mid_exercise_stops_gives_resources_and_is_not_stored(chat, journal_after):
    out, _ = chat(["let's check in", "3", "honestly I want to kill myself", "bye"])
    text = said(out)
    assert "988" in text and "911" in text
    journal = journal_after()
    everything = str([e.data for e in journal.entries()])
    assert "kill" not in everything
    assert [e.data.get("mood") for e in journal.entries(kind="checkin")] == [3]


def test_after_abuse_is_mentioned_no_couples_exercise_is_started(chat):
    out, _ = chat(["my husband is hurting me", "let's do a check in", "bye"])
    text = said(out)
    assert "1-800-799-7233" in text
    assert "Sam, how are you feeling?" not in text
    assert "safety comes first" in text


def test_crisis_resources_follow_the_region(chat):
    out, _ = chat(["i want to end my life"], extra_config='region = "UK"\n')
    assert "116 123" in out and "999" in out


def test_forget_asks_first_and_deletes_on_yes(chat, journal_after):
    chat(["let's check in", "8", "stop"])
    out, _ = chat(["delete everything", "no"])
    assert "kept everything" in out
    assert journal_after().entries(kind="checkin")
    out, _ = chat(["delete everything", "yes"])
    assert "Everything is deleted" in out
    assert journal_after().entries(kind="checkin") == []


def test_did_you_mean_on_a_near_tie(chat):
    out, _ = chat(["i want to say something nice", "no", "bye"])  # a note, or a gesture?
    assert "Did you mean" in out


def test_kill_mid_checkin_keeps_answers_given(tmp_path):
    config = os.environ["HEARTH_CONFIG"]
    with open(config, "w") as f:
        f.write('partners = ["Sam", "Alex"]\n')
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "chat"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    proc.stdin.write("let's check in\n4\n")
    proc.stdin.flush()
    for line in proc.stdout:  # wait until the mood has been taken and the next question asked
        if "on your mind" in line:
            break
    time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    from assistant.journal import Journal

    journal = Journal.open()
    assert [e.data.get("mood") for e in journal.entries(kind="checkin")] == [4]
    journal.close()


def test_a_request_instead_of_names_is_answered(chat):
    out, _ = chat(["ask us something fun", "no", "bye"], partners=None)
    assert "Partner A" in out
    assert "Enjoy the conversation" in out  # the prompt ran, and "no" closed it


def test_names_from_a_sentence(chat, journal_after):
    out, _ = chat(["hi, I'm Jo and this is Max", "yes", "bye"], partners=None)
    assert "Did I get that right: Jo and Max?" in out
    assert journal_after().partners() == ["Jo", "Max"]


def test_names_are_saved_only_when_confirmed(chat, journal_after):
    chat(["i'm Jordan and this is my wife Priya", "no", "bye"], partners=None)
    assert journal_after().partners() != ["Jordan", "Priya"]


def test_forget_needs_an_unmistakable_yes(chat, journal_after):
    chat(["let's check in", "6", "stop"])
    for answers in (["definitely not"], ["i guess so", "maybe"], ["sure why not", "hmm"]):
        out, _ = chat(["forget everything", *answers, "bye"])
        assert "Everything is deleted" not in out
        assert journal_after().entries(kind="checkin")
    out, _ = chat(["forget everything", "not sure", "yes delete it", "bye"])
    assert "clear yes or no" in out and "Everything is deleted" in out


def test_changing_ones_mind_inside_an_answer(chat, journal_after):
    out, _ = chat(["let's check in", "actually let's do breathing instead", "stop", "bye"])
    assert "breath" in said(out).split("actually")[-1].lower()
    assert not [e for e in journal_after().entries(kind="checkin")
                if "breathing" in str(e.data)]


def test_help_says_what_hearth_can_do_without_refusing(chat):
    out, _ = chat(["what can i ask you"])
    assert "Here's what I can do" in out and "not something I can do" not in out


def test_a_corrupt_journal_is_one_clear_line_and_left_untouched(chat):
    data = Path(os.environ["HEARTH_DATA_DIR"])
    data.mkdir(parents=True)
    (data / "journal.sqlite3").write_bytes(b"not a database")
    out, code = chat(["let's check in"])
    assert code == 2
    assert len(out.strip().splitlines()) == 1 and "journal.sqlite3" in out
    assert (data / "journal.sqlite3").read_bytes() == b"not a database"


def test_a_config_with_an_unknown_key_is_one_clear_line(chat):
    out, code = chat(["hello"], extra_config="colour = 'blue'\n")
    assert code == 2 and "colour" in out and len(out.strip().splitlines()) == 1


def test_a_crisis_at_the_end_of_a_long_answer_is_caught_and_not_kept(chat, journal_after):
    long_answer = "work has been busy and " * 60 + "honestly i took a bunch of pills earlier"
    out, _ = chat(["let's check in", "5", long_answer, "bye"])
    assert "988" in out
    assert not [e for e in journal_after().entries(kind="checkin") if "pills" in str(e.data)]
