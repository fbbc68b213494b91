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
from assistant.understanding.names import stand_in_names
from assistant.understanding.normalise import normalise
from assistant.understanding.note_frames import is_note_frame
from assistant.understanding.request_frames import request_core
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
BATCH = 1024  # utterances embedded and searched together by `understand_many`. The context
# model's memory of recent lines (RECENT) holds what the crisis reader read of a whole batch, so
# a line the matcher re-reads is not read twice; and the more texts the context model gets at
# once, the closer in length those it runs together are (1024, not 256: 10% fewer padded
# tokens on the bench's lines, the same rows)
# Re-reading in context (context_index.py, intent_reader.py): when the best blended score is
# below the gate, every intent is scored again from the sentence read by MiniLM: its nearest
# template there and the intent reader's probability (a classifier trained on the templates)
# get the largest share. Weights and floors were chosen on the tuning sets (indirect_tune*.tsv,
# offtopic_tune.tsv, dev.tsv, paraphrases.tsv) and held-out sets 1-4. The gate sits below the
# crisis template floor, so a re-read never changes what the crisis checks decide.
CONTEXT_GATE = 0.75
CONTEXT_WEIGHTS = (0.2, 0.1, 0.2, 0.5)  # WordLlama meaning, rapidfuzz spelling, MiniLM nearest
# template, the intent reader's probability
CONTEXT_FLOOR = 0.5  # FLOOR for re-read scores
CONTEXT_SOFT_FLOOR = 0.55  # SOFT_FLOOR for re-read scores
# In context, the best intent must be this much closer than the known off-topic requests
# (intent "none") ... (0.05 since none.yaml holds requests that share Hearth's words, "check in
# for my flight": at 0.1, "i'm jordan and this is priya, can we do a check-in" was out of scope;
# 0.05 changed no other line of the tuning sets but one need line of set 5, now right)
CONTEXT_OVER_NONE = 0.05
READER_SURE = 0.7  # ... unless the intent reader gives it at least this probability
# The crisis reader's bar for a line the fast match is already sure is a request (best score at
# least CONTEXT_GATE): the bar of a line with a harmless reading (crisis_reader.HARMLESS_ALARM).
# On crisis sets 9-12 no crisis line the reader caught came that close to a request template
# (the closest, 0.50); on the request sets three requests did ("ok sounds good", danger 0.56).
REQUEST_ALARM = 0.8
_NUMBER_ONLY = frozenset("N one two three four five six seven eight nine ten a an".split())


class Matcher:
    """Understands utterances against a loaded catalogue."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.crisis = CrisisCheck(catalogue)
        self._texts, self._intents, self._indirect = catalogue.template_columns()
        self._exact = {text: i for i, text in enumerate(self._texts)}
        self._words = {w for text in self._texts for w in text.split()}
        self._vocabulary = sorted(self._words)
        self._crisis_only_words = (
            {w for text, intent in zip(self._texts, self._intents) if intent == "safety.crisis"
             for w in text.split()}
            - {w for text, intent in zip(self._texts, self._intents)
               if intent != "safety.crisis" for w in text.split()})
        # People repeat themselves ("yes", "next", "stop"): a repeat is answered from memory.
        self.understand = lru_cache(maxsize=4096)(self._understand)

    # A matcher is kept in the cache directory right after it is built (`cached_matcher`):
    # its tables (the crisis phrases' index, the words, the exact templates) take 0.08 s to
    # derive from the catalogue, and the whole matcher, catalogue included, unpickles in
    # 0.03 s. Its memory of answers is not kept.
    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        del state["understand"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
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
    def context_model(self):
        """The contextual model, its template index and each intent's block in that index,
        loaded on the first utterance the fast match is unsure of."""
        from assistant.understanding.context_index import load_context_index
        from assistant.understanding.contextual import load_contextual

        model = load_contextual()
        index = self._model()[1]
        blocks = {self._intents[t]: k for k, t in enumerate(index.intent_order())}
        return model, load_context_index(index, self._texts, model), blocks

    @cache
    def intent_reader(self):
        """The classifier of intents over contextual rows (intent_reader.py), trained on the
        same kept templates as the context index, with probabilities in its intent order."""
        from assistant.understanding.intent_reader import load_intent_reader

        _, context_index, blocks = self.context_model()
        ids = self._model()[1].template_ids.tolist()
        return load_intent_reader(context_index.rows, [self._texts[i] for i in ids],
                                  [self._intents[i] for i in ids],
                                  [self._indirect[i] for i in ids], list(blocks))

    @cache
    def crisis_reader(self):
        """The crisis guard's reader of meaning in context (loaded on first need)."""
        from assistant.understanding.crisis_reader import load_crisis_reader

        return load_crisis_reader(self._model()[0])

    @lru_cache(maxsize=8192)
    def _members(self, kept: int) -> tuple[list[int], list[str]]:
        """The templates a kept template stands for (in the index's order), and their texts."""
        members = self._model()[1].members(kept)
        return members, [self._texts[m] for m in members]

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
        # (position, text, norm, query, concern of a crisis phrase the reader must confirm)
        pending: list[tuple[int, str, str, str, str | None]] = []
        for text in texts:
            if len(text) > MAX_CHARS:
                raise InputError(f"utterance is {len(text)} characters long; at most {MAX_CHARS}")
            early, norm, query, tentative = self._before_model(text)
            results.append(early)
            if early is None:
                pending.append((len(results) - 1, text, norm, query, tentative))
        for start in range(0, len(pending), BATCH):
            chunk = pending[start:start + BATCH]
            for (position, *_), match in zip(chunk, self._with_model(chunk)):
                results[position] = match
        self._read_without_frames(results, pending)  # type: ignore[arg-type]
        return results  # type: ignore[return-value]

    def _read_without_frames(self, results: list[IntentMatch],
                             pending: list[tuple[int, str, str, str, str | None]]) -> None:
        """A request said in a frame (who, when, with whom, how politely: request_frames.py) is
        read again without it, and the clearer reading counts. The core never makes a line a
        crisis or out of scope: the crisis checks and the floors have judged the whole line."""
        cores: dict[int, IntentMatch] = {}
        entries = []
        for position, text, norm, _, _ in pending:
            if results[position].intent == "safety.crisis":
                continue
            core = request_core(stand_in_names(mask_numbers(norm)))
            if core is None:
                continue
            exact = self._exact_template(text, norm, core)
            if exact is not None:
                cores[position] = exact
            else:
                entries.append((position, text, norm, self._spelt(core), None))
        for start in range(0, len(entries), BATCH):
            chunk = entries[start:start + BATCH]
            for (position, *_), match in zip(chunk, self._with_model(chunk, guard=False)):
                cores[position] = match
        for position, core_match in cores.items():
            whole = results[position]
            if core_match.intent in (OUT_OF_SCOPE, "safety.crisis"):
                continue
            if whole.intent != OUT_OF_SCOPE and _top_score(whole) >= _top_score(core_match):
                continue
            results[position] = replace(core_match, danger=whole.danger)

    def _before_model(self, text: str) -> tuple[IntentMatch | None, str, str, str | None]:
        """What needs no model: empty, crisis phrases, a bare number, an exact template. The
        last item is the concern of a crisis phrase that is also everyday talk: the reader
        decides it (and no exact template may answer before it has)."""
        norm = normalise(text)
        if not norm:
            return IntentMatch(text, OUT_OF_SCOPE, 0.0), norm, "", None
        concern, sure = self.crisis.find(norm)
        if concern and sure:
            return (IntentMatch(text, "safety.crisis", 1.0, concern=concern, crisis_by="phrase"),
                    norm, "", None)
        query = stand_in_names(mask_numbers(norm))  # "leave sam a note": sam is the partner
        # "7" alone answers a question; it never starts an exercise.
        if set(query.split()) <= _NUMBER_ONLY:
            return IntentMatch(text, OUT_OF_SCOPE, 0.0), norm, query, None
        if not concern and (match := self._exact_template(text, norm, query)) is not None:
            return match, norm, query, None
        return None, norm, self._spelt(query), concern

    def _exact_template(self, text: str, norm: str, query: str) -> IntentMatch | None:
        """The decision for a query that is word for word a template (never a crisis one: the
        crisis checks decide those), or None."""
        exact = self._exact.get(query)
        if exact is None or self._intents[exact] == "safety.crisis":
            return None
        hit = Candidate(self._intents[exact], 1.0, query, 1.0, 1.0, self._indirect[exact])
        return self._decide(text, norm, [hit])

    def _spelt(self, query: str) -> str:
        """The query with misspelt or misheard words replaced by the catalogue words they
        resemble: what the fast match scores."""
        return " ".join(
            w if w in STOPWORDS else (self._known_word(w) or w) for w in query.split())

    def _with_model(self, chunk: list[tuple[int, str, str, str, str | None]],
                    guard: bool = True) -> list[IntentMatch]:
        """The model's reading of each utterance: the crisis checks by meaning (unless `guard`
        is off: a request's core, whose whole line they have read), then the blended match."""
        from assistant.understanding.meaning_index import as_sentence

        model, index = self._model()
        vectors = model.embed([as_sentence(entry[3]) for entry in chunk])
        out: list[IntentMatch | None] = []
        # [position in out, text, norm, query, meaning vector, ranking (replaced when read again),
        #  danger, the fast ranking]
        undecided = []
        norms = [entry[2] for entry in chunk]
        tentative = [entry[4] for entry in chunk]
        if guard:
            meanings = self.crisis.concerns_by_meaning(norms, vectors, CRISIS_MEANING_FLOOR)
            readings = self._read_for_danger([entry[1] for entry in chunk], norms, vectors,
                                             meanings, tentative)
        else:
            meanings, readings = [None] * len(chunk), [None] * len(chunk)
        for (_, text, norm, query, phrase), vector, (ids, semantic), meant, reading in zip(
                chunk, vectors, index.search(vectors), meanings, readings):
            if meant:
                concern, score = meant
                out.append(IntentMatch(text, "safety.crisis", round(score, 3), concern=concern,
                                       crisis_by="meaning"))
                continue
            danger = None if reading is None else round(reading.danger, 3)
            if phrase and reading is not None and reading.confirms():
                # A phrase that is also everyday talk, read as danger: the phrase names it.
                out.append(IntentMatch(text, "safety.crisis", 1.0, concern=phrase,
                                       danger=danger, crisis_by="phrase and reader"))
                continue
            # Per intent its best template by meaning, and of the near-identical templates that
            # one stands for, the best by spelling.
            ranked = []
            for kept, meaning in zip(ids, semantic):
                i, spelling = self._best_spelled(kept, query)
                ranked.append(Candidate(
                    self._intents[i], SEMANTIC_WEIGHT * meaning + (1 - SEMANTIC_WEIGHT) * spelling,
                    self._texts[i], meaning, spelling, self._indirect[i]))
            ranked.sort(key=lambda c: -c.score)
            if reading is not None and self._reader_alarms(reading, ranked):
                out.append(IntentMatch(text, "safety.crisis", danger, concern=reading.concern,
                                       danger=danger,
                                       crisis_by="echo" if reading.echo else "reader"))
                continue
            if is_note_frame(query):  # the crisis checks have had their say
                ranked = [Candidate("note.leave", 1.0, query, 1.0, 1.0, False)] + [
                    c for c in ranked if c.intent != "note.leave"]
            out.append(None)
            undecided.append([len(out) - 1, text, norm, query, vector, ranked, danger, ranked])
        self._reread_unsure(undecided)
        for position, text, norm, _, _, ranked, danger, fast in undecided:
            match = self._decide(text, norm, ranked[:RANKED])
            if match.intent == OUT_OF_SCOPE and ranked is not fast:
                # Read again and found nothing, where the fast match saw two intents about
                # equally near: its question ("did you mean ...?") stands.
                asked = self._decide(text, norm, fast[:RANKED])
                if asked.near_tie is not None:
                    match = asked
            out[position] = replace(match, danger=danger)
        return out  # type: ignore[return-value]

    @staticmethod
    def _reader_alarms(reading, ranked: list[Candidate]) -> bool:
        """Whether the crisis reader's alarm stands. A line the fast match already takes for a
        request, word for word near a template ("ok sounds good", "quit this exercise, i've had
        enough"), is read like a line with a harmless reading: the alarm needs REQUEST_ALARM."""
        if not reading.alarms():
            return False
        if reading.echo or not ranked:
            return True
        top = ranked[0]
        if top.intent in ("safety.crisis", OUT_OF_SCOPE) or top.score < CONTEXT_GATE:
            return True
        return reading.danger >= max(reading.bar, REQUEST_ALARM)

    def _best_spelled(self, kept: int, query: str) -> tuple[int, float]:
        """Of the near-identical templates a kept template stands for, the one spelt most like
        the query, and that likeness in [0, 1]."""
        members, texts = self._members(kept)
        if len(members) == 1:
            return kept, fuzz.ratio(query, self._texts[kept]) / 100
        _, score, at = process.extractOne(query, texts, scorer=fuzz.ratio)
        return members[at], score / 100

    def _reread_unsure(self, undecided: list[list]) -> None:
        """Replace the ranking of each utterance the fast match is unsure of (best score below
        CONTEXT_GATE) by one read in context; the models read them as one batch."""
        import numpy as np

        from assistant.understanding.meaning_index import as_sentence

        unsure = [entry for entry in undecided if entry[5] and entry[5][0].score < CONTEXT_GATE]
        if not unsure:
            return
        contextual, _, blocks = self.context_model()
        # The context model reads what was said, not the query with words swapped for
        # catalogue words: its word pieces cope with a typo, and a swap can change the meaning
        # ("where did i park the car" would become "... spark ..."). A partner's name is the
        # one swap it gets too: to it "sam" is nobody in particular, "my partner" is who.
        said = contextual.embed_many([as_sentence(stand_in_names(mask_numbers(entry[2])))
                                      for entry in unsure])
        every_intent = self._model()[1].search(np.stack([entry[4] for entry in unsure]),
                                               intents=len(blocks))
        for entry, in_context, (ids, semantic) in zip(unsure, said, every_intent):
            entry[5] = self._in_context(entry[3], ids, semantic, in_context)

    def _in_context(self, query: str, ids: list[int], semantic: list[float],
                    in_context_vector) -> list[Candidate]:
        """Every intent scored again with the sentence read in context: for needs said in
        words no template has ("we pass each other like strangers"). `ids` and `semantic` are
        each intent's best template by meaning and its cosine. Crisis templates are left out:
        the crisis checks have had their say, and a weak likeness decides nothing."""
        _, context_index, blocks = self.context_model()
        in_context = context_index.best_per_intent(in_context_vector)
        read = self.intent_reader().probabilities(in_context_vector[None, :])[0]
        off_topic = float(in_context[blocks[OUT_OF_SCOPE]]) if OUT_OF_SCOPE in blocks else -1.0
        weight_meaning, weight_spelling, weight_context, weight_reader = CONTEXT_WEIGHTS
        # Spelling is the smallest share: only intents it could lift to the top are spelt out.
        partial = [weight_meaning * meaning
                   + weight_context * float(in_context[blocks[self._intents[kept]]])
                   + weight_reader * float(read[blocks[self._intents[kept]]])
                   for kept, meaning in zip(ids, semantic)]
        best = max(partial)
        ranked = []
        for kept, meaning, part in sorted(zip(ids, semantic, partial), key=lambda k: -k[2]):
            intent = self._intents[kept]
            if intent == "safety.crisis":
                continue
            if len(ranked) >= RANKED and part + weight_spelling < best and intent != OUT_OF_SCOPE:
                continue
            i, spelling = self._best_spelled(kept, query)
            ranked.append(Candidate(intent, part + weight_spelling * spelling, self._texts[i],
                                    meaning, spelling, self._indirect[i],
                                    float(in_context[blocks[intent]]),
                                    float(read[blocks[intent]])))
        ranked.sort(key=lambda c: -c.score)
        if (ranked and ranked[0].intent != OUT_OF_SCOPE
                and ranked[0].contextual - off_topic < CONTEXT_OVER_NONE
                and ranked[0].reader < READER_SURE):
            # No closer in context than an everyday off-topic request, and the reader is not
            # sure either: the off-topic candidate leads, so the utterance is out of scope.
            ranked.sort(key=lambda c: c.intent != OUT_OF_SCOPE)
        return ranked[:RANKED]

    def _read_for_danger(self, texts: list[str], norms: list[str], vectors, meanings,
                         tentative) -> list:
        """The crisis reader's Reading for each utterance it was worth reading (the cheap first
        look passed it, or one of a long answer's clauses, and no earlier check has already
        decided), else None. A tentative crisis phrase is always read: the reader decides it."""
        from assistant.understanding.crisis_reader import HARMLESS_ALARM, clauses
        from assistant.understanding.meaning_index import as_sentence

        reader = self.crisis_reader()
        worth = reader.worth_reading(vectors)
        # A long answer's ordinary items can hide its one heavy clause from the first look too
        # ("i tell everyone we're happy but i flinch whenever he lifts his hand").
        parts = [(k, part) for k in range(len(norms)) if not worth[k]
                 for part in clauses(norms[k], texts[k])[1:]]
        if parts:
            looks = reader.worth_reading(self._model()[0].embed(
                [as_sentence(mask_numbers(part)) for _, part in parts]))
            for (k, _), look in zip(parts, looks):
                worth[k] = worth[k] or look
        # A denied crisis phrase ("i would never hurt myself") is left alone, as the phrase
        # check leaves it: the reader weighs words, and "never" weighs little. A line with a
        # recognised figurative or harmless reading ("beat me at chess") is read, but raises
        # the alarm only at a higher bar: the harmless words may sit beside a crisis.
        chosen = [k for k, norm in enumerate(norms)
                  if tentative[k] or (worth[k] and not meanings[k]
                                      and not self.crisis.denies(norm))]
        readings: list = [None] * len(norms)
        for k, reading in zip(chosen, reader.read([norms[k] for k in chosen],
                                                  [texts[k] for k in chosen])):
            if not tentative[k] and self.crisis.reads_harmless(norms[k]):
                reading = replace(reading, bar=HARMLESS_ALARM)
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
                               candidates=tuple(ranked), crisis_by="template",
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
        reread = top.contextual is not None  # scored by _in_context: its own floors
        floor, soft_floor = (CONTEXT_FLOOR, CONTEXT_SOFT_FLOOR) if reread else (FLOOR, SOFT_FLOOR)
        out_of_scope = (
            top.intent == OUT_OF_SCOPE
            or top.score < floor
            or (top.score < soft_floor and margin < MIN_MARGIN)
        )
        if out_of_scope:
            confidence = top.score if top.intent == OUT_OF_SCOPE else 1.0 - top.score
            return IntentMatch(text, OUT_OF_SCOPE, round(confidence, 3),
                               candidates=tuple(ranked))
        near_tie = None
        if margin < TIE_MARGIN and len(ranked_safe) > 1 and ranked_safe[1].intent != OUT_OF_SCOPE:
            near_tie = ranked_safe[1].intent
        confidence = top.score * (0.8 + 0.2 * min(1.0, margin / TIE_MARGIN))
        if reread:
            # The fast match was unsure: what the reading in context found is understood, but
            # it is never as clear a request as a sure fast match ("sleep" said as an answer
            # is an answer, not a change of mind).
            confidence = min(confidence, CONTEXT_GATE)
        slots = extract_slots(self.catalogue, top.intent, norm)
        return IntentMatch(text, top.intent, round(confidence, 3), slots, near_tie,
                           tuple(ranked), indirect=top.indirect,
                           in_context=top.contextual is not None)


def _top_score(match: IntentMatch) -> float:
    """How clear a reading is: its best candidate's score."""
    return match.candidates[0].score if match.candidates else match.confidence


# What a kept matcher's tables are made by: any edit to these files builds it afresh.
_TABLE_CODE = ("matcher.py", "crisis.py", "catalogue.py")


def cached_matcher() -> Matcher:
    """The matcher over the catalogue in intents/, from the cache directory when a matcher of
    this catalogue and this code was kept there (a damaged one is built again)."""
    import hashlib
    import pickle
    from pathlib import Path

    from assistant import __version__
    from assistant.understanding.catalogue import (
        cache_dir, catalogue_key, keep_in_cache, load_catalogue, read_pickled,
    )

    digest = hashlib.sha256(f"{__version__} {catalogue_key()}".encode())
    for name in _TABLE_CODE:
        digest.update((Path(__file__).parent / name).read_bytes())
    path = cache_dir() / f"matcher-{digest.hexdigest()[:24]}.pickle"
    if (matcher := read_pickled(path, Matcher)) is not None:
        return matcher
    matcher = Matcher(load_catalogue())
    keep_in_cache(path, lambda to: to.write_bytes(
        pickle.dumps(matcher, protocol=pickle.HIGHEST_PROTOCOL)), "matcher-*.pickle", 2)
    return matcher
