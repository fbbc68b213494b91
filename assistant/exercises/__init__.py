"""One small module per exercise. Each declares, beside its code, what it serves:

    INTENTS = ("exercise.gratitude",)  # the intents that start it
    NAME = "a gratitude round"         # how Hearth names it ("did you mean a gratitude round?")
    COUPLES = True                     # a couples exercise: never offered once abuse is mentioned
    GROUP = "together"                 # where "help" names it (optional)
    ABOUT = "In a gratitude round..."  # what "help with gratitude" says (optional)
    def run(ctx: Context) -> Script: ...

Modules are found by discovery, so adding an exercise touches no shared file, and no hand-kept
list can miss it. Modules without INTENTS are helpers.
"""

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from assistant.errors import CatalogueError


@dataclass(frozen=True)
class Exercise:
    """One exercise, as its module declares it."""

    intent: str  # the intent ID that starts it
    name: str  # a few words naming it, e.g. "a check-in"
    couples: bool  # done as a couple: left aside once abuse has been mentioned
    run: Callable  # run(ctx: Context) -> Script
    module: str  # where it is declared, for error messages
    group: str = "more"  # the heading "help" names it under
    about: str = ""  # a sentence or two on what it is, for "help with ..."


def build_registry(modules: Iterable[ModuleType]) -> dict[str, Exercise]:
    """Map each intent ID to its exercise; refuses an intent declared twice or a module that
    leaves out its name, couples flag or run function."""
    registry: dict[str, Exercise] = {}
    for module in modules:
        intents = getattr(module, "INTENTS", ())
        if not intents:
            continue
        missing = [key for key in ("NAME", "COUPLES", "run") if not hasattr(module, key)]
        if missing:
            raise CatalogueError(f"declares INTENTS but not {', '.join(missing)}; every "
                                 "exercise module names itself and says whether it is a "
                                 "couples exercise", module.__name__)
        for intent in intents:
            if intent in registry:
                raise CatalogueError(f"intent {intent!r} is already served by "
                                     f"{registry[intent].module}; each intent belongs to one "
                                     "exercise", module.__name__)
            registry[intent] = Exercise(intent, module.NAME, bool(module.COUPLES), module.run,
                                        module.__name__, getattr(module, "GROUP", "more"),
                                        getattr(module, "ABOUT", ""))
    return registry


@cache
def exercise_registry() -> dict[str, Exercise]:
    """Every exercise in this package, by intent ID."""
    return build_registry(importlib.import_module(f"{__name__}.{info.name}")
                          for info in pkgutil.iter_modules(__path__))


def couples_intents() -> set[str]:
    """Intents of the couples exercises (never started once abuse has been mentioned)."""
    return {intent for intent, ex in exercise_registry().items() if ex.couples}
