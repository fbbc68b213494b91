"""Understanding many lines at once (`hearth understand --jsonl`) must answer each line exactly
as understanding it alone does: batching is for speed, never a different result."""

from pathlib import Path

import numpy as np

from assistant.understanding import load_matcher
from assistant.understanding.cli_io import _as_json
from assistant.understanding.contextual import load_contextual

DATA = Path(__file__).parent / "data"
# (file, column of the utterance): crisis and everyday lines, needs, requests and answers, so
# every layer (phrases, the crisis reader, the re-reading in context, exact templates) is hit.
SETS = (("crisis_heldout8.tsv", 0), ("everyday_heldout8.tsv", 0), ("indirect_heldout5.tsv", 0),
        ("requests_heldout.tsv", 0), ("answers_heldout.tsv", 1), ("crisis_heldout9.tsv", 0))
EVERY = 4  # every fourth line of each set: about three hundred lines


def _sample() -> list[str]:
    lines = []
    for name, column in SETS:
        rows = [line.split("\t") for line in (DATA / name).read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")][1:]
        lines += [row[column] for row in rows[::EVERY]]
    return lines


def test_a_batch_answers_every_line_as_alone():
    matcher = load_matcher()
    lines = _sample()
    assert len(lines) > 250
    alone = [_as_json(matcher.understand_many([line])[0], explain=True) for line in lines]
    load_contextual()._recent.clear()  # the batch reads every line afresh
    together = [_as_json(match, explain=True) for match in matcher.understand_many(lines)]
    assert together == alone


def test_the_context_model_gives_the_same_rows_in_any_batch():
    model = load_contextual()
    texts = _sample()[:120]
    alone = np.stack([model.embed([text])[0] for text in texts])
    model._recent.clear()
    assert np.array_equal(model.embed_many(texts, batch=16), alone)
