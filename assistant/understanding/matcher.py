"""The fuzzy intent matcher: normalise, check for crisis, shortlist templates, score, decide.

Cheap filters come before the expensive match: an exact template hit answers at once, and the
template index (index.py) scores only templates that share words with the utterance.
"""

from functools import cache, lru_cache

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
RANKED = 5  # intents ranked per utterance: enough for the decision, the tie and --explain
CRISIS_FLOOR = 0.75  # a safety.crisis template this close, and near the best, counts
CRISIS_BEHIND = 0.0  # ... when it is at most this far behind the best intent
CORRECTION_CUTOFF = 80  # how close a misheard word must be to a catalogue word to stand for it
CRISIS_CORRECTION_CUTOFF = 90  # ... when that word belongs only to crisis phrases


class Matcher:
    """Understands one utterance at a time against a loaded catalogue."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.crisis = CrisisCheck(catalogue)
        self._texts = [t.text for t in catalogue.templates]
        self._intents = [t.intent for t in catalogue.templates]
        self._exact = {t.text: t.intent for t in catalogue.templates}
        self._words = {w for text in self._texts for w in text.split()}
        self._vocabulary = sorted(self._words)
        self._crisis_only_words = (
            {w for t in catalogue.templates if t.intent == "safety.crisis" for w in t.text.split()}
            - {w for t in catalogue.templates if t.intent != "safety.crisis"
               for w in t.text.split()})
        # People repeat themselves ("yes", "next", "stop"): a repeat is answered from memory.
        self.understand = lru_cache(maxsize=4096)(self._understand)

    @lru_cache(maxsize=16384)
    def _known_word(self, word: str) -> str | None:
        """The catalogue word a misspelt or misheard word most likely stands for."""
        if word in self._words:
            return word
        if len(word) < 4:
            return None
        # A word turned into a crisis word would raise the alarm over something nobody said
        # ("pause" heard as "cause" is not "abuse"): that takes a plain typo, not a near sound.
        for match, score, _ in process.extract(word, self._vocabulary, scorer=fuzz.ratio,
                                               score_cutoff=CORRECTION_CUTOFF, limit=3):
            if match not in self._crisis_only_words or score >= CRISIS_CORRECTION_CUTOFF:
                return match
        return None

    def _understand(self, text: str) -> IntentMatch:
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
        best: dict[str, Candidate] = {}
        for i, score in self._template_index().score(query):  # best first: the first per intent wins
            intent = self._intents[i]
            if intent not in best:
                best[intent] = Candidate(intent, score / 100, self._texts[i])
                if len(best) == RANKED:
                    break
        return self._decide(text, norm, list(best.values()))

    @cache
    def _template_index(self):
        """Built on the first utterance that is not a template word for word (numpy is slow to
        load, and a one-off `hearth understand` of a plain command never needs it)."""
        from assistant.understanding.index import TemplateIndex

        return TemplateIndex(self._texts, STOPWORDS)

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
            or top.intent == "safety.crisis"  # below CRISIS_FLOOR: too loose a likeness
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

