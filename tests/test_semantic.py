"""The bundled sentence-embedding model: offline, normalised rows, meaning over spelling."""

import numpy as np

from assistant.understanding.semantic import load_semantic


def test_embeddings_are_unit_rows():
    rows = load_semantic().embed(["let's check in", "box breathing", ""])
    assert rows.dtype == np.float32 and rows.shape == (3, 256)
    assert np.allclose(np.linalg.norm(rows[:2], axis=1), 1.0, atol=1e-5)
    assert not rows[2].any()  # nothing said is similar to nothing


def test_meaning_beats_spelling():
    model = load_semantic()
    assert model.similarity("find a counselor", "find a therapist") > model.similarity(
        "find a counselor", "find a counter")
