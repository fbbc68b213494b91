"""The exercise registry: each module declares its intents, name and couples flag."""

from types import SimpleNamespace

import pytest

from assistant.dialogue.interruptions import Control, Crisis, Stop, interruption_in
from assistant.dialogue.talk import describe
from assistant.errors import CatalogueError
from assistant.exercises import build_registry, couples_intents, exercise_registry
from assistant.understanding import load_matcher
from assistant.understanding.result import IntentMatch


def module(name, intents, **declared):
    def run(ctx):
        yield from ()
    return SimpleNamespace(__name__=name, INTENTS=intents, run=run, **declared)


def test_every_exercise_intent_in_the_catalogue_has_an_exercise_with_a_name():
    registry = exercise_registry()
    catalogue = {t.intent for t in load_matcher().catalogue.templates}
    served = {i for i in catalogue
              if i.split(".")[0] not in ("control", "safety", "data", "none")}
    assert served <= set(registry)
    assert all(exercise.name and describe(intent) == exercise.name
               for intent, exercise in registry.items())


def test_couples_exercises_come_from_the_modules_flags():
    assert {"checkin.start", "ritual.bedtime", "idea.affection"} <= couples_intents()
    assert not {"exercise.breathing", "selfcare.guide", "help.professional"} & couples_intents()


def test_an_intent_declared_twice_is_refused():
    with pytest.raises(CatalogueError, match="already served by first"):
        build_registry([module("first", ("x.y",), NAME="x", COUPLES=True),
                        module("second", ("x.y",), NAME="y", COUPLES=False)])


def test_a_module_that_leaves_out_its_couples_flag_is_refused():
    with pytest.raises(CatalogueError, match="COUPLES"):
        build_registry([module("new_exercise", ("x.z",), NAME="x")])


def test_helpers_without_intents_are_not_exercises():
    assert build_registry([SimpleNamespace(__name__="helper")]) == {}


@pytest.mark.parametrize(("intent", "expected"), [
    ("safety.crisis", Crisis), ("control.stop", Stop), ("control.pause", Control),
    ("control.skip", type(None)), ("control.yes", type(None)), ("none", type(None)),
])
def test_what_interrupts(intent, expected):
    assert isinstance(interruption_in(IntentMatch("words", intent, 1.0)), expected)
