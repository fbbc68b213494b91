"""The intent reader: a softmax classifier over contextual rows of the templates, cached."""

import numpy as np

from assistant.understanding import understand
from assistant.understanding.contextual import load_contextual
from assistant.understanding.intent_reader import load_intent_reader
from assistant.understanding.linear import train_softmax

TEXTS = ["we feel like strangers", "we have grown apart", "my heart is racing",
         "i can not catch my breath", "what is the weather like", "i want to end it all"]
INTENTS = ["assessment.distance", "assessment.distance", "exercise.breathing",
           "exercise.breathing", "none", "safety.crisis"]
ORDER = ["assessment.distance", "exercise.breathing", "none", "safety.crisis"]


def test_softmax_learns_two_separable_groups():
    rows = np.array([[1.0, 0.1], [0.9, -0.1], [-1.0, 0.2], [-0.8, 0.0]])
    model = train_softmax(rows, np.array([0, 0, 1, 1]), 2, np.ones(4), l2=1e-4, epochs=200)
    assert model.probabilities(np.array([[0.7, 0.0], [-0.7, 0.0]])).argmax(axis=1).tolist() == [0, 1]


def test_reader_is_cached_leaves_crises_out_and_reads_a_new_sentence(tmp_path, monkeypatch):
    monkeypatch.setenv("HEARTH_CACHE_DIR", str(tmp_path))
    model = load_contextual()
    rows = model.embed(TEXTS)
    indirect = [True, True, True, False, False, False]
    reader = load_intent_reader(rows, TEXTS, INTENTS, indirect, ORDER)
    assert len(list(tmp_path.glob("intent-reader-*.npz"))) == 1
    query = model.embed(["my pulse is pounding and i am gasping"])
    first = reader.probabilities(query)
    assert ORDER[int(first.argmax())] == "exercise.breathing"
    assert first[0, ORDER.index("safety.crisis")] == 0.0  # decided by the crisis checks alone
    again = load_intent_reader(rows, TEXTS, INTENTS, indirect, ORDER)  # from the cache
    assert np.allclose(again.probabilities(query), first)
    next(tmp_path.glob("intent-reader-*.npz")).write_bytes(b"damaged")
    assert np.allclose(load_intent_reader(rows, TEXTS, INTENTS, indirect, ORDER)
                       .probabilities(query), first, atol=1e-5)


def test_a_re_read_line_shows_the_readers_probability_beside_the_likeness():
    match = understand("my chest is tight and i cannot calm down")
    best = match.candidates[0]
    assert match.intent == "exercise.breathing"
    assert best.contextual is not None and 0.5 < best.reader <= 1.0
    assert best.semantic is not None and best.fuzzy is not None


def test_an_ambiguous_line_still_asks_which_was_meant():
    # Read again, no intent stands out; the fast match's "did you mean ...?" stands.
    match = understand("i want to say something nice")
    assert match.intent != "none" and match.near_tie is not None
