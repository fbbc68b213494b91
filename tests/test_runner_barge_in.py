"""Words said over Hearth while it talks (barge-in), with a scripted channel: data in, data out."""

from assistant.config import Settings
from assistant.dialogue.channel import EndOfInput, Heard
from assistant.dialogue.runner import Runner
from assistant.journal import Journal
from assistant.understanding import load_matcher


class ScriptedChannel:
    """Hears `lines` in turn; while saying a line containing a key of `over`, someone says
    the value over it (and the channel, like the voice channel, hands that back)."""

    def __init__(self, lines, over):
        self.lines, self.over, self.said = list(lines), dict(over), []

    def say(self, text, style=None, partner=None):
        self.said.append(text)
        for key in list(self.over):
            if key in text:
                return Heard(self.over.pop(key))
        return None

    def chime(self, kind):
        pass

    def play(self, path, text):
        return self.say(text)

    def slow_down(self):
        pass

    def hear(self, timeout, wanted=None, mode="command", keep_audio=False, request=False):
        if wanted is not None:
            return None
        if not self.lines:
            raise EndOfInput
        return Heard(self.lines.pop(0))


def run(tmp_path, lines, over):
    channel = ScriptedChannel(lines, over)
    journal = Journal.open(tmp_path)
    Runner(channel, load_matcher(), journal, Settings(partners=["Sam", "Alex"]),
           fast=True).session()
    return channel.said, journal


def test_stop_said_over_an_exercise_ends_it(tmp_path):
    said, journal = run(tmp_path, ["box breathing for one minute"], {"Get comfortable": "stop"})
    assert "Okay, stopping there. What would you like to do next?" in said
    assert not any(text.startswith("In") for text in said)  # no breathing cue after the stop
    assert [s.completed for s in journal.sessions()] == [False]


def test_a_crisis_said_over_hearth_gets_the_resources_and_is_not_stored(tmp_path):
    said, journal = run(tmp_path, ["let us check in"], {"how are you feeling": "i want to die"})
    assert any("988" in text for text in said)
    assert "die" not in str([e.data for e in journal.entries()])


def test_stop_said_over_the_crisis_resources_only_silences_that_line(tmp_path):
    said, _ = run(tmp_path, ["i want to end my life"], {"988": "stop"})
    assert any("911" in text for text in said)  # the lines after it are still said
