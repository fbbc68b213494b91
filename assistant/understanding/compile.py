"""Build the catalogue from intents/*.yaml: validate each file, parse and expand the templates."""

import logging
from pathlib import Path

from hassil.errors import HassilError
from hassil.expression import Sentence
from hassil.intents import RangeSlotList, SlotList, TextSlotList
from hassil.parse_expression import parse_sentence
from hassil.parser import ParseError
from hassil.sample import sample_expression
from pydantic import BaseModel, ConfigDict, Field

from assistant.datafile import read_yaml, validate
from assistant.errors import CatalogueError
from assistant.understanding.catalogue import (
    CONCERNS, INTENT_IDS, OUT_OF_SCOPE, Catalogue, Template, mask_numbers,
)
from assistant.understanding.expand import expand
from assistant.understanding.normalise import normalise, number_words, plain_words

log = logging.getLogger(__name__)

MAX_SENTENCES_PER_INTENT = 30_000  # beyond this a template is a combinatorial accident
SPOKEN_NUMBERS = (1, 2, 3, 4, 5, 10, 15, 20, 30)  # range values used in spoken examples


class SentenceBlock(BaseModel):
    """One `data:` item of an intent: its template sentences."""

    model_config = ConfigDict(extra="forbid")
    sentences: list[str] = Field(min_length=1, description="hassil templates")
    slots: dict = Field(default_factory=dict, description="fixed slot values for these sentences")
    indirect: bool = Field(False, description="these sentences tell a need or a situation "
                           "rather than ask for the exercise: requests all the same, but never "
                           "taken as a change of mind inside an answer")


class IntentSpec(BaseModel):
    """One intent in a file."""

    model_config = ConfigDict(extra="forbid")
    data: list[SentenceBlock] = Field(min_length=1, description="groups of template sentences")


class IntentFile(BaseModel):
    """One YAML file in intents/."""

    model_config = ConfigDict(extra="forbid")
    language: str = Field("en", description="language code; only en is supported")
    intents: dict[str, IntentSpec] = Field(default_factory=dict, description="intent ID -> spec")
    lists: dict[str, dict] = Field(default_factory=dict, description="slot lists (hassil format)")
    expansion_rules: dict[str, str] = Field(default_factory=dict, description="<rule> bodies")
    crisis_terms: dict[str, list[str]] = Field(
        default_factory=dict, description="concern -> templates the crisis guard looks for; "
        "' ... ' between parts allows a few words in between"
    )
    crisis_defusers: list[str] = Field(
        default_factory=list, description="templates that make an overlapping crisis phrase "
        "figurative or harmless (\"beat me at\", \"physical therapy\")"
    )
    crisis_examples: dict[str, list[str]] = Field(
        default_factory=dict, description="concern -> sentences the meaning check compares with"
    )


def read_intent_file(path: Path) -> IntentFile:
    """One intents/*.yaml file, validated; errors name the file and field."""
    return validate(IntentFile, read_yaml(path, "intent file") or {}, path)


def parse_template(template: str, where: str) -> Sentence:
    """A hassil template parsed; a bad one is a CatalogueError naming `where`."""
    try:
        return parse_sentence(template)
    except (ParseError, HassilError, ValueError, IndexError) as exc:
        raise CatalogueError(f"bad template {template!r}: {exc}", where) from exc


def _expand(sentence: Sentence, lists: dict, rules: dict, template: str, where: str,
            complete: bool = False) -> list[str]:
    try:
        return expand(sentence.expression, lists, rules, complete)
    except (HassilError, ValueError, KeyError) as exc:
        raise CatalogueError(f"template {template!r}: {exc}", where) from exc


def build_slot_lists(raw_lists: dict[str, tuple[dict, str]]) -> dict[str, SlotList]:
    """hassil slot lists from the `lists:` of the intent files (name -> (spec, file))."""
    lists: dict[str, SlotList] = {}
    for name, (spec, where) in raw_lists.items():
        try:
            if "range" in spec:
                r = spec["range"]
                lists[name] = RangeSlotList(name=name, start=int(r["from"]), stop=int(r["to"]))
            elif "values" in spec:
                values = [v["in"] if isinstance(v, dict) else str(v) for v in spec["values"]]
                outs = [v.get("out", v["in"]) if isinstance(v, dict) else str(v)
                        for v in spec["values"]]
                slot_list = TextSlotList.from_tuples(
                    [(text_in, out) for text_in, out in zip(values, outs)], name=name
                )
                lists[name] = slot_list
            else:
                raise KeyError("values or range")
        except (KeyError, TypeError, ValueError, AssertionError, HassilError, ParseError) as exc:
            raise CatalogueError(f"list '{name}' needs {exc}", where) from exc
    return lists


def _with_range_values(lists: dict[str, SlotList], numbers: list[str]) -> dict[str, SlotList]:
    """The same lists with each number range replaced by a few sample values."""
    return {
        name: TextSlotList.from_strings(numbers, name=name)
        if isinstance(lst, RangeSlotList) else lst
        for name, lst in lists.items()
    }


def _spoken(text: str) -> str:
    """A sentence as it is spoken: plain words, digits read out ("4 7 8" -> "four seven eight")."""
    return " ".join(number_words(int(w)) if w.isdigit() else w for w in plain_words(text).split())


def build_catalogue(directory: Path, paths: list[Path]) -> Catalogue:
    """Validate every file and expand every template; errors name the file and the intent."""
    if not directory.is_dir() or not paths:
        raise CatalogueError("no intent files (*.yaml) found; restore the intents/ directory",
                             str(directory))
    files = {path: read_intent_file(path) for path in paths}
    raw_lists: dict[str, tuple[dict, str]] = {}
    rule_texts: dict[str, tuple[str, str]] = {}
    crisis_raw: dict[str, list[tuple[str, str]]] = {}
    defusers_raw: list[tuple[str, str]] = []
    examples_raw: dict[str, list[str]] = {}
    for path, spec in files.items():
        for kind, found, defined in (("list", spec.lists, raw_lists),
                                     ("rule", spec.expansion_rules, rule_texts)):
            for name, value in found.items():
                if name in defined:
                    raise CatalogueError(
                        f"{kind} '{name}' is also defined in {defined[name][1]}; rename one",
                        str(path))
                defined[name] = (value, str(path))
        for concern, terms in spec.crisis_terms.items():
            crisis_raw.setdefault(concern, []).extend((t, str(path)) for t in terms)
        defusers_raw.extend((t, str(path)) for t in spec.crisis_defusers)
        for concern, sentences in spec.crisis_examples.items():
            examples_raw.setdefault(concern, []).extend(normalise(s) for s in sentences)
    lists = build_slot_lists(raw_lists)
    rules = {name: parse_template(text, f"{where}: rule <{name}>")
             for name, (text, where) in rule_texts.items()}
    match_lists = _with_range_values(lists, ["5"])
    spoken = [number_words(n) for n in SPOKEN_NUMBERS]
    spoken_lists = _with_range_values(lists, spoken)

    templates: list[Template] = []
    examples: list[tuple[str, str]] = []
    intent_slots: dict[str, set[str]] = {}
    seen: dict[str, str] = {}
    for path, spec in files.items():
        for intent, intent_spec in spec.intents.items():
            where = f"{path}: intent '{intent}'"
            if intent not in INTENT_IDS and intent != OUT_OF_SCOPE:
                raise CatalogueError(f"unknown intent ID (known: {', '.join(INTENT_IDS)})", where)
            count = 0
            for block in intent_spec.data:
                for text in block.sentences:
                    sentence = parse_template(text, where)
                    intent_slots.setdefault(intent, set()).update(
                        n for n in sentence.list_names(rules) if n in lists)
                    for expanded in _expand(sentence, match_lists, rules, text, where):
                        norm = mask_numbers(normalise(expanded))
                        count += 1
                        if norm and seen.setdefault(norm, intent) == intent:
                            templates.append(Template(intent, norm, str(path),
                                                      block.indirect))
                        elif norm:
                            log.warning("%s: %r is also a template of %s", where, norm, seen[norm])
                    examples.extend(
                        (intent, _spoken(s)) for s in _expand(
                            sentence, spoken_lists, rules, text, where)
                    )
                    if count > MAX_SENTENCES_PER_INTENT:
                        raise CatalogueError(
                            f"expands to over {MAX_SENTENCES_PER_INTENT} sentences; "
                            "split optional words into separate templates", where)
    missing = [i for i in INTENT_IDS if i not in intent_slots]
    if missing:
        raise CatalogueError(f"no templates for intent(s): {', '.join(missing)}", str(directory))

    slot_phrases: dict[str, list[tuple[str, str]]] = {}
    for name, lst in lists.items():
        if isinstance(lst, TextSlotList):
            phrases = set()
            for value in lst.values:
                for text in sample_expression(value.text_in, lists, rules):
                    phrases.add((normalise(text), str(value.value_out)))
            # Longest first, so "physiological sigh" wins over "sigh".
            slot_phrases[name] = sorted(phrases, key=lambda p: -len(p[0]))
    slot_ranges = {name: (lst.start, lst.stop) for name, lst in lists.items()
                   if isinstance(lst, RangeSlotList)}
    def phrases(term: str, where: str) -> list[str]:
        """Every form of one crisis template (recall: no sampling), normalised."""
        return sorted({normalise(s) for s in _expand(parse_template(term, where), spoken_lists,
                                                      rules, term, where, complete=True)})

    crisis: dict[str, list[list[list[str]]]] = {}
    for concern, terms in crisis_raw.items():
        if concern not in CONCERNS:
            raise CatalogueError(f"unknown concern (known: {', '.join(CONCERNS)})",
                                 f"{terms[0][1]}: crisis_terms.{concern}")
        crisis[concern] = [
            [phrases(part.strip(), f"{where}: crisis_terms.{concern}")
             for part in term.split(" ... ")]
            for term, where in terms
        ]
    defusers = sorted({p for term, where in defusers_raw
                       for p in phrases(term, f"{where}: crisis_defusers")})
    return Catalogue(templates, slot_phrases, slot_ranges,
                     {k: sorted(v) for k, v in intent_slots.items()}, crisis, defusers,
                     examples_raw, spoken_examples=sorted(set(examples)))
