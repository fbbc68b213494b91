"""The matcher's contextual template rows: computed once, cached, rebuilt when damaged."""

import numpy as np

from assistant.understanding.context_index import load_context_index
from assistant.understanding.contextual import load_contextual
from assistant.understanding.meaning_index import load_meaning_index
from assistant.understanding.semantic import load_semantic

TEXTS = ["we feel like strangers", "we have grown apart", "my heart is racing",
         "i can not catch my breath", "what is the weather like"]
INTENTS = ["assessment.distance", "assessment.distance", "exercise.breathing",
           "exercise.breathing", "none"]


def test_rows_are_cached_and_a_damaged_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("HEARTH_CACHE_DIR", str(tmp_path))
    meaning = load_meaning_index(TEXTS, INTENTS, load_semantic())
    model = load_contextual()
    first = load_context_index(meaning, TEXTS, model)
    cached = list(tmp_path.glob("context-*.npy"))
    assert len(cached) == 1
    assert np.allclose(load_context_index(meaning, TEXTS, model).rows, first.rows)
    cached[0].write_bytes(b"not an array")
    assert np.allclose(load_context_index(meaning, TEXTS, model).rows, first.rows)


def test_best_per_intent_follows_the_meaning_index_order(tmp_path, monkeypatch):
    monkeypatch.setenv("HEARTH_CACHE_DIR", str(tmp_path))
    meaning = load_meaning_index(TEXTS, INTENTS, load_semantic())
    model = load_contextual()
    index = load_context_index(meaning, TEXTS, model)
    order = [INTENTS[t] for t in meaning.intent_order()]
    best = index.best_per_intent(model.embed(["my pulse is pounding and i am gasping"])[0])
    assert order[int(best.argmax())] == "exercise.breathing"
