"""Expand a hassil template into sentences without combinatorial blow-up.

A template with a handful of alternatives expands fully. One whose optional words multiply into
thousands of sentences expands to its plain forms (optional words left out) plus a fixed,
seeded sample of full forms: the matcher scores word overlap, so the sample covers it well.
"""

import itertools
import math
import random

from hassil.expression import (
    Alternative, Expression, ListReference, Permutation, RuleReference, Sequence, TextChunk,
)
from hassil.intents import SlotList, TextSlotList
from hassil.sample import sample_expression
from hassil.util import normalize_whitespace

FULL_LIMIT = 400  # expand completely up to this many sentences
# A template standing for more sentences than this is a combinatorial accident (a list of
# alternatives repeated, optional words multiplying): refused with the count, never expanded.
ENORMOUS = 1_000_000
COMPLETE_LIMIT = 20_000  # crisis phrases are expanded completely (recall), up to this many
SAMPLES = 300  # otherwise: this many random full forms, plus the plain forms


def count(expr: Expression, lists: dict[str, SlotList], rules: dict) -> int:
    """How many sentences the expression expands to."""
    if isinstance(expr, TextChunk):
        return 1
    if isinstance(expr, Alternative):
        return sum(count(item, lists, rules) for item in expr.items)
    if isinstance(expr, Permutation):
        return math.factorial(len(expr.items)) * math.prod(
            count(item, lists, rules) for item in expr.items)
    if isinstance(expr, Sequence):
        return math.prod(count(item, lists, rules) for item in expr.items)
    if isinstance(expr, ListReference):
        values = lists[expr.list_name].values if isinstance(
            lists.get(expr.list_name), TextSlotList) else [None]
        return sum(count(v.text_in, lists, rules) if v else 1 for v in values)
    if isinstance(expr, RuleReference):
        return count(rules[expr.rule_name].expression, lists, rules)
    return 1


def _walk(expr: Expression, lists, rules, rng: random.Random) -> str:
    if isinstance(expr, TextChunk):
        return expr.original_text
    if isinstance(expr, Alternative):
        return _walk(rng.choice(expr.items), lists, rules, rng)
    if isinstance(expr, Permutation):
        items = list(expr.items)
        rng.shuffle(items)
        return " ".join(_walk(i, lists, rules, rng) for i in items)
    if isinstance(expr, Sequence):
        return "".join(_walk(i, lists, rules, rng) for i in expr.items)
    if isinstance(expr, ListReference):
        return rng.choice(list(sample_expression(expr, lists, rules)))
    if isinstance(expr, RuleReference):
        return _walk(rules[expr.rule_name].expression, lists, rules, rng)
    return ""


def expand(expr: Expression, lists: dict[str, SlotList], rules: dict,
           complete: bool = False) -> list[str]:
    """The sentences a template stands for: all of them when `complete` or when they are few,
    otherwise the plain forms plus a sample."""
    total = count(expr, lists, rules)
    if total > ENORMOUS or (complete and total > COMPLETE_LIMIT):
        raise ValueError(f"expands to {total:,} sentences (at most "
                         f"{COMPLETE_LIMIT if complete else ENORMOUS:,}); split it into "
                         "smaller templates or make fewer words optional")
    if complete or total <= FULL_LIMIT:
        return list(sample_expression(expr, lists, rules))
    plain = itertools.islice(sample_expression(expr, lists, rules, skip_optionals=True),
                             FULL_LIMIT)
    rng = random.Random(FULL_LIMIT)  # fixed seed: the same catalogue every run
    sampled = (normalize_whitespace(_walk(expr, lists, rules, rng)).strip()
               for _ in range(SAMPLES))
    return sorted(set(plain) | set(sampled))
