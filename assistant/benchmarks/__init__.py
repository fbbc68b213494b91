"""Benchmarks behind `hearth bench`. Each module here declares NAME and `run(quick) -> Figures`.

    NAME = "voice"
    def run(quick: bool) -> list[tuple[str, str]]:   # (figure, value with its unit)

Modules are found by discovery, so adding a benchmark touches no shared file.
"""

import importlib
import pkgutil
from collections.abc import Callable


def benchmark_registry() -> dict[str, Callable[[bool], list[tuple[str, str]]]]:
    """Map each benchmark's NAME to its run function."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "NAME"):  # report.py lays out the figures; it is not a benchmark
            found[module.NAME] = module.run
    return found
