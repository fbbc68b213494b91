"""Interruptions: what may cut into anything Hearth is doing, as values the runner handles in
one place (`Runner._interrupt`), not exceptions raised from deep inside and caught at many sites.

`Crisis` and `Stop` end the exercise in progress (they are `Ending`s); a `Control` said while an
exercise runs (pause, slower, repeat, help) is carried out and the exercise goes on.
"""

from dataclasses import dataclass

from assistant.understanding.result import IntentMatch
from assistant.understanding.small_talk import is_farewell


@dataclass(frozen=True)
class Crisis:
    """The crisis guard fired: whatever runs ends and the crisis reply is said."""

    match: IntentMatch  # what was understood, with its concern ("self_harm", "abuse", ...)


@dataclass(frozen=True)
class Stop:
    """Someone said stop: the exercise ends (what it saved stays), the session goes on; or
    said goodbye ("bye"), and the session ends too."""

    farewell: bool = False


@dataclass(frozen=True)
class Control:
    """A global control said during an exercise (pause, slower, repeat, help)."""

    intent: str  # "control.pause", "control.slower", ...


@dataclass(frozen=True)
class Switch:
    """Someone changed their mind inside an answer ("actually, let's do breathing instead"):
    the exercise ends (what it saved stays) and the one asked for starts."""

    match: IntentMatch  # the request, with its slots


Ending = Crisis | Stop
Interruption = Crisis | Stop | Control

# Controls said over Hearth that cut in; skip and resume only silence the line (skip is an
# answer; resume means nothing while nothing is paused), yes and no are answers.
NOT_CUTTING_IN = {"control.skip", "control.resume", "control.yes", "control.no"}


def interruption_in(match: IntentMatch) -> Interruption | None:
    """The interruption an utterance carries, if any."""
    if match.intent == "safety.crisis":
        return Crisis(match)
    if match.intent == "control.stop":
        return Stop(farewell=is_farewell(match.text))
    if match.intent.startswith("control.") and match.intent not in NOT_CUTTING_IN:
        return Control(match.intent)
    return None
