"""Journal speed: a committed save (what each spoken answer costs), reads, decks, open, plot."""

import statistics
import tempfile
import time
from pathlib import Path

NAME = "journal"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def run(quick: bool) -> list[tuple[str, str]]:
    """Time the journal's common operations on a real file in a temporary directory."""
    from assistant.journal import Journal
    from assistant.journal.plot import plot_moods

    saves = 200 if quick else 1000
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        with Journal.open(directory) as journal:
            took = []
            for i in range(saves):
                started = time.perf_counter()
                journal.save("checkin", {"part": "mood", "mood": i % 10 + 1, "mood_word": None,
                                         "said": "work " * 10},
                             partner=("Sam", "Alex")[i % 2])
                took.append(time.perf_counter() - started)
            for i in range(saves):
                journal.save("deck_seen", {"deck": "prompts", "item": f"q{i % 150}"})
            started = time.perf_counter()
            rows = journal.entries(kind="checkin")
            read = time.perf_counter() - started
            started = time.perf_counter()
            journal.seen("prompts")
            seen = time.perf_counter() - started
            started = time.perf_counter()
            plot_moods(journal, directory / "moods.png")
            plotted = time.perf_counter() - started
        opens = []
        for _ in range(5):
            started = time.perf_counter()
            Journal.open(directory).close()
            opens.append(time.perf_counter() - started)
    took.sort()
    return [
        ("save (committed, synchronous=FULL)",
         f"median {_ms(statistics.median(took))}, p95 {_ms(took[int(len(took) * 0.95)])} "
         f"({saves} saves)"),
        ("entries(kind=checkin)", f"{_ms(read)} for {len(rows)} rows"),
        ("seen(deck)", f"{_ms(seen)} over {saves} deck entries"),
        ("open an existing journal", f"median {_ms(statistics.median(opens))} "
                                     f"(quick_check included, {2 * saves} entries)"),
        ("plot moods to PNG", f"{_ms(plotted)} for {len(rows)} check-ins"),
    ]
