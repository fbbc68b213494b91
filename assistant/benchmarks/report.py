"""Run the registered benchmarks and lay their figures out as one plain-text report."""

import platform
import time
from datetime import datetime, timezone

from assistant import __version__
from assistant.benchmarks import benchmark_registry
from assistant.errors import HearthError, InputError


def run_benchmarks(only: list[str] | None = None, quick: bool = False) -> str:
    """Run each benchmark (or those named) and return the report text."""
    registry = benchmark_registry()
    unknown = sorted(set(only or ()) - set(registry))
    if unknown:
        raise InputError(f"unknown benchmark(s) {', '.join(unknown)}; "
                         f"known: {', '.join(sorted(registry))}")
    lines = [
        f"Hearth {__version__} benchmark report, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"machine: {platform.machine()}, Python {platform.python_version()}"
        f"{', quick run' if quick else ''}",
    ]
    for name in sorted(only or registry):
        started = time.perf_counter()
        lines.append(f"\n[{name}]")
        try:
            figures = registry[name](quick)
        except HearthError as exc:
            lines.append(f"  could not run: {exc}")
            continue
        width = max((len(f) for f, _ in figures), default=0)
        lines += [f"  {figure.ljust(width)}  {value}" for figure, value in figures]
        lines.append(f"  ({time.perf_counter() - started:.1f} s)")
    return "\n".join(lines)
