"""The sentence of a command grammar nearest to some words: how free speech (Whisper's words) is
read onto the grammar. Whisper's words in noise are nearly a sentence ("can i have a triple shot
moko with a bit of milk"), seldom exactly one; the grammar's own search, fooled by the noise,
may have settled on another sentence ("... mocha with milk").

The distance is a word alignment over the grammar's automaton: a word Whisper added or left out
costs 1, a word heard differently costs how unlike the two sound: the share of phones that differ
in the pronouncing dictionary ("ice" AY S for "iced" AY S T 0.25, "skin" for "skim" 0.25, "to"
for "house" 1), or of letters for a word the dictionary lacks ("moko" for "mocha" 0.33). The automaton is finite and acyclic (command_grammar.py makes it minimal and
deterministic), so one pass in topological order finds the best path.
"""

import functools
from collections.abc import Callable, Sequence

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from assistant.speech.command_grammar import JOIN, Transition


class SentenceReader:
    """Reads words onto the nearest sentence of one grammar (built once per grammar)."""

    def __init__(self, transitions: Sequence[Transition], start: int, final: int,
                 pronounce: Callable[[str], str | None] = lambda word: None):
        """`pronounce`: a word's phones ("R OW S T"), or None when the dictionary lacks it."""
        self._start, self._final = start, final
        self._pronounce = pronounce
        incoming: dict[int, list[tuple[int, list[str]]]] = {}
        for origin, target, word in transitions:
            incoming.setdefault(target, []).append((origin, word.split(JOIN) if word else []))
        self._incoming = incoming
        self._order = _topological(transitions)

    def nearest(self, words: Sequence[str]) -> tuple[str, float] | None:
        """The grammar's sentence nearest to `words`, and the alignment's cost per word of
        `words` (0: they are that sentence). None when the grammar has cycles or no sentence."""
        if self._order is None:
            return None
        n = len(words)
        steps = np.arange(n + 1, dtype=float)
        best: dict[int, np.ndarray] = {}  # state -> cost having read words[:j], per j
        path: dict[int, list[tuple[int, list[str], int] | None]] = {}  # (from, words, from j)
        for state in self._order:
            if state == self._start:
                costs, back = steps.copy(), [None] * (n + 1)
            else:
                costs, back = np.full(n + 1, np.inf), [None] * (n + 1)
                for origin, said in self._incoming.get(state, []):
                    if origin not in best:
                        continue
                    reached, came_from = _read_arc(best[origin], said, words, self._unlike)
                    better = reached < costs
                    for j in np.flatnonzero(better):
                        back[j] = (origin, said, int(came_from[j]))
                    costs = np.where(better, reached, costs)
                costs, back = _skip_words(costs, back)
            best[state], path[state] = costs, back
        if self._final not in best or not np.isfinite(best[self._final][n]):
            return None
        sentence: list[str] = []
        state, j = self._final, n
        while state != self._start or path[state][j] is not None:
            step = path[state][j]
            if step is None:
                break
            state, said, j = step
            sentence[:0] = said
        return " ".join(sentence), float(best[self._final][n]) / max(n, 1)

    def _unlike(self, word: str, heard: str) -> float:
        """How unlike two words sound, 0 (the same) to 1."""
        ours, theirs = self._phones(word), self._phones(heard)
        if ours is None or theirs is None:
            return 1.0 - fuzz.ratio(word, heard) / 100.0
        return Levenshtein.normalized_distance(ours, theirs)

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one reader per grammar, kept for the run
    def _phones(self, word: str) -> tuple[str, ...] | None:
        said = self._pronounce(word)
        return tuple(said.split()) if said else None


def _read_arc(costs: np.ndarray, said: list[str], words: Sequence[str],
              unlike: Callable[[str, str], float]) -> tuple[np.ndarray, np.ndarray]:
    """Costs after the grammar words `said`, from `costs` at the arc's origin, and for each j
    the j at the origin it came from."""
    origin = np.arange(len(costs))
    for word in said:
        apart = np.array([unlike(word, w) for w in words])
        left_out = costs + 1.0
        heard_as = np.full(len(costs), np.inf)
        heard_as[1:] = costs[:-1] + apart
        from_heard = np.empty(len(costs), dtype=int)
        from_heard[0] = 0
        from_heard[1:] = origin[:-1]
        take = heard_as < left_out
        costs = np.where(take, heard_as, left_out)
        origin = np.where(take, from_heard, origin)
        costs, origin = _skip_words(costs, origin)  # Whisper's extra words inside the arc
    return costs, origin


def _skip_words(costs: np.ndarray, back):
    """Let words heard here that the grammar does not have cost 1 each; `back` (a list or an
    array) carries each j's way back along with it."""
    for j in range(1, len(costs)):
        if costs[j - 1] + 1.0 < costs[j]:
            costs[j], back[j] = costs[j - 1] + 1.0, back[j - 1]
    return costs, back


def _topological(transitions: Sequence[Transition]) -> list[int] | None:
    """States in an order where every arc goes forward, or None when there is a cycle."""
    into: dict[int, int] = {state: 0 for origin, target, _ in transitions
                            for state in (origin, target)}
    after: dict[int, list[int]] = {}
    for origin, target, _ in transitions:
        into[target] += 1
        after.setdefault(origin, []).append(target)
    ready = [state for state, count in into.items() if count == 0]
    order = []
    while ready:
        state = ready.pop()
        order.append(state)
        for target in after.get(state, []):
            into[target] -= 1
            if into[target] == 0:
                ready.append(target)
    return order if len(order) == len(into) else None
