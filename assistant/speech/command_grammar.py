"""Command mode's grammar: the intent catalogue's hassil templates as one finite-state grammar.

hassil syntax maps directly onto a word automaton: `(a|b)` alternatives, `[optional]` parts,
`<rule>` and `{list}` references (numbers spoken as words). Nothing is expanded, so it stays
small however many sentences the templates stand for. The automaton is made deterministic and
minimal, then every state with a single way in or out is folded into its neighbours by joining
words into phrases ("take_a_few"): PocketSphinx's grammar search costs time per state per frame,
and phrases cost almost nothing. Templates are written in the matcher's normal form ("let us",
"i am"); people say "let's" and "i'm", so such pairs also get their contracted form. A word the
pronouncing dictionary lacks removes only the alternative that holds it.
"""

import itertools
import logging
import re
from collections.abc import Callable
from pathlib import Path

from hassil.expression import (
    Alternative, Expression, ListReference, Permutation, RuleReference, Sequence, TextChunk,
)
from hassil.intents import RangeSlotList, SlotList, TextSlotList

from assistant.understanding.normalise import number_words
from assistant.understanding.normalise import CONTRACTIONS

logger = logging.getLogger(__name__)

JOIN = "_"  # joins the words of a phrase token; transcripts split them again
MAX_PHRASE_WORDS = 6  # longer phrases gain nothing and bloat the dictionary

# "let us" -> "let's": every two-word expansion whose short form is a spoken contraction.
SPOKEN_CONTRACTIONS = {
    long: short for short, long in CONTRACTIONS.items()
    if "'" in short and len(long.split()) == 2 and short not in ("y'all", "ain't", "c'mon")
}
SPOKEN_CONTRACTIONS.update({"going to": "gonna", "want to": "wanna"})
_CONTRACTABLE = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(SPOKEN_CONTRACTIONS, key=len, reverse=True))
    + r")\b")

Transition = tuple[int, int, str]  # from state, to state, word or phrase ("" = no word)


def with_contractions(template: str, known: Callable[[str], bool]) -> str:
    """The template with "let us" written "(let us|let's)", and so on for every contraction
    the dictionary can pronounce."""
    def swap(match: re.Match) -> str:
        short = SPOKEN_CONTRACTIONS[match.group(1)]
        return f"({match.group(1)}|{short})" if known(short) else match.group(1)

    return _CONTRACTABLE.sub(swap, template)


class WordAutomaton:
    """A nondeterministic word automaton built from hassil expressions (no words = epsilon)."""

    def __init__(self, lists: dict[str, SlotList], rules: dict, known: Callable[[str], bool]):
        self.lists, self.rules, self.known = lists, rules, known
        self.edges: list[list[tuple[str, int]]] = []  # state -> (word or "", next state)
        self.unknown: set[str] = set()
        self._active_rules: set[str] = set()

    def state(self) -> int:
        self.edges.append([])
        return len(self.edges) - 1

    def add(self, expr: Expression, start: int) -> int | None:
        """Add the paths of `expr` from `start`; the state where they end, or None when no
        path can be said (a word without a pronunciation)."""
        if isinstance(expr, TextChunk):
            return self._words(expr.text, start)
        if isinstance(expr, (Alternative, Permutation)):
            branches = expr.items if isinstance(expr, Alternative) else [
                Sequence(items=list(order)) for order in _orders(expr.items)]
            end = self.state()
            reached = False
            for branch in branches:
                branch_start = self.state()
                self.edges[start].append(("", branch_start))
                branch_end = self.add(branch, branch_start)
                if branch_end is not None:
                    self.edges[branch_end].append(("", end))
                    reached = True
            if isinstance(expr, Alternative) and expr.is_optional:
                self.edges[start].append(("", end))
                reached = True
            return end if reached else None
        if isinstance(expr, Sequence):
            state: int | None = start
            for item in expr.items:
                state = self.add(item, state)
                if state is None:
                    return None
            return state
        if isinstance(expr, RuleReference):
            if expr.rule_name in self._active_rules:  # a rule citing itself: not sayable
                return None
            self._active_rules.add(expr.rule_name)
            try:
                return self.add(self.rules[expr.rule_name].expression, start)
            finally:
                self._active_rules.discard(expr.rule_name)
        if isinstance(expr, ListReference):
            return self._list(self.lists[expr.list_name], start)
        return start

    def _words(self, text: str, state: int) -> int | None:
        for raw in text.replace("-", " ").lower().split():
            raw = raw.strip("'")
            for word in number_words(int(raw)).split() if raw.isdigit() else [raw]:
                if not self.known(word):
                    self.unknown.add(word)
                    return None
                after = self.state()
                self.edges[state].append((word, after))
                state = after
        return state

    def _list(self, slot_list: SlotList, start: int) -> int | None:
        if isinstance(slot_list, RangeSlotList):
            values = range(slot_list.start, slot_list.stop + 1, slot_list.step)
            return self.add(Alternative(items=[TextChunk(str(n)) for n in values]), start)
        if isinstance(slot_list, TextSlotList):
            return self.add(Alternative(items=[v.text_in for v in slot_list.values]), start)
        return None


def _orders(items: list[Expression]):
    return itertools.permutations(items)  # hassil permutations: every order (kept tiny)


def minimal_dfa(edges: list[list[tuple[str, int]]], start: int, final: int
                ) -> tuple[dict[int, dict[str, int]], set[int], int]:
    """The smallest deterministic automaton for the same (finite) language: subset
    construction, then merging states with the same future (bottom up: the language is finite,
    so the automaton has no cycles)."""
    def closure(states) -> frozenset[int]:
        seen, todo = set(states), list(states)
        while todo:
            for word, nxt in edges[todo.pop()]:
                if not word and nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return frozenset(seen)

    first = closure([start])
    ids, moves, accepting, todo = {first: 0}, [{}], [final in first], [first]
    while todo:
        subset = todo.pop()
        by_word: dict[str, set[int]] = {}
        for s in subset:
            for word, nxt in edges[s]:
                if word:
                    by_word.setdefault(word, set()).add(nxt)
        for word, targets in by_word.items():
            target = closure(targets)
            if target not in ids:
                ids[target] = len(moves)
                moves.append({})
                accepting.append(final in target)
                todo.append(target)
            moves[ids[subset]][word] = ids[target]
    # Number states by their future: (accepting, sorted outgoing (word, future)).
    order, seen, stack = [], set(), [(0, False)]
    while stack:
        state, done = stack.pop()
        if done:
            order.append(state)
        elif state not in seen:
            seen.add(state)
            stack.append((state, True))
            stack.extend((nxt, False) for nxt in moves[state].values() if nxt not in seen)
    signature: dict[tuple, int] = {}
    merged: dict[int, int] = {}
    out: dict[int, dict[str, int]] = {}
    finals: set[int] = set()
    for state in order:  # children before parents
        future = {w: merged[n] for w, n in moves[state].items()}
        key = (accepting[state], tuple(sorted(future.items())))
        merged[state] = signature.setdefault(key, len(signature))
        out[merged[state]] = future
        if accepting[state]:
            finals.add(merged[state])
    return out, finals, merged[0]


def fold_phrases(moves: dict[int, dict[str, int]], finals: set[int], start: int
                 ) -> tuple[list[Transition], int, int]:
    """Remove every inner state with one way in or one way out by joining the words around it
    into phrases; returns transitions, start state and a single final state."""
    final = max(moves) + 1
    arcs: set[Transition] = {(s, n, w) for s, out in moves.items() for w, n in out.items()}
    arcs |= {(s, final, "") for s in finals}
    changed = True
    while changed:
        changed = False
        into: dict[int, list[Transition]] = {}
        out_of: dict[int, list[Transition]] = {}
        for arc in arcs:
            out_of.setdefault(arc[0], []).append(arc)
            into.setdefault(arc[1], []).append(arc)
        for state in list(out_of):
            ins, outs = into.get(state, []), out_of.get(state, [])
            if state in (start, final) or not ins or not outs:
                continue
            if len(ins) > 1 and len(outs) > 1:
                continue
            joined = [(a[0], b[1], _join(a[2], b[2])) for a in ins for b in outs]
            if any(w.count(JOIN) >= MAX_PHRASE_WORDS or a[0] == state or a[1] == state
                   for a in joined for w in [a[2]]):
                continue
            if any(a not in arcs for a in ins + outs):
                continue  # touched by a fold earlier in this pass; next pass
            arcs.difference_update(ins + outs)
            arcs.update(joined)
            changed = True
    # Renumber densely: the grammar search allocates per state number.
    used = sorted({s for a in arcs for s in a[:2]} | {start, final})
    number = {s: i for i, s in enumerate(used)}
    return sorted((number[a], number[b], w) for a, b, w in arcs), number[start], number[final]


def _join(a: str, b: str) -> str:
    return JOIN.join(w for w in (a, b) if w)


def catalogue_fsg(directory: Path | None, known: Callable[[str], bool]
                  ) -> tuple[list[Transition], int, int]:
    """The command grammar of every intent template (out-of-scope ones included, so everyday
    requests are heard as themselves): transitions, start state, final state."""
    from assistant.paths import intents_dir
    from assistant.understanding import compile as build

    directory = Path(directory or intents_dir())
    files = {path: build.read_intent_file(path) for path in sorted(directory.glob("*.yaml"))}
    raw_lists, rule_texts = {}, {}
    for path, spec in files.items():
        raw_lists.update({name: (value, str(path)) for name, value in spec.lists.items()})
        rule_texts.update({name: (text, str(path)) for name, text in spec.expansion_rules.items()})
    rules = {name: build.parse_template(with_contractions(text, known), where)
             for name, (text, where) in rule_texts.items()}
    automaton = WordAutomaton(build.build_slot_lists(raw_lists), rules, known)
    start, final = automaton.state(), automaton.state()
    automaton.edges[start].append(("", final))  # silence alone is heard as nothing
    for path, spec in files.items():
        for intent_spec in spec.intents.values():
            for block in intent_spec.data:
                for template in block.sentences:
                    sentence = build.parse_template(with_contractions(template, known), str(path))
                    branch = automaton.state()
                    automaton.edges[start].append(("", branch))
                    end = automaton.add(sentence.expression, branch)
                    if end is not None:
                        automaton.edges[end].append(("", final))
    if automaton.unknown:
        logger.info("command grammar: %d words have no pronunciation, e.g. %s",
                    len(automaton.unknown), sorted(automaton.unknown)[:5])
    moves, finals, first = minimal_dfa(automaton.edges, start, final)
    return fold_phrases(moves, finals, first)
