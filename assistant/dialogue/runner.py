"""The runner: drives any exercise over any channel, with the global controls and the safety
guard in one place.

Every utterance, in every state, goes through `_hear`, which runs the crisis check first. A
crisis stops the exercise, says the region's resources and is never written to the journal.
Controls work the same everywhere: stop, pause/resume, repeat, slower, help; skip, yes and no
are handed to the exercise as answers (skip also ends a timed wait early).

In an exercise, `Ask` gets an Answer or None (nobody answered after one gentle reminder, or the
input ended), `Save` commits at once and gets the entry id, `WaitUntil(at)` waits until `at`
seconds after the exercise began, so a schedule never drifts however long speaking takes;
a pause shifts the whole schedule by the time spent paused. `fast` shrinks every wait.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from assistant.config import Settings
from assistant.dialogue.channel import Channel, EndOfInput, Heard
from assistant.dialogue.context import Context
from assistant.dialogue.safety import ABUSE_CONCERNS, crisis_reply
from assistant.dialogue.steps import (
    Answer, Ask, Chime, Exit, Pause, Play, Save, Say, WaitUntil,
)
from assistant.dialogue.talk import CONTROL_HELP, describe, what_i_can_do
from assistant.exercises import exercise_registry
from assistant.journal.recordings import discard_recording
from assistant.understanding.normalise import normalise
from assistant.understanding.result import IntentMatch

log = logging.getLogger(__name__)

FAST_FACTOR = 0.001  # --fast: ten minutes of breathing pass in 0.6 s
SLOWER = 1.3  # each "slower" stretches timed phases by this much
CONTROL_CONFIDENCE = 0.8  # a free-speech answer counts as a control only when this sure
PASSED_TO_EXERCISE = {"control.skip", "control.yes", "control.no"}
COUPLES_INTENTS = {  # never suggested once abuse has been mentioned
    "checkin.start", "exercise.gratitude", "exercise.reflective_listening", "ritual.bedtime",
    "prompt.conversation", "coach.empathy", "coach.i_statement", "assessment.distance",
    "conflict.cooldown", "idea.shared_activity", "idea.affection",
}
NOT_NAMES = {"and", "we", "are", "were", "i", "im", "am", "my", "name", "is", "names", "our",
             "it", "its", "this", "hi", "hello", "hey", "me", "with", "the", "of", "us"}
QUIT_WORDS = {"quit", "exit", "bye", "goodbye", "good bye", "bye bye", "see you", "that is all",
              "bye hearth", "goodbye hearth", "good night hearth", "we are done for today"}


def interrupts(matcher, text: str) -> bool:
    """Whether an utterance is a control or a crisis: the words that may cut in at any time."""
    intent = matcher.understand(text[:1000]).intent
    return intent == "safety.crisis" or (
        intent.startswith("control.") and intent not in ("control.yes", "control.no"))


class StopExercise(Exception):
    """Someone said stop."""


class CrisisDetected(Exception):
    """The crisis guard fired."""

    def __init__(self, match: IntentMatch):
        self.match = match


@dataclass
class _Running:
    """The state of the exercise in progress."""

    intent: str
    ctx: Context
    started: float  # clock time the schedule counts from
    session_id: int
    last_said: str = ""


class Runner:
    """One dialogue session over one channel."""

    def __init__(self, channel: Channel, matcher, journal, settings: Settings,
                 clock: Callable[[], float] = time.monotonic, fast: bool = False):
        self.channel, self.matcher, self.journal = channel, matcher, journal
        self.settings, self.clock, self.fast = settings, clock, fast
        self.abuse_mentioned = False
        self.partners = list(settings.partners) or journal.partners()
        self.last_reply = ""
        self._state: _Running | None = None  # the exercise in progress, if any
        self._in_crisis = False  # saying the crisis resources

    # --- speaking and hearing -------------------------------------------------------------

    def _say(self, text: str, style: str | None = None, partner: str | None = None) -> None:
        self.last_reply = text
        self._barge_in(self.channel.say(text, style=style, partner=partner))

    def _barge_in(self, heard: Heard | None) -> None:
        """Someone spoke over Hearth and the channel silenced it: act on what they said."""
        if heard is None:
            return
        match = self.matcher.understand(heard.text[:1000])
        if self._in_crisis:
            return
        if match.intent == "safety.crisis":
            raise CrisisDetected(match)
        if self._state is not None and match.intent not in ("control.skip", "control.resume"):
            self._control(match.intent, self._state)

    def _scaled(self, seconds: float) -> float:
        return seconds * FAST_FACTOR if self.fast else seconds

    def _hear(self, timeout: float | None, wanted=None, mode: str = "command",
              keep_audio: bool = False, request: bool = False) -> tuple[Heard, IntentMatch] | None:
        """The next utterance and what it means; the crisis guard runs before anything else."""
        heard = self.channel.hear(timeout, wanted=wanted, mode=mode, keep_audio=keep_audio,
                                  request=request)
        if heard is None:
            return None
        match = self.matcher.understand(heard.text[:1000])
        if match.intent == "safety.crisis":
            discard_recording(heard.audio_path)  # a crisis leaves nothing behind, audio included
            raise CrisisDetected(match)
        return heard, match

    def is_control(self, text: str) -> bool:
        """Whether an utterance is a control (or a crisis), which may interrupt anything."""
        return interrupts(self.matcher, text)

    # --- the session ------------------------------------------------------------------------

    def session(self) -> int:
        """Greet, then handle requests until the input ends or someone says goodbye."""
        try:
            self._safely(self._greet)
            while True:
                try:
                    got = self._hear(None, request=True)
                except CrisisDetected as crisis:
                    self._safely(self._crisis, crisis.match)
                    continue
                if got is None:
                    continue
                heard, match = got
                if normalise(heard.text) in QUIT_WORDS:
                    self._safely(self._say, "Goodbye for now. Take care of each other.")
                    return 0
                self._safely(self.handle, match)
        except EndOfInput:
            return 0

    def _safely(self, action, *args) -> None:
        """Run `action`; a crisis said over Hearth meanwhile gets the crisis reply."""
        try:
            action(*args)
        except CrisisDetected as crisis:
            self._crisis(crisis.match)

    def _greet(self) -> None:
        request = self._ask_names() if not self.partners else None
        names = " and ".join(self.partners)
        self._say(f"Hi {names}. What would you like to do? You can say 'help' to hear ideas.")
        from assistant.exercises.notes import unheard_notes_announcement

        for partner in self.partners:
            line = unheard_notes_announcement(self.journal, partner)
            if line:
                self._say(line)
        if request is not None:
            self.handle(request)

    def _ask_names(self) -> IntentMatch | None:
        """Ask the partners' names once; returns a request if one was said instead."""
        self._say("Before we start: what are your two names? For example, 'Sam and Alex'.")
        self.partners = ["Partner A", "Partner B"]
        try:
            got = self._hear(self._scaled(self.settings.idle_timeout))
        except CrisisDetected as crisis:
            self._crisis(crisis.match)
            return None
        if got is None:
            return None
        heard, match = got
        if match.intent != "none":
            return match  # a request, not names: keep placeholder names, ask next time
        words = heard.text.replace(",", " ").replace("&", " and ").split()
        names = [w.strip(".!").capitalize() for w in words
                 if w.lower().replace("'", "").replace("\u2019", "").strip(".!?")
                 not in NOT_NAMES][:2]
        if names:
            self.partners = (names + ["Partner B"])[:2]
            self.journal.set_partners(self.partners)
        return None

    def handle(self, match: IntentMatch) -> None:
        """Answer one request made outside an exercise."""
        try:
            if match.near_tie and not match.intent.startswith("control."):
                match = self._did_you_mean(match)
                if match is None:
                    return
            intent = match.intent
            if intent == "safety.crisis":
                raise CrisisDetected(match)
            if intent == "none":
                self._say(what_i_can_do(self.abuse_mentioned))
            elif intent == "control.help":
                self._say(what_i_can_do(self.abuse_mentioned, asked=True))
                self._say(CONTROL_HELP)
            elif intent == "control.repeat":
                self._say(self.last_reply or "I haven't said anything yet.")
            elif intent.startswith("control."):
                self._say("Nothing is running right now. What would you like to do?")
            elif intent == "data.forget":
                self._forget()
            else:
                self.run_exercise(intent, match.slots)
        except CrisisDetected as crisis:
            self._crisis(crisis.match)

    def _did_you_mean(self, match: IntentMatch) -> IntentMatch | None:
        self._say(f"Did you mean {describe(match.intent)}, or {describe(match.near_tie)}? "
                  f"Say yes for {describe(match.intent)}, or no for the other.")
        got = self._hear(self._scaled(self.settings.idle_timeout))
        if got is None:
            return None
        answer = got[1]
        if answer.intent == "control.yes":
            return IntentMatch(match.text, match.intent, match.confidence, match.slots)
        if answer.intent == "control.no":
            return IntentMatch(match.text, match.near_tie, match.confidence, match.slots)
        return answer if answer.intent not in ("none",) else None

    def _forget(self) -> None:
        self._say("This deletes everything Hearth has kept: check-ins, notes, history. "
                  "It cannot be undone. Are you sure? Say yes to delete, or no to keep it.")
        got = self._hear(self._scaled(self.settings.idle_timeout))
        if got and got[1].intent == "control.yes":
            self.journal.forget()
            self._say("Done. Everything is deleted.")
        else:
            self._say("Okay, I've kept everything as it was.")

    def _crisis(self, match: IntentMatch) -> None:
        if match.concern in ABUSE_CONCERNS:
            self.abuse_mentioned = True
        self._in_crisis = True  # words said over this reply only silence the line they cut
        try:
            for line in crisis_reply(match.concern, self.settings.region):
                self._say(line, style="calm")
        finally:
            self._in_crisis = False

    # --- exercises --------------------------------------------------------------------------

    def run_exercise(self, intent: str, slots: dict | None = None) -> None:
        """Run an exercise to its end, then any exercise it hands over to."""
        while intent:
            if self.abuse_mentioned and intent in COUPLES_INTENTS:
                self._say("Right now your safety comes first, so I'll leave the couples "
                          "exercises aside. I can guide some calm breathing, or share "
                          "where to find support.")
                return
            run = exercise_registry().get(intent)
            if run is None:
                self._say(what_i_can_do(self.abuse_mentioned))
                return
            exit_value = self._drive(intent, run, slots or {})
            intent = exit_value.next_intent if isinstance(exit_value, Exit) else None
            slots = exit_value.slots if isinstance(exit_value, Exit) else {}
            if intent == "safety.crisis":
                self._crisis(IntentMatch("", "safety.crisis", 1.0, concern="unspecified"))
                return

    def _drive(self, intent: str, run, slots: dict):
        ctx = Context(partners=self.partners or ["Partner A", "Partner B"],
                      settings=self.settings, journal=self.journal, slots=dict(slots))
        state = _Running(intent, ctx, self.clock(), self.journal.start_session(intent))
        self._state = state
        script = run(ctx)
        reply, completed, exit_value = None, False, None
        try:
            while True:
                try:
                    step = script.send(reply)
                except StopIteration as done:
                    completed, exit_value = True, done.value
                    break
                reply = self._perform(step, state)
        except StopExercise:
            ended = "Okay, stopping there. What would you like to do next?"
        except CrisisDetected as crisis:
            ended = crisis.match
        else:
            ended = None
        finally:
            self._state = None  # from here on, words said over Hearth only silence it
            script.close()
            self.journal.finish_session(state.session_id, completed)
        if isinstance(ended, IntentMatch):
            self._crisis(ended)
        elif ended:
            self._say(ended)
        return exit_value

    def _perform(self, step, state: _Running):
        if isinstance(step, Say):
            state.last_said = step.text
            self._say(step.text, style=step.style)
        elif isinstance(step, Ask):
            return self._ask(step, state)
        elif isinstance(step, Chime):
            self.channel.chime(step.kind)
        elif isinstance(step, Play):
            state.last_said = step.text
            self._barge_in(self.channel.play(step.path, step.text))
        elif isinstance(step, Pause):
            self._wait(self.clock() + self._scaled(step.seconds), state)
        elif isinstance(step, WaitUntil):
            self._wait(state.started + self._scaled(step.at), state)
        elif isinstance(step, Save):
            return self.journal.save(step.kind, step.data, partner=step.partner,
                                     session_id=state.session_id, replaces=step.replaces)
        else:
            raise TypeError(f"unknown step {step!r}")
        return None

    def _ask(self, ask: Ask, state: _Running) -> Answer | None:
        prompt = ask.text
        reminded = False
        while True:
            state.last_said = prompt
            self._say(prompt, style=ask.style, partner=ask.partner)
            got = self._hear(self._scaled(self.settings.idle_timeout), mode=ask.mode,
                             keep_audio=ask.keep_audio)
            if got is None:
                if reminded:
                    return None
                reminded = True
                who = f"{ask.partner}, " if ask.partner else ""
                prompt = f"{who}take your time. {ask.text}"
                continue
            heard, match = got
            control = self._control_in_answer(match, ask.mode)
            if control is None:
                return Answer(heard.text, match,
                              heard.audio_path)
            discard_recording(heard.audio_path)  # "stop" is not a note to keep
            if control != "control.repeat":  # the question is asked again anyway
                self._control(control, state)
            prompt = ask.text  # repeat, resume and the rest: ask again

    def _control_in_answer(self, match: IntentMatch, mode: str) -> str | None:
        """A control the runner handles, or None when the answer belongs to the exercise."""
        if not match.intent.startswith("control.") or match.intent in PASSED_TO_EXERCISE:
            return None
        if mode == "dictation" and (match.confidence < CONTROL_CONFIDENCE
                                    or len(match.text.split()) > 4):
            return None  # free speech that merely contains "stop" is an answer
        return match.intent

    def _wait(self, deadline: float, state: _Running) -> None:
        """Wait until the deadline, taking only controls (and crises) meanwhile."""
        while (remaining := deadline - self.clock()) > 0:
            got = self._hear(remaining, wanted=self.is_control)
            if got is None:
                continue
            if got[1].intent == "control.skip":
                return
            deadline += self._control(got[1].intent, state)

    def _control(self, intent: str, state: _Running) -> float:
        """Carry out a global control inside an exercise; returns the seconds spent paused."""
        if intent == "control.stop":
            raise StopExercise
        if intent == "control.pause":
            return self._paused(state)
        if intent == "control.slower":
            state.ctx.pace *= SLOWER
            self.channel.slow_down()
            self._say("Okay, slower.", style="calm")
        elif intent == "control.repeat" and state.last_said:
            self._say(state.last_said)
        elif intent == "control.help":
            self._say(f"We're in {describe(state.intent)}. {CONTROL_HELP}")
        return 0.0

    def _paused(self, state: _Running) -> float:
        """Hold until resume; returns the time spent paused, by which the schedule shifts."""
        began = self.clock()
        self._say("Paused. Say 'resume' when you're ready, or 'stop' to end.")
        while True:
            got = self._hear(None)
            if got is None:
                continue
            if got[1].intent == "control.stop":
                raise StopExercise
            if got[1].intent in ("control.resume", "control.yes"):
                break
            self._say("We're paused. Say 'resume' to carry on, or 'stop' to end.")
        paused_for = self.clock() - began
        state.started += paused_for
        self._say("Picking up where we left off.")
        return paused_for
