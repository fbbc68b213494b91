"""A small test driver: runs an exercise script with scripted answers against a real Journal.

    run = drive(checkin.run, make_context(journal), ["7", "work was long", "a hug", ...])
    run.said      # every Say and Ask text, in order
    run.saves     # (kind, data, partner) of every Save, also written to the journal
    run.exit      # the Exit the script returned, or None

Scripted answers: a string becomes Answer(text); "yes", "no" and "skip" also carry the
control.yes / control.no / control.skip intent, as the runner would send them; None means nobody
answered. When the answers run out, every further Ask gets None (like the end of input).
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.config import Settings
from assistant.dialogue.context import Context
from assistant.dialogue.steps import (
    Answer, Ask, Chime, Exit, Pause, Play, Save, Say, WaitUntil,
)
from assistant.journal import Journal
from assistant.understanding.result import IntentMatch

CONTROLS = {"yes": "control.yes", "no": "control.no", "skip": "control.skip"}


def answer(text: str, intent: str | None = None) -> Answer:
    """An Answer as the runner would send it; controls get their intent."""
    intent = intent or CONTROLS.get(text.strip().lower())
    match = IntentMatch(text=text, intent=intent, confidence=1.0) if intent else None
    return Answer(text=text, match=match)


@dataclass
class Run:
    """What happened while a script ran."""

    steps: list = field(default_factory=list)  # every step yielded, in order
    said: list[str] = field(default_factory=list)  # Say and Ask texts
    asks: list[Ask] = field(default_factory=list)
    saves: list[tuple[str, dict, str | None]] = field(default_factory=list)  # as stored at the end
    save_ids: list[int] = field(default_factory=list)  # the entry id of each of `saves`
    exit: Exit | None = None

    def text(self) -> str:
        """Everything said, one line each, for searching."""
        return "\n".join(self.said)

    def saved(self, kind: str) -> list[dict]:
        """The data of every Save of this kind."""
        return [data for k, data, _ in self.saves if k == kind]


def make_context(journal: Journal, partners=("Sam", "Alex"), slots=None,
                 settings: Settings | None = None, seed: int = 7) -> Context:
    """A Context for tests, with a seeded random generator."""
    return Context(partners=list(partners), settings=settings or Settings(), journal=journal,
                   slots=dict(slots or {}), rng=random.Random(seed))


def drive(script: Callable, ctx: Context, answers: list, on_step: Callable | None = None,
          session_kind: str = "test", max_steps: int = 20_000) -> Run:
    """Run `script(ctx)` to its end, answering Asks from `answers`, saving into ctx.journal."""
    run = Run()
    pending = list(answers)
    session_id = ctx.journal.start_session(session_kind)
    generator = script(ctx)
    reply = None
    try:
        for _ in range(max_steps):
            step = generator.send(reply)
            run.steps.append(step)
            if on_step:
                on_step(step, ctx)
            reply = None
            if isinstance(step, Say):
                run.said.append(step.text)
            elif isinstance(step, Play):
                run.said.append(f"[recording] {step.text}")
            elif isinstance(step, Ask):
                run.said.append(step.text)
                run.asks.append(step)
                given = pending.pop(0) if pending else None
                reply = answer(given) if isinstance(given, str) else given
            elif isinstance(step, Save):
                reply = ctx.journal.save(step.kind, step.data, step.partner, session_id,
                                         replaces=step.replaces)
                saved = (step.kind, step.data, step.partner)
                if reply in run.save_ids:  # the same entry, completed: one record, as stored
                    run.saves[run.save_ids.index(reply)] = saved
                else:
                    run.saves.append(saved)
                    run.save_ids.append(reply)
            elif not isinstance(step, (Pause, WaitUntil, Chime)):
                raise TypeError(f"unknown step {step!r}")
        raise AssertionError("script did not finish")
    except StopIteration as stop:
        run.exit = stop.value
    ctx.journal.finish_session(session_id, completed=True)
    return run
