"""`hearth journal plot`: each partner's check-in moods over time, drawn to a PNG."""

import os
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import JournalError
from assistant.journal.private_files import open_private
from assistant.journal.export import since_days

if TYPE_CHECKING:
    from assistant.journal.store import Journal


MoodSeries = dict[str, list[tuple[datetime, int]]]


def mood_series(journal: "Journal", days: int | None = None) -> MoodSeries:
    """Each partner's (local time, mood 1-10) points from check-ins that gave a number."""
    now = journal.now()
    series: MoodSeries = defaultdict(list)
    for entry in journal.entries(kind="checkin", since=since_days(now, days)):
        mood = entry.data.get("mood")
        if isinstance(mood, int | float) and not isinstance(mood, bool):
            who = entry.partner or "Together"
            series[who].append((entry.created_at.astimezone(now.tzinfo), int(mood)))
    return dict(series)


def plot_moods(journal: "Journal", out: Path, days: int | None = None) -> int:
    """Draw the moods to `out` (PNG, readable by its owner only); how many points were drawn."""
    # The Figure API with the Agg canvas: no display, no pyplot global state.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    series = mood_series(journal, days)
    figure = Figure(figsize=(8, 4), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    span = f"the last {days} days" if days else "all check-ins"
    axes.set_title(f"Moods from check-ins ({span})")
    axes.set_ylim(0.5, 10.5)
    axes.set_yticks(range(1, 11))
    axes.set_ylabel("mood (1 low, 10 high)")
    axes.grid(True, alpha=0.3)
    for name, points in sorted(series.items()):
        times, moods = zip(*points, strict=True)
        axes.plot(times, moods, marker="o", label=name)
    if series:
        locator = AutoDateLocator()
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        axes.legend(loc="lower left")
    else:
        axes.set_xticks([])
        axes.text(0.5, 0.5, "No check-ins with a mood number yet", ha="center", va="center",
                  transform=axes.transAxes)
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        # Moods are private: create the picture 0600 before matplotlib writes into it.
        os.close(open_private(out))
        figure.savefig(out, format="png")
    except OSError as exc:
        raise JournalError(f"cannot write the picture ({exc.strerror}); choose another --out",
                           str(out)) from exc
    return sum(len(points) for points in series.values())
