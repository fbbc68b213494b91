"""The runner: drives any exercise over any channel, with the global controls and the safety
guard in one place.

Every utterance, in every state, goes through `_hear`, which runs the crisis check first. A
crisis stops the exercise, says the region's resources and is never written to the journal.
Controls work the same everywhere: stop, pause/resume, repeat, slower, help; skip, yes and no
are handed to the exercise as answers (skip also ends a timed wait early).

Interruptions (a crisis, stop, a control said over Hearth) are values (`interruptions.py`):
speaking and hearing return them, `_interrupt` handles them in one place, and what ends an
exercise (`Crisis`, `Stop`) travels back up as a return value to `_drive` or the session loop,
which close the exercise and answer it in `_ended`.

In an exercise, `Ask` gets an Answer or None (nobody answered after one gentle reminder, or the
input ended), `Save` commits at once and gets the entry id, `WaitUntil(at)` waits until `at`
seconds after the exercise began, so a schedule never drifts however long speaking takes;
a pause shifts the whole schedule by the time spent paused. `fast` shrinks every wait.
"""

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from assistant.config import Settings
from assistant.dialogue.channel import Channel, EndOfInput, Heard
from assistant.dialogue.context import Context
from assistant.dialogue.interruptions import (
    Control, Crisis, Ending, Interruption, Stop, Switch, interruption_in,
)
from assistant.dialogue.reflection import feeling_in
from assistant.dialogue.safety import (
    ABUSE_CONCERNS, NEXT_STEP_AFTER_CRISIS, asks_for_numbers, crisis_reply, listening_line,
    resources_again,
)
from assistant.dialogue.steps import (
    Answer, Ask, Chime, Exit, Pause, Play, Save, Say, WaitUntil,
)
from assistant.dialogue.talk import (
    CONTROL_HELP, SMALL_TALK, describe, explain, help_with, what_i_can_do,
)
from assistant.exercises import Exercise, couples_intents, exercise_registry
from assistant.journal.recordings import discard_recording
from assistant.journal.seen import BOOKKEEPING
from assistant.safe_text import name_problem
from assistant.understanding import answers
from assistant.understanding.name_change import (
    ROLE_WORDS, NameChange, introduces, name_change, names_in,
)
from assistant.understanding.normalise import normalise
from assistant.understanding.asides import bare
from assistant.understanding.second_thoughts import corrected, final_say
from assistant.understanding.small_talk import is_farewell, says_misread, small_talk, tells
from assistant.understanding.result import IntentMatch

log = logging.getLogger(__name__)

FAST_FACTOR = 0.001  # --fast: ten minutes of breathing pass in 0.6 s
SLOWER = 1.3  # each "slower" stretches timed phases by this much
CONTROL_CONFIDENCE = 0.8  # a free-speech answer counts as a control only when this sure
# An answer that is a request for another exercise this sure is a change of mind, not an
# answer: "actually, let's do breathing instead" scores 0.92, "that she listens to me" (a need,
# said in a check-in) 0.79, "i need to breathe more with her" 0.82.
MIND_CHANGE_CONFIDENCE = 0.85
# ... and one less sure, from this up, is asked about first ("Did you want a conversation
# question instead?"): only a yes switches, anything else keeps the answer. A request read in
# context is held to 0.75 and many plain ones score below 0.85 ("we'd like to do our daily
# check in" 0.76, "give us a conversation question" 0.82); so do answers that describe a
# situation ("i'm still really angry" 0.77), hence the question.
MIND_CHANGE_ASK = 0.75
PASSED_TO_EXERCISE = {"control.skip", "control.yes", "control.no"}
# An answer the matcher only half reads as a control is an answer ("meh" is 0.52 "repeat",
# "what else" 0.58): below this, the exercise reads it.
CONTROL_FLOOR = 0.6
# Asking for the question again costs nothing, so a longer way of asking counts when sure:
# "what was the question again" (1.0) in a free-speech answer.
REPEAT_WORDS = 6
WAITING = "Of course, take your time. I'll wait."
STOPPED = "Okay, stopping there. What would you like to do next?"
LONGEST = 1000  # characters the matcher takes at once
OVERLAP = 100  # consecutive parts of a longer answer overlap, so no phrase is cut in two
CLEAR_REQUEST = 0.8  # after a crisis reply, only a request this sure ends the listening
# A request said with the names; names alone ("Sam and my husband Alex") score under 0.5.
REQUEST_WITH_NAMES = 0.55
MISREAD_SORRY = ("I'm sorry, I took that the wrong way. Thank you for telling me. If you ever "
                 "want those numbers, just ask. What would you like to do?")

Heard_ = tuple[Heard, IntentMatch]  # an utterance and what it means


def interrupts(matcher, text: str) -> bool:
    """Whether an utterance is a control or a crisis: the words that may cut in at any time."""
    intent = matcher.understand(text[:1000]).intent
    return intent == "safety.crisis" or (
        intent.startswith("control.") and intent not in ("control.yes", "control.no"))


@dataclass
class _Running:
    """The state of the exercise in progress."""

    intent: str
    ctx: Context
    started: float  # clock time the schedule counts from (moved on by pauses)
    session_id: int
    last_said: str = ""


class Runner:
    """One dialogue session over one channel."""

    def __init__(self, channel: Channel, matcher, journal, settings: Settings,
                 clock: Callable[[], float] = time.monotonic, fast: bool = False,
                 rng: random.Random | None = None):
        self.channel, self.matcher, self.journal = channel, matcher, journal
        self.settings, self.clock, self.fast = settings, clock, fast
        self.rng = rng or random.Random()  # draws from the decks; seeded in scripted tests
        self.abuse_mentioned = False
        self.partners = list(settings.partners) or journal.partners()
        self.last_reply = ""
        self._state: _Running | None = None  # the exercise in progress, if any
        # After a crisis reply Hearth stays with the person (no exercise, no quiz) until they
        # ask for something: the concern it stays for, and how many replies it has given.
        self._staying: str | None = None
        self._stay_turn = 0

    # --- interruptions, in one place ------------------------------------------------------

    def _interrupt(self, interruption: Interruption | None) -> Ending | None:
        """Act on an interruption; returns the Ending that ends what runs, if any.

        A crisis always ends it. Stop and the other controls act only inside an exercise:
        said over Hearth anywhere else, they have already silenced the line, which is enough.
        """
        state = self._state
        if isinstance(interruption, Crisis):
            return interruption
        if state is None or interruption is None:
            return None
        if isinstance(interruption, Stop):
            return interruption
        intent = interruption.intent
        if intent == "control.pause":
            return self._paused(state)
        if intent == "control.slower":
            state.ctx.pace *= SLOWER
            self.channel.slow_down()
            return self._say("Okay, slower.", style="calm")
        if intent == "control.repeat" and state.last_said:
            return self._say(state.last_said)
        if intent == "control.help":
            return self._say(f"We're in {describe(state.intent)}. {CONTROL_HELP}")
        return None

    def _ended(self, ending: Ending | None) -> None:
        """Answer what ended an exercise or a request: the crisis reply, or a word on stopping."""
        if isinstance(ending, Crisis):
            self._crisis(ending.match)
        elif isinstance(ending, Stop):
            self._say(STOPPED)

    # --- speaking and hearing -------------------------------------------------------------

    def _say(self, text: str, style: str | None = None,
             partner: str | None = None) -> Ending | None:
        """Say a line; returns the Ending said over it (crisis, stop), if any."""
        self.last_reply = text
        return self._said_over(self.channel.say(text, style=style, partner=partner))

    def _said_over(self, heard: Heard | None) -> Ending | None:
        """Someone spoke over Hearth and the channel silenced it: act on what they said."""
        if heard is None:
            return None
        return self._interrupt(interruption_in(self.matcher.understand(heard.text[:1000])))

    def _say_all(self, *lines: str, style: str | None = None) -> Ending | None:
        """Say lines in order until one is interrupted by an Ending."""
        for line in lines:
            if ending := self._say(line, style=style):
                return ending
        return None

    def _scaled(self, seconds: float) -> float:
        return seconds * FAST_FACTOR if self.fast else seconds

    def _hear(self, timeout: float | None, wanted=None, mode: str = "command",
              keep_audio: bool = False, request: bool = False) -> Heard_ | Crisis | None:
        """The next utterance and what it means, or the Crisis it carries (the crisis guard
        runs before anything else), or None when nobody spoke."""
        heard = self.channel.hear(timeout, wanted=wanted, mode=mode, keep_audio=keep_audio,
                                  request=request)
        if heard is None:
            return None
        match = self._understood(heard.text)
        if match.intent == "safety.crisis":
            discard_recording(heard.audio_path)  # a crisis leaves nothing behind, audio included
            return Crisis(match)
        return heard, match

    def _understood(self, text: str) -> IntentMatch:
        """What an utterance means; a long dictation is understood by its first 1,000
        characters, but every part of it passes the crisis guard (a crisis said at the end of
        a long answer must not reach the journal)."""
        match = self.matcher.understand(text[:LONGEST])
        for start in range(LONGEST - OVERLAP, len(text) - OVERLAP, LONGEST - OVERLAP):
            if match.intent == "safety.crisis":
                break
            part = self.matcher.understand(text[start:start + LONGEST])
            if part.intent == "safety.crisis":
                match = part
        return match

    def _heard_again(self) -> Ending | None:
        """Before anything is kept: a spoken request is acted on before its second hearing
        ends (voice_channel.py); a crisis that hearing finds leaves nothing behind, and a
        control it finds acts as if said over Hearth."""
        settle = getattr(self.channel, "settle", None)  # test channels may not have it
        heard = settle() if settle is not None else None
        if heard is None:
            return None
        return self._interrupt(interruption_in(self._understood(heard.text)))

    def is_control(self, text: str) -> bool:
        """Whether an utterance is a control (or a crisis), which may interrupt anything."""
        return interrupts(self.matcher, text)

    # --- the session ------------------------------------------------------------------------

    def session(self) -> int:
        """Greet, then handle requests until the input ends or someone says goodbye."""
        wound_down = False  # the bedtime ritual has just ended with good night
        try:
            self._ended(self._greet())
            while True:
                got = self._hear(None, request=True)
                if got is None:
                    continue
                if isinstance(got, Crisis):
                    self._ended(got)
                    continue
                heard, match = got
                if is_farewell(heard.text):
                    self._ended(self._say(self._goodbye()))
                    return 0
                if self._staying is not None and self._stayed(heard.text, match):
                    continue
                if match.intent == "ritual.bedtime" and wound_down:
                    # "thanks, goodnight" right after the ritual said good night is a farewell,
                    # not a request to start the ritual again.
                    self._say("Good night. I'll be here when you need me.", style="calm")
                    return 0
                ending = self.handle(match)
                if match.intent in exercise_registry():  # an "ok" in between keeps it
                    wound_down = match.intent == "ritual.bedtime" and ending is None
                if isinstance(ending, Stop) and ending.farewell:  # "bye" inside an exercise
                    self._say(self._goodbye())
                    return 0
                self._ended(ending)
        except EndOfInput:
            return 0

    def _greet(self) -> Ending | None:
        request = None
        if not self.partners:
            request = self._ask_names()
            if isinstance(request, Crisis):
                return request
            if request is not None and is_farewell(request.text):
                self._say(self._goodbye())  # "bye" instead of names ends the session
                raise EndOfInput
        names = " and ".join(self.partners)
        if ending := self._say(f"Hi {names}. What would you like to do? "
                               "You can say 'help' to hear ideas."):
            return ending
        from assistant.exercises.notes import unheard_notes_announcement

        for partner in self.partners:
            line = unheard_notes_announcement(self.journal, partner)
            if line and (ending := self._say(line)):
                return ending
        return self.handle(request) if request is not None else None

    def _goodbye(self) -> str:
        # After abuse has been mentioned, nothing suggests looking after the relationship.
        if self.abuse_mentioned:
            return "Goodbye for now. Please look after yourself."
        return "Goodbye for now. Take care of each other."

    def _ask_names(self) -> IntentMatch | Crisis | None:
        """Ask the partners' names once, read them back and confirm; returns a request if one
        was said instead (the placeholder names stay, and are asked next time)."""
        self.partners = ["Partner A", "Partner B"]
        question = "Before we start: what are your names? For example, 'Sam and Alex'."
        for _attempt in range(3):
            if ending := self._say(question):
                return ending
            got = self._hear(self._scaled(self.settings.idle_timeout))
            if got is None or isinstance(got, Crisis):
                return got
            heard, match = got
            names = [name for name in names_in(heard.text) if name_problem(name) is None]
            if match.intent != "none" and (not names or match.confidence >= CLEAR_REQUEST
                                           and not introduces(heard.text)):
                return match  # a request ("bye", "ask us something fun"), not names
            if not names:
                question = "Sorry, I didn't catch your names. What should I call you both?"
                continue
            # Names said with a request ("i'm Jordan and this is Priya, can we check in"): the
            # request is answered once the names are confirmed.
            request = (match if match.intent in exercise_registry()
                       and match.confidence >= REQUEST_WITH_NAMES else None)
            confirmed = self._confirm_names(names)
            if isinstance(confirmed, Crisis):
                return confirmed
            if confirmed is True:
                return request
            names_said = confirmed if isinstance(confirmed, list) else None
            if names_said:  # "no, it's Sammy and Alex": confirm the corrected names
                confirmed = self._confirm_names(names_said)
                if isinstance(confirmed, Crisis):
                    return confirmed
                if confirmed is True:
                    return request
            question = "Sorry about that. What are your names?"
        return None

    def _confirm_names(self, names: list[str]) -> bool | list[str] | Crisis | None:
        """Read names back; True when confirmed (and saved), the names said in a correction,
        None for a plain no or no answer."""
        if ending := self._say(f"Did I get that right: {' and '.join(names)}?"):
            return ending if isinstance(ending, Crisis) else None
        got = self._hear(self._scaled(self.settings.idle_timeout))
        if got is None or isinstance(got, Crisis):
            return got
        text = got[0].text
        if answers.read_yes_no(final_say(text)) == "yes" and not names_in(final_say(text)):
            # One name is fine: Hearth serves one person too. Saved only once confirmed.
            self.partners = names[:2]
            self.journal.set_partners(self.partners)
            return True
        return names_in(text) or None

    def handle(self, match: IntentMatch) -> Ending | None:
        """Answer one request made outside an exercise; returns a Crisis said meanwhile."""
        if match.intent != "safety.crisis":
            if (change := name_change(match.text)) is not None:
                return self._rename(change)
            if (about := help_with(match.text)) is not None:
                return self._say(explain(about.intent) if about.intent in exercise_registry()
                                 else what_i_can_do(self.abuse_mentioned, asked=True))
            kind = small_talk(match.text)
            # Strain said as hyperbole ("this fight is killing me") gets care and an offer,
            # unless it was plainly a request (not a guess made by reading it in context).
            # "how's it going" is small talk unless plainly a request ("how's it going, can
            # we check in" is sure of the check-in).
            if kind and (match.intent == "none"
                         or kind == "strain" and match.in_context
                         or kind != "strain" and match.intent.startswith("control.")
                         or kind in ("how_are_you", "frustrated")
                         and match.confidence < CLEAR_REQUEST):
                return self._say(SMALL_TALK[kind])
        if match.near_tie == "safety.crisis":  # never offered as a choice: the guard decides
            match = IntentMatch(match.text, match.intent, match.confidence, match.slots)
        if match.near_tie and not match.intent.startswith("control."):
            chosen = self._did_you_mean(match)
            if chosen is None or isinstance(chosen, (Crisis, Stop)):
                return chosen
            match = chosen
        intent = match.intent
        if intent == "safety.crisis":
            return Crisis(match)
        if intent == "none":  # "he beat me at chess again" is talk, not a request refused
            return self._say(what_i_can_do(self.abuse_mentioned, told=tells(match.text)))
        if intent == "control.help":
            return self._say_all(what_i_can_do(self.abuse_mentioned, asked=True), CONTROL_HELP)
        if intent == "control.repeat":
            return self._say(self.last_reply or "I haven't said anything yet.")
        if intent.startswith("control."):
            return self._say("Nothing is running right now. What would you like to do?")
        if intent == "data.forget":
            return self._forget()
        return self.run_exercise(intent, match.slots, request=match.text)

    def _rename(self, change: NameChange) -> Ending | None:
        """Change a partner's name: "call me Jo" (instead of whom is guessed, then confirmed),
        "that's not my name" (asked)."""
        new = change.new
        if new is None:
            if ending := self._say("Sorry about that. What should I call you?"):
                return ending
            got = self._hear(self._scaled(self.settings.idle_timeout))
            if got is None or isinstance(got, Crisis):
                return got
            said = names_in(got[0].text, most=1)
            if not said:
                return self._say("Okay, I'll keep the names as they are for now.")
            new = said[0]
        partners = list(self.partners) or ["Partner A", "Partner B"]
        old = next((p for p in partners if change.old and p.lower() == change.old.lower()),
                   None)
        # Whose name it is, when that is clear: the one who says who they are ("Sam here,
        # call me Jo"), the partner whose name it lengthens or shortens, the only partner, or
        # a placeholder left where a name should be.
        # A longer or shorter form of one partner's name is theirs ("Samantha" for Sam).
        stem = [p for p in partners if p.lower() != new.lower()
                and (new.lower().startswith(p.lower()) or p.lower().startswith(new.lower()))]
        old = (old or answers.read_speaker(change.said, [p for p in partners if p != new])
               or (stem[0] if len(stem) == 1 else None)
               or (partners[0] if len(partners) == 1 else None))
        placeholder = next((p for p in partners if p.lower() in ROLE_WORDS), None)
        if old is None and placeholder is not None:
            if ending := self._say(f"Okay, {new}. Is that instead of {placeholder}?"):
                return ending
            got = self._hear(self._scaled(self.settings.idle_timeout))
            if got is None or isinstance(got, Crisis):
                return got
            reply = final_say(got[0].text)
            other = next((p for p in partners if p != placeholder), None)
            named = answers.read_speaker(reply, partners)
            if named:
                old = named
            elif answers.read_yes_no(reply) == "yes":
                old = placeholder
            elif answers.read_yes_no(reply) == "no" and other:
                old = other
            else:
                return self._say("Okay, I'll keep the names as they are.")
        elif old is None:
            # Not clear who is speaking: ask once, naming both.
            if ending := self._say(f"Okay, {new}. Whose name is that: "
                                   f"{' or '.join(partners)}?"):
                return ending
            got = self._hear(self._scaled(self.settings.idle_timeout))
            if got is None or isinstance(got, Crisis):
                return got
            old = answers.read_speaker(final_say(got[0].text), partners)
            if old is None:
                return self._say(f"I didn't catch whose name that is, so I'll keep the names "
                                 f"as they are. You can say, for example: {partners[0]} here, "
                                 f"call me {new}.")
        self.partners = [new if p == old else p for p in partners]
        self.journal.set_partners(self.partners)
        return self._say(f"Got it: {' and '.join(self.partners)}. I'll remember that.")

    def _did_you_mean(self, match: IntentMatch) -> IntentMatch | Ending | None:
        if ending := self._say(
                f"Did you mean {describe(match.intent)}, or {describe(match.near_tie)}? "
                f"Say yes for {describe(match.intent)}, or no for the other."):
            return ending if isinstance(ending, Crisis) else None
        got = self._hear(self._scaled(self.settings.idle_timeout))
        if got is None or isinstance(got, Crisis):
            return got
        heard, answer = got
        if answer.intent == "control.stop":  # "stop", or "bye": then the session ends too
            return Stop(farewell=is_farewell(heard.text))
        reading = answers.read_yes_no(heard.text)
        if reading == "yes":
            return IntentMatch(match.text, match.intent, match.confidence, match.slots)
        if reading == "no" and answer.intent in ("control.no", "none"):
            return IntentMatch(match.text, match.near_tie, match.confidence, match.slots)
        return answer if answer.intent not in ("none", "control.no") else None

    def _forget(self) -> Ending | None:
        if ending := self._say("This deletes everything Hearth has kept: check-ins, notes, "
                               "history. It cannot be undone. Are you sure? Say yes to "
                               "delete, or no to keep it."):
            return ending
        got = self._hear(self._scaled(self.settings.idle_timeout))
        if isinstance(got, Crisis):
            return got
        if got and answers.read_yes_no(got[0].text) == "unclear":
            # Asked once more, in other words; anything but a plain yes keeps the data.
            if ending := self._say("I need a clear yes or no for this one. Delete everything "
                                   "for good?"):
                return ending
            got = self._hear(self._scaled(self.settings.idle_timeout))
            if isinstance(got, Crisis):
                return got
        if got and answers.is_unmistakable_yes(got[0].text):
            self.journal.forget()
            return self._say("Done. Everything is deleted.")
        return self._say("Okay, I've kept everything as it was.")

    def _stayed(self, text: str, match: IntentMatch) -> bool:
        """After a crisis reply: answer calmly and stay, unless the person clearly asks for
        something (then the staying ends and the request is handled)."""
        if asks_for_numbers(text) or match.intent == "control.repeat":
            for line in resources_again(self._staying, self.settings.region):
                self._say(line, style="calm")
            return True
        if match.intent == "control.help":  # "what do I do": the next step, not a menu
            self._say(NEXT_STEP_AFTER_CRISIS, style="calm")
            return True
        asked = (match.intent in exercise_registry() and match.confidence >= CLEAR_REQUEST
                 and not match.near_tie)
        if asked:
            self._staying = None
            return False
        if says_misread(text):
            # A false alarm: say sorry and let them go on, with the numbers still offered.
            # Couples exercises stay aside after an abuse alarm all the same: "it was nothing"
            # can also be said with someone listening.
            self._staying = None
            self._say(MISREAD_SORRY, style="calm")
            return True
        self._say(listening_line(self._stay_turn, feeling_in(text)), style="calm")
        self._stay_turn += 1
        return True

    def _crisis(self, match: IntentMatch) -> None:
        if match.concern in ABUSE_CONCERNS:
            self.abuse_mentioned = True
        if match.concern != "support_other":
            self._staying, self._stay_turn = match.concern or "unspecified", 0
        # Whatever is said over these lines only silences the line it cuts: the rest is said.
        for line in crisis_reply(match.concern, self.settings.region):
            self._say(line, style="calm")

    # --- exercises --------------------------------------------------------------------------

    def run_exercise(self, intent: str, slots: dict | None = None,
                     request: str = "") -> Ending | None:
        """Run an exercise to its end, then any exercise it hands over to; returns a Crisis
        that ended it, or a goodbye said inside it (a stop is answered here: the session
        simply goes on)."""
        while intent:
            if self.abuse_mentioned and intent in couples_intents():
                return self._say("Right now your safety comes first, so I'll leave the couples "
                                 "exercises aside. I can guide some calm breathing, or share "
                                 "where to find support.")
            exercise = exercise_registry().get(intent)
            if exercise is None:
                return self._say(what_i_can_do(self.abuse_mentioned))
            exit_value, ending = self._drive(exercise, slots or {}, request)
            request = ""  # an exercise handed over to starts from its slots alone
            if isinstance(ending, Switch):
                intent, slots = ending.match.intent, ending.match.slots
                request = ending.match.text
                continue
            if isinstance(ending, Stop):
                return ending if ending.farewell else self._say(STOPPED)
            if ending is not None:
                return ending
            intent = exit_value.next_intent if isinstance(exit_value, Exit) else None
            slots = exit_value.slots if isinstance(exit_value, Exit) else {}
            if intent == "safety.crisis":
                return Crisis(IntentMatch("", "safety.crisis", 1.0, concern="unspecified"))
        return None

    def _drive(self, exercise: Exercise, slots: dict,
               request: str = "") -> tuple[Exit | None, Ending | None]:
        """Run one exercise script; returns what it handed over to and what ended it early."""
        ctx = Context(partners=self.partners or ["Partner A", "Partner B"],
                      settings=self.settings, journal=self.journal, slots=dict(slots),
                      request=request, rng=self.rng)
        state = _Running(exercise.intent, ctx, self.clock(),
                         self.journal.start_session(exercise.intent))
        self._state = state
        script = exercise.run(ctx)
        reply, exit_value, ending = None, None, None
        try:
            while True:
                try:
                    step = script.send(reply)
                except StopIteration as done:
                    exit_value = done.value
                    break
                reply = self._perform(step, state)
                if isinstance(reply, Crisis | Stop | Switch):
                    ending = reply
                    break
        finally:
            self._state = None  # from here on, words said over Hearth only silence it
            script.close()
            self.journal.finish_session(state.session_id, ending is None)
        return exit_value, ending

    def _perform(self, step, state: _Running):
        """Carry out one step; returns what the script receives, or the Ending met."""
        if isinstance(step, Say):
            state.last_said = step.text
            return self._say(step.text, style=step.style)
        if isinstance(step, Ask):
            return self._ask(step, state)
        if isinstance(step, Chime):
            self.channel.chime(step.kind)
        elif isinstance(step, Play):
            state.last_said = step.text
            return self._said_over(self.channel.play(step.path, step.text))
        elif isinstance(step, Pause):
            return self._wait(self.clock() + self._scaled(step.seconds), state)
        elif isinstance(step, WaitUntil):
            return self._wait(state.started + self._scaled(step.at), state)
        elif isinstance(step, Save):
            # Which card was drawn holds nothing anyone said: it need not wait to be kept.
            if step.kind not in BOOKKEEPING and (ending := self._heard_again()):
                return ending
            return self.journal.save(step.kind, step.data, partner=step.partner,
                                     session_id=state.session_id, replaces=step.replaces)
        else:
            raise TypeError(f"unknown step {step!r}")
        return None

    def _ask(self, ask: Ask, state: _Running) -> Answer | Ending | None:
        prompt = ask.text
        reminded = False
        waiting = False  # "one sec": the question stays open, with no time limit
        while True:
            if not waiting:
                state.last_said = prompt
                if ending := self._say(prompt, style=ask.style, partner=ask.partner):
                    return ending
            got = self._hear(None if waiting else self._scaled(self.settings.idle_timeout),
                             mode=ask.mode, keep_audio=ask.keep_audio)
            if isinstance(got, Crisis):
                return got
            if got is None:
                if reminded:
                    return None
                reminded = True
                who = f"{ask.partner}, " if ask.partner else ""
                prompt = f"{who}take your time. {ask.text}"
                continue
            heard, match = got
            if not ask.keep_audio and (meant := corrected(heard.text)) != heard.text:
                # "8, no wait, more like 6": the answer is what follows the retraction (a kept
                # recording keeps its words as said).
                heard, match = replace(heard, text=meant), self._understood(meant)
            if self._changes_mind(match, state):
                discard_recording(heard.audio_path)  # a request, not an answer to keep
                return Switch(match)
            # (free speech tells needs and situations: "i need you to listen to me" is an
            # answer there, so only a sure request switches)
            if ask.mode == "command" and self._may_change_mind(match, state):
                switch = self._asked_to_switch(match)
                if switch is not False:
                    discard_recording(heard.audio_path)
                    return Switch(match) if switch is True else switch
            control = self._control_in_answer(match, ask)
            if control is None:
                return Answer(heard.text, match, heard.audio_path)
            discard_recording(heard.audio_path)  # "stop" is not a note to keep
            if control == "control.pause" and not waiting:
                # A question already waits: "one sec" keeps it open, and what is said next
                # is its answer ("ok, phones are on the charger"); the schedule moves on by
                # the time waited, as after a pause.
                began = self.clock()
                if ending := self._say(WAITING, style=ask.style):
                    return ending
                waiting = True
                continue
            if waiting:
                state.started += self.clock() - began
                waiting = False
            if control in ("control.resume", "control.pause"):
                prompt = ask.text
                continue
            if control != "control.repeat":  # the question is asked again anyway
                if ending := self._interrupt(interruption_in(match)):
                    return ending
            prompt = ask.text  # repeat, resume and the rest: ask again

    def _changes_mind(self, match: IntentMatch, state: _Running) -> bool:
        """Whether an answer is a clear request for a different exercise (decided by the
        matcher's confidence, so it works the same in every exercise and every question)."""
        return (self._names_another(match, state)
                and match.confidence >= MIND_CHANGE_CONFIDENCE)

    def _may_change_mind(self, match: IntentMatch, state: _Running) -> bool:
        """Whether an answer may be a request for a different exercise, less sure than a
        change of mind: worth asking about, unless it reads as a no."""
        return (self._names_another(match, state) and match.confidence >= MIND_CHANGE_ASK
                and answers.read_yes_no(match.text) != "no")  # "no, i'm too tired"

    @staticmethod
    def _names_another(match: IntentMatch, state: _Running) -> bool:
        """Whether an answer reads as a request for another exercise, however sure."""
        return (match.intent != state.intent and match.intent in exercise_registry()
                and not match.indirect  # "you never listen to me" is an answer, not a request
                and match.near_tie is None
                and not answers.is_amount(match.text))  # "ten please" answers a question

    def _asked_to_switch(self, match: IntentMatch) -> bool | Ending:
        """"Did you want X instead?": True on a yes, False on anything else (the answer is
        kept), or what ended the asking (a crisis, an interruption)."""
        if ending := self._say(f"Did you want {describe(match.intent)} instead? Say yes to "
                               f"switch, or no to keep that as your answer."):
            return ending
        got = self._hear(self._scaled(self.settings.idle_timeout))
        if isinstance(got, Crisis):
            return got
        return got is not None and answers.read_yes_no(got[0].text) == "yes"

    def _control_in_answer(self, match: IntentMatch, ask: Ask) -> str | None:
        """A control the runner handles, or None when the answer belongs to the exercise."""
        if not match.intent.startswith("control.") or match.intent in PASSED_TO_EXERCISE:
            return None
        said = f" {normalise(match.text)} "
        if any(f" {normalise(word)} " in said for word in ask.answers):
            return None  # a word this question expects: "done" here means done, not stop
        words = len(match.text.split())
        if match.confidence >= CONTROL_CONFIDENCE and (
                words <= 4 or match.intent == "control.repeat" and words <= REPEAT_WORDS):
            sure = True
        else:
            # "actually stop", "ok stop", "no stop": the control in the words left once the
            # small words around it are gone; anything else only half read as a control
            # ("meh", "what else") is an answer.
            left = bare(match.text)
            again = self._understood(left) if left else None
            sure = again is not None and again.intent == match.intent and (
                again.confidence >= CONTROL_CONFIDENCE)
            if not sure and (ask.mode == "dictation" or match.confidence < CONTROL_FLOOR):
                return None  # free speech that merely contains "stop" is an answer
        if (ask.mode == "command" and match.intent == "control.stop"
                and answers.read_yes_no(final_say(match.text)) == "no"
                and answers.says_no_aloud(final_say(match.text))):
            # "no, that's enough thanks" answers the question (the exercise closes); "ok stop"
            # in the middle of a yes-or-no quiz stops it, it is not a no
            return None
        return match.intent

    def _wait(self, deadline: float, state: _Running) -> Ending | None:
        """Wait until the deadline, taking only controls (and crises) meanwhile; a pause
        moves the deadline on by the time spent paused."""
        while (remaining := deadline - self.clock()) > 0:
            got = self._hear(remaining, wanted=self.is_control)
            if got is None:
                continue
            if isinstance(got, Crisis):
                return got
            if got[1].intent == "control.skip":
                return None
            started = state.started
            if ending := self._interrupt(interruption_in(got[1])):
                return ending
            deadline += state.started - started
        return None

    def _paused(self, state: _Running) -> Ending | None:
        """Hold until resume; the schedule shifts by the time spent paused."""
        began = self.clock()
        if ending := self._say("Paused. Say 'resume' when you're ready, or 'stop' to end."):
            return ending
        while True:
            got = self._hear(None)
            if got is None:
                continue
            if isinstance(got, Crisis):
                return got
            if got[1].intent == "control.stop":
                return Stop()
            if got[1].intent in ("control.resume", "control.yes"):
                break
            if ending := self._say("We're paused. Say 'resume' to carry on, or 'stop' to end."):
                return ending
        state.started += self.clock() - began
        return self._say("Picking up where we left off.")
