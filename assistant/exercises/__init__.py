"""One small module per exercise. Each declares the intents it serves and a `run(ctx)` script.

    INTENTS = ("exercise.gratitude",)
    def run(ctx: Context) -> Script: ...

Modules are found by discovery, so adding an exercise touches no shared file.
"""

import importlib
import pkgutil
from collections.abc import Callable
from functools import cache


@cache
def exercise_registry() -> dict[str, Callable]:
    """Map each intent ID to the `run` function of the exercise that serves it."""
    registry: dict[str, Callable] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for intent in getattr(module, "INTENTS", ()):
            registry[intent] = module.run
    return registry
