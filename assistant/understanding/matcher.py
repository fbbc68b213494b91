"""The intent matcher: normalise, check for crisis, then score templates by meaning and spelling.

Cheap filters come before the expensive match: an exact template hit answers at once without
the model. Otherwise the utterance is embedded (semantic.py) and compared with every template's
embedding (meaning_index.py); the best few templates are re-scored with rapidfuzz's character
ratio, which rewards the exact wording and forgives misheard letters, and the two are blended.
Many utterances at once (`understand_many`) share one matrix product: that is what makes
`hearth understand --jsonl` fast.
"""

from dataclasses import replace
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from assistant.errors import InputError
from assistant.understanding.catalogue import OUT_OF_SCOPE, Catalogue, mask_numbers
from assistant.understanding.crisis import CrisisCheck
from assistant.understanding.crisis_reader import ALARM as READER_ALARM
from assistant.understanding.normalise import normalise
from assistant.understanding.result import Candidate, IntentMatch
from assistant.understanding.slots import extract_slots

MAX_CHARS = 1000  # longer than anyone says in one breath: refuse rather than guess
# Words too common to correct or to carry meaning alone.
STOPWORDS = frozenset(
    "a an the to of for and or i we us me you my our your it is am are be do does can could "
    "would will please let some this that with in on at just about so".split()
)
SEMANTIC_WEIGHT = 0.5  # blend: meaning and spelling count alike (0.5-0.9 scored within one line
# of each other on the tuning sets; the even blend accepted no off-topic line)
FLOOR = 0.58  # below this blended score nothing in the catalogue is close enough: out of scope
SOFT_FLOOR = 0.68  # below this, a small margin to the runner-up also means out of scope
MIN_MARGIN = 0.02  # ... that small margin
TIE_MARGIN = 0.05  # two intents this close: ask "did you mean ...?"
RANKED = 5  # intents ranked per utterance: enough for the decision, the tie and --explain
CRISIS_TEMPLATE_FLOOR = 0.80  # a safety.crisis template this close counts as a crisis
CRISIS_MEANING_FLOOR = 0.86  # an utterance this close in meaning to a crisis example counts
CORRECTION_CUTOFF = 80  # how close a misheard word must be to a catalogue word to stand for it
CRISIS_CORRECTION_CUTOFF = 90  # ... when that word belongs only to crisis phrases
BATCH = 512  # utterances embedded and searched together by `understand_many`
_NUMBER_ONLY = frozenset("N one two three four five six seven eight nine ten a an".split())


class Matcher:
    """Understands utterances against a loaded catalogue."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.crisis = CrisisCheck(catalogue)
        self._texts = [t.text for t in catalogue.templates]
        self._intents = [t.intent for t in catalogue.templates]
        self._exact = {t.text: i for i, t in enumerate(catalogue.templates)}
        self._indirect = [t.indirect for t in catalogue.templates]
        self._words = {w for text in self._texts for w in text.split()}
        self._vocabulary = sorted(self._words)
        self._crisis_only_words = (
            {w for t in catalogue.templates if t.intent == "safety.crisis" for w in t.text.split()}
            - {w for t in catalogue.templates if t.intent != "safety.crisis"
               for w in t.text.split()})
        # People repeat themselves ("yes", "next", "stop"): a repeat is answered from memory.
        self.understand = lru_cache(maxsize=4096)(self._understand)

    # ------------------------------------------------------------------------------ loading
    @cache
    def _model(self):
        """The embedding model and template index, loaded on the first utterance that needs
        them (a plain command that is a template word for word never does)."""
        from assistant.understanding.meaning_index import load_meaning_index
        from assistant.understanding.semantic import load_semantic

        model = load_semantic()
        index = load_meaning_index(self._texts, self._intents, model)
        self.crisis.set_example_rows(model.embed(self.crisis.example_texts()))
        return model, index

    @cache
    def crisis_reader(self):
        """The crisis guard's reader of meaning in context (loaded on first need)."""
        from assistant.understanding.crisis_reader import load_crisis_reader

        return load_crisis_reader(self._model()[0])

    @lru_cache(maxsize=8192)
    def _member_texts(self, kept: int) -> list[str]:
        """The texts of the templates a kept template stands for (in the index's order)."""
        return [self._texts[m] for m in self._model()[1].members[kept]]

    @lru_cache(maxsize=16384)
    def _known_word(self, word: str) -> str | None:
        """The catalogue word a misspelt or misheard word most likely stands for."""
        if word in self._words:
            return word
        if len(word) < 4 or not word.isalpha():
            return None
        # A word turned into a crisis word would raise the alarm over something nobody said
        # ("pause" heard as "cause" is not "abuse"): that takes a plain typo, not a near sound.
        for match, score, _ in process.extract(word, self._vocabulary, scorer=fuzz.ratio,
                                               score_cutoff=CORRECTION_CUTOFF, limit=3):
            if match not in self._crisis_only_words or score >= CRISIS_CORRECTION_CUTOFF:
                return match
        return None

    # ------------------------------------------------------------------------ understanding
    def _understand(self, text: str) -> IntentMatch:
        """Intent, confidence and slots for one utterance; out of scope is intent "none"."""
        return self.understand_many([text])[0]

    def understand_many(self, texts: list[str]) -> list[IntentMatch]:
        """`understand` for many utterances, sharing the model's work between them."""
        results: list[IntentMatch | None] = []
        pending: list[tuple[int, str, str, str]] = []  # (position, text, norm, query)
        for text in texts:
            if len(text) > MAX_CHARS:
                raise InputError(f"utterance is {len(text)} characters long; at most {MAX_CHARS}")
            early, norm, query = self._before_model(text)
            results.append(early)
            if early is None:
                pending.append((len(results) - 1, text, norm, query))
        for start in range(0, len(pending), BATCH):
            chunk = pending[start:start + BATCH]
            for (position, *_), match in zip(chunk, self._with_model(chunk)):
                results[position] = match
        return results  # type: ignore[return-value]

    def _before_model(self, text: str) -> tuple[IntentMatch | None, str, str]:
        """What needs no model: empty, crisis phrases, a bare number, an exact template."""
        norm = normalise(text)
        if not norm:
            return IntentMatch(text, OUT_OF_SCOPE, 0.0), norm, ""
        concern = self.crisis.concern(norm)
        if concern:
            return IntentMatch(text, "safety.crisis", 1.0, concern=concern), norm, ""
        query = mask_numbers(norm)
        # "7" alone answers a question; it never starts an exercise.
        if set(query.split()) <= _NUMBER_ONLY:
            return IntentMatch(text, OUT_OF_SCOPE, 0.0), norm, query
        exact = self._exact.get(query)
        if exact is not None and self._intents[exact] != "safety.crisis":
            hit = Candidate(self._intents[exact], 1.0, query, 1.0, 1.0, self._indirect[exact])
            return self._decide(text, norm, [hit]), norm, query
        # Score with misspelt or misheard words replaced by the catalogue words they resemble.
        query = " ".join(
            w if w in STOPWORDS else (self._known_word(w) or w) for w in query.split())
        return None, norm, query

    def _with_model(self, chunk: list[tuple[int, str, str, str]]) -> list[IntentMatch]:
        from assistant.understanding.meaning_index import as_sentence

        model, index = self._model()
        vectors = model.embed([as_sentence(query) for *_, query in chunk])
        out = []
        meanings = self.crisis.concerns_by_meaning([norm for _, _, norm, _ in chunk], vectors,
                                                   CRISIS_MEANING_FLOOR)
        readings = self._read_for_danger([norm for _, _, norm, _ in chunk], vectors, meanings)
        for (_, text, norm, query), (ids, semantic), meant, reading in zip(
                chunk, index.search(vectors), meanings, readings):
            if meant:
                concern, score = meant
                out.append(IntentMatch(text, "safety.crisis", round(score, 3), concern=concern))
                continue
            danger = None if reading is None else round(reading[1], 3)
            if reading is not None and reading[1] >= READER_ALARM:
                out.append(IntentMatch(text, "safety.crisis", danger,
                                       concern=reading[0],
                                       danger=danger))
                continue
            # Per intent its best template by meaning, and of the near-identical templates that
            # one stands for, the best by spelling.
            ranked = []
            for kept, meaning in zip(ids, semantic):
                members = index.members[kept]
                if len(members) == 1:
                    i, spelling = kept, fuzz.ratio(query, self._texts[kept]) / 100
                else:
                    _, score, at = process.extractOne(query, self._member_texts(kept),
                                                      scorer=fuzz.ratio)
                    i, spelling = members[at], score / 100
                ranked.append(Candidate(
                    self._intents[i], SEMANTIC_WEIGHT * meaning + (1 - SEMANTIC_WEIGHT) * spelling,
                    self._texts[i], meaning, spelling, self._indirect[i]))
            ranked.sort(key=lambda c: -c.score)
            out.append(replace(self._decide(text, norm, ranked[:RANKED]), danger=danger))
        return out

    def _read_for_danger(self, norms: list[str], vectors, meanings) -> list:
        """The crisis reader's (concern, probability) for each utterance it was worth reading
        (the cheap first look passed it and no earlier check has already decided), else None."""
        reader = self.crisis_reader()
        worth = reader.worth_reading(vectors)
        # A recognised figurative reading ("beat me at chess") or a denied crisis phrase ("i
        # would never hurt myself") is left alone, as the phrase check leaves it: the reader
        # weighs words, and "never" weighs little.
        chosen = [k for k, norm in enumerate(norms)
                  if worth[k] and not meanings[k] and not self.crisis.reads_harmless(norm)
                  and not self.crisis.denies(norm)]
        readings: list = [None] * len(norms)
        for k, reading in zip(chosen, reader.read([norms[k] for k in chosen])):
            readings[k] = reading
        return readings

    def _decide(self, text: str, norm: str, ranked: list[Candidate]) -> IntentMatch:
        if not ranked:
            return IntentMatch(text, OUT_OF_SCOPE, 0.0)
        # A crisis template this close counts, unless a harmless reading was recognised
        # ("scared of heights" is near "scared of him"); the phrase check has had its say.
        if (ranked[0].intent == "safety.crisis" and ranked[0].score >= CRISIS_TEMPLATE_FLOOR
                and not self.crisis.reads_harmless(norm)):
            words = norm.split()
            return IntentMatch(text, "safety.crisis", round(ranked[0].score, 3),
                               candidates=tuple(ranked),
                               concern=self.crisis.whose(words, "unspecified", len(words),
                                                         len(words)))
        # A looser likeness to a crisis sentence decides nothing (the phrase and meaning checks
        # have had their say): the best other intent is judged on its own.
        ranked_safe = [c for c in ranked if c.intent != "safety.crisis"]
        if not ranked_safe:
            return IntentMatch(text, OUT_OF_SCOPE, 0.0, candidates=tuple(ranked))
        top = ranked_safe[0]
        runner_up = ranked_safe[1].score if len(ranked_safe) > 1 else 0.0
        margin = top.score - runner_up
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
        if margin < TIE_MARGIN and len(ranked_safe) > 1 and ranked_safe[1].intent != OUT_OF_SCOPE:
            near_tie = ranked_safe[1].intent
        confidence = top.score * (0.8 + 0.2 * min(1.0, margin / TIE_MARGIN))
        slots = extract_slots(self.catalogue, top.intent, norm)
        return IntentMatch(text, top.intent, round(confidence, 3), slots, near_tie,
                           tuple(ranked), indirect=top.indirect)
