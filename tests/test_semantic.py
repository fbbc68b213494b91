"""The bundled sentence-embedding model: offline, normalised rows, meaning over spelling."""

import numpy as np
import pytest

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


def test_rows_equal_wordllamas_own_embedding():
    wordllama = pytest.importorskip("wordllama")
    from assistant.understanding.semantic import model_folder

    texts = ["let's check in tonight", "he grabbed my arm so hard it bruised", "ok", ""]
    theirs = wordllama.WordLlama.load("l2_supercat", cache_dir=model_folder(),
                                      disable_download=True).embed(texts[:3], norm=True)
    ours = load_semantic().embed(texts)
    assert np.allclose(ours[:3], theirs, atol=1e-5)


def test_a_missing_model_says_how_to_reinstall(monkeypatch, tmp_path):
    from assistant.errors import ModelError
    from assistant.understanding import semantic

    monkeypatch.setattr(semantic, "model_folder", lambda: tmp_path)
    semantic.load_semantic.cache_clear()
    try:
        with pytest.raises(ModelError, match="reinstall"):
            semantic.load_semantic()
    finally:
        semantic.load_semantic.cache_clear()
