"""Loading the intent catalogue: everything validated, errors name file and intent."""

import pytest

from assistant.errors import CatalogueError
from assistant.paths import intents_dir
from assistant.understanding.catalogue import INTENT_IDS, load_catalogue


def copy_catalogue(tmp_path):
    target = tmp_path / "intents"
    target.mkdir()
    for path in intents_dir().glob("*.yaml"):
        (target / path.name).write_text(path.read_text())
    return target


def test_every_intent_has_templates_and_slots_are_known():
    catalogue = load_catalogue()
    assert {t.intent for t in catalogue.templates} >= set(INTENT_IDS)
    assert set(catalogue.intent_slots["exercise.breathing"]) == {"minutes", "pattern"}
    assert catalogue.intent_slots["prompt.conversation"] == ["topic"]
    assert {v for _, v in catalogue.slot_phrases["pattern"]} == {"box", "4-7-8", "coherent", "sigh"}


def test_spoken_examples_use_number_words():
    words = load_catalogue().vocabulary()
    assert "four" in words and "4" not in words


@pytest.mark.parametrize("content, message", [
    ("intents: [", "not valid YAML"),
    ("intents:\n  checkin.start:\n    data:\n      - sentences: ['(broken']\n", "checkin.start"),
    ("intents:\n  made.up:\n    data:\n      - sentences: ['hello']\n", "unknown intent ID"),
    ("intents:\n  checkin.start:\n    data:\n      - sentences: ['{nolist}']\n", "nolist"),
    ("intents:\n  checkin.start:\n    dta: []\n", "intents.checkin.start"),
    ("expansion_rules:\n  us: '(you and me)'\n", "rule 'us' is also defined"),
])
def test_broken_file_names_file_and_problem(tmp_path, content, message):
    directory = copy_catalogue(tmp_path)
    (directory / "zz_broken.yaml").write_text(content)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(directory)
    assert "zz_broken.yaml" in str(caught.value)
    assert message in str(caught.value)


def test_missing_intent_is_reported(tmp_path):
    directory = copy_catalogue(tmp_path)
    (directory / "data.yaml").unlink()
    with pytest.raises(CatalogueError, match="data.forget"):
        load_catalogue(directory)


def test_an_enormous_template_is_refused_with_its_count(tmp_path):
    directory = copy_catalogue(tmp_path)
    options = " ".join(["[a|b|c|d|e]"] * 9)
    (directory / "zz_huge.yaml").write_text(
        f"intents:\n  checkin.start:\n    data:\n      - sentences: ['{options} check in']\n")
    with pytest.raises(CatalogueError, match="10,077,696 sentences"):
        load_catalogue(directory)


def test_an_unknown_crisis_concern_is_refused(tmp_path):
    directory = copy_catalogue(tmp_path)
    (directory / "zz_crisis.yaml").write_text("crisis_terms:\n  sadness: ['i am sad']\n")
    with pytest.raises(CatalogueError, match="unknown concern"):
        load_catalogue(directory)
