"""The decks and phrase files of the coaching, idea and self-care flows: valid, big enough, ours."""

import re
from pathlib import Path

import pytest

from assistant.errors import CatalogueError
from assistant.exercises.decks import load_deck
from assistant.exercises.phrases import (
    BlamePatterns,
    EmpathyPhrases,
    blame_patterns,
    distance_check,
    empathy_phrases,
    load_phrases,
)
from assistant.paths import PROJECT_ROOT

SEEDS = Path("/work/shared/seeds")
OUR_FILES = [*(PROJECT_ROOT / "decks").glob("*.yaml"),
             *(PROJECT_ROOT / "assistant/exercises").glob("*.py")]


@pytest.mark.parametrize("name", ["shared_activities", "affection", "selfcare"])
def test_idea_decks_have_at_least_twenty_items(name):
    assert len(load_deck(name).items) >= 20


def test_phrase_files_load():
    assert len(empathy_phrases().situations) >= 5
    assert {p.id for p in blame_patterns().patterns} >= {"always", "never", "name_calling"}
    assert len(distance_check().questions) == 9


def test_bad_empathy_file_names_file_and_field(tmp_path):
    (tmp_path / "empathy_phrases.yaml").write_text(
        "why: [a]\ndefault: general\nsituations:\n  - id: general\n    name: n\n"
        "    keywords: []\n    phrases: [one]\n    reply: 'x {echo}'\n")
    with pytest.raises(CatalogueError, match=r"empathy_phrases.yaml: field 'situations.0.phrases'"):
        load_phrases("empathy_phrases", EmpathyPhrases, tmp_path)


def test_unknown_placeholder_and_default_are_errors(tmp_path):
    body = ("why: [a]\ndefault: {default}\nsituations:\n  - id: general\n    name: n\n"
            "    keywords: []\n    phrases: [one, two]\n    reply: '{reply}'\n")
    (tmp_path / "empathy_phrases.yaml").write_text(body.format(default="general",
                                                               reply="hi {name}"))
    with pytest.raises(CatalogueError, match="only {echo}"):
        load_phrases("empathy_phrases", EmpathyPhrases, tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    (other / "empathy_phrases.yaml").write_text(body.format(default="missing", reply="{echo}"))
    with pytest.raises(CatalogueError, match="field 'default'"):
        load_phrases("empathy_phrases", EmpathyPhrases, other)


def test_blame_file_errors_name_field_and_duplicates(tmp_path):
    (tmp_path / "blame_patterns.yaml").write_text(
        "patterns:\n  - id: a\n    phrases: [x]\n    note: n\n  - id: a\n    phrases: [y]\n"
        "    note: n\n")
    with pytest.raises(CatalogueError, match="duplicate id"):
        load_phrases("blame_patterns", BlamePatterns, tmp_path)
    other = tmp_path / "b"  # loads are cached per directory
    other.mkdir()
    (other / "blame_patterns.yaml").write_text("patterns:\n  - id: a\n    note: n\n")
    with pytest.raises(CatalogueError, match=r"field 'patterns.0.phrases'"):
        load_phrases("blame_patterns", BlamePatterns, other)


def _shingles(text: str, n: int = 8) -> set[str]:
    words = re.findall(r"[a-z']+", text.lower().replace("\u2019", "'"))
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles are not on this machine")
def test_no_sentence_is_copied_from_the_source_articles():
    seen = set().union(*(_shingles(f.read_text(errors="ignore")) for f in SEEDS.glob("*.txt")))
    copied = {f.name: _shingles(f.read_text()) & seen for f in OUR_FILES}
    assert {name: hits for name, hits in copied.items() if hits} == {}
