"""The fuzzy intent matcher: normalise, check for crisis, shortlist templates, score, decide.

Cheap filters come before the expensive match: an exact template hit answers at once, and an
inverted index of content words shortlists the templates worth scoring with rapidfuzz.
"""

from collections import defaultdict
from functools import lru_cache

from rapidfuzz import fuzz, process

from assistant.errors import InputError
from assistant.understanding.catalogue import OUT_OF_SCOPE, Catalogue, mask_numbers
from assistant.understanding.crisis import CrisisCheck
from assistant.understanding.normalise import normalise
from assistant.understanding.result import Candidate, IntentMatch
from assistant.understanding.slots import extract_slots

MAX_CHARS = 1000  # longer than anyone says in one breath: refuse rather than guess
# Words too common to pick a shortlist by; they still count in the score.
STOPWORDS = frozenset(
    "a an the to of for and or i we us me you my our your it is am are be do does can could "
    "would will please let some this that with in on at just about so".split()
)
FLOOR = 0.62  # below this, nothing in the catalogue is close enough: out of scope
SOFT_FLOOR = 0.75  # below this, a small margin to the runner-up also means out of scope
MIN_MARGIN = 0.04  # ... that small margin
TIE_MARGIN = 0.06  # two intents this close: ask "did you mean ...?"
CRISIS_FLOOR = 0.75  # a safety.crisis template this close, and near the best, counts
CRISIS_BEHIND = 0.05  # ... when it is at most this far behind the best intent


class Matcher:
    """Understands one utterance at a time against a loaded catalogue."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.crisis = CrisisCheck(catalogue)
        self._texts = [t.text for t in catalogue.templates]
        self._intents = [t.intent for t in catalogue.templates]
        self._exact = {t.text: t.intent for t in catalogue.templates}
        index: dict[str, list[int]] = defaultdict(list)
        for i, text in enumerate(self._texts):
            for word in set(text.split()) - STOPWORDS:
                index[word].append(i)
        self._index = dict(index)
        self._vocabulary = list(self._index)
        self._everything = list(range(len(self._texts)))

    @lru_cache(maxsize=16384)
    def _known_word(self, word: str) -> str | None:
        """The catalogue word a misspelt or misheard word most likely stands for."""
        if word in self._index:
            return word
        if len(word) < 4:
            return None
        best = process.extractOne(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=80)
        return best[0] if best else None

    def _shortlist(self, words: list[str]) -> list[int]:
        ids: set[int] = set()
        for word in words:
            if word in STOPWORDS:
                continue
            known = self._known_word(word)
            if known:
                ids.update(self._index[known])
        return sorted(ids) if ids else self._everything

    def understand(self, text: str) -> IntentMatch:
        """Intent, confidence and slots for one utterance; out of scope is intent "none"."""
        if len(text) > MAX_CHARS:
            raise InputError(f"utterance is {len(text)} characters long; at most {MAX_CHARS}")
        norm = normalise(text)
        if not norm:
            return IntentMatch(text, OUT_OF_SCOPE, 0.0)
        concern = self.crisis.concern(norm)
        if concern:
            return IntentMatch(text, "safety.crisis", 1.0, concern=concern)
        query = mask_numbers(norm)
        exact = self._exact.get(query)
        if exact:
            return self._decide(text, norm, [Candidate(exact, 1.0, query)])
        # Score with misspelt or misheard words replaced by the catalogue words they resemble.
        query = " ".join(
            w if w in STOPWORDS else (self._known_word(w) or w) for w in query.split())
        ids = self._shortlist(query.split())
        choices = [self._texts[i] for i in ids]
        scored = process.extract(query, choices, scorer=_similarity, limit=60, score_cutoff=40)
        best: dict[str, Candidate] = {}
        for template, score, pos in scored:
            intent = self._intents[ids[pos]]
            if intent not in best or score / 100 > best[intent].score:
                best[intent] = Candidate(intent, score / 100, template)
        ranked = sorted(best.values(), key=lambda c: -c.score)
        return self._decide(text, norm, ranked)

    def _decide(self, text: str, norm: str, ranked: list[Candidate]) -> IntentMatch:
        if not ranked:
            return IntentMatch(text, OUT_OF_SCOPE, 0.0)
        top = ranked[0]
        runner_up = ranked[1].score if len(ranked) > 1 else 0.0
        margin = top.score - runner_up
        crisis = next((c for c in ranked[:3] if c.intent == "safety.crisis"), None)
        if crisis and crisis.score >= max(CRISIS_FLOOR, top.score - CRISIS_BEHIND):
            return IntentMatch(text, "safety.crisis", crisis.score, candidates=tuple(ranked),
                               concern="unspecified")
        out_of_scope = (
            top.intent == OUT_OF_SCOPE
            or top.score < FLOOR
            or (top.score < SOFT_FLOOR and margin < MIN_MARGIN)
        )
        if out_of_scope:
            confidence = top.score if top.intent == OUT_OF_SCOPE else 1.0 - top.score
            return IntentMatch(text, OUT_OF_SCOPE, round(confidence, 3),
                               candidates=tuple(ranked))
        near_tie = None
        if margin < TIE_MARGIN and len(ranked) > 1 and ranked[1].intent != OUT_OF_SCOPE:
            near_tie = ranked[1].intent
        confidence = top.score * (0.8 + 0.2 * min(1.0, margin / TIE_MARGIN))
        slots = extract_slots(self.catalogue, top.intent, norm)
        return IntentMatch(text, top.intent, round(confidence, 3), slots, near_tie,
                           tuple(ranked))


def _similarity(query: str, template: str, **kwargs) -> float:
    """Order-aware similarity blended with word-overlap, so extra words cost a little."""
    return 0.5 * fuzz.ratio(query, template) + 0.5 * fuzz.token_set_ratio(query, template)
