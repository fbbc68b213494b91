"""How well a listener's mirror kept what the speaker meant: by meaning, part by part.

The speaker's words are cut into parts (clauses). Each part counts as kept when the mirror says
it in any words: its content words are found in the mirror (the same word or stem, a listed
synonym, or a word the semantic layer puts close), or the whole part is close in meaning to
the mirror. A kept part whose mirror says the opposite (a negation added or dropped, an
antonym) is reversed. A mirror that is only a list of the speaker's words (no sentence) is
keyword salad and never counts as listening.

    good:    every part kept, nothing reversed
    partial: some parts kept, nothing reversed
    wrong:   reversed, blame or a defence added, keyword salad, or nothing kept

Parts are compared by meaning with the context model (contextual.py, MiniLM), the mirror first
turned into the speaker's voice; words are matched with a small lexicon and WordLlama.

Those rules fit the pairs they were written for better than a blind writer's, so they do not
decide the verdict alone: what they find (VERDICT_FEATURES) is weighed by a softmax regression
trained on every labelled tuning pair (mirror_verdict.json; `tests/agreement.py --train`), and
the parts named follow its verdict. Keyword salad, empty mirrors and added blame stay with the
rules.
"""

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

import numpy as np
from rapidfuzz import fuzz

from assistant.understanding.contextual import load_contextual
from assistant.understanding.linear import Softmax
from assistant.understanding.semantic import load_semantic

Verdict = Literal["good", "partial", "wrong"]

# Words that carry little of what someone meant; left out of the comparison.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can can't could couldn't did didn't do does doesn't doing
don't down during each even ever every few for from further get gets getting got had hadn't has
hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how
how's i i'd i'll i'm i've if in into is isn't it it's its itself just kind kinda let's like lot
lots me more most much mustn't my myself no nor not now of off on once only or other ought our
ours ourselves out over own really same say said says she she'd she'll she's should shouldn't so
some something sort such than that that's the their theirs them themselves then there there's
these they they'd they'll they're they've thing things think this those though through to too
under until up us very want wanted was wasn't we we'd we'll we're we've well were weren't what
what's when when's where where's which while who who's whom why why's will with won't would
wouldn't yeah you you'd you'll you're you've your yours yourself yourselves um uh
okay ok feel feeling felt know knew maybe bit quite pretty still always never sometimes
nobody nothing anyone anything someone everyone everything everybody somebody one
mostly basically actually probably literally totally honestly anyway
""".split())  # noqa: SIM905 - a block of words is easier to edit than a list

# Words a listener may fairly use for the speaker's word: each group shares one key.
# Feelings by family: a listener who says "worn out" for "exhausted" kept the feeling. A
# general lexicon of common feeling words, not tuned to particular sentences.
FEELINGS = {
    "sad": {"sad", "saddens", "sadness", "unhappy", "down", "low", "blue", "upset", "upsets",
            "miserable", "depressed", "heartbroken", "gutted", "tearful", "hurt", "hurts",
            "wounded", "stung", "sting", "stings", "pained", "crushed", "disappointed", "hopeless", "letdown",
            "saddened", "disappoints", "disappointing"},
    "angry": {"angry", "anger", "mad", "furious", "annoyed", "annoys", "annoying", "irritated",
              "irritates", "cross", "frustrated", "frustrating", "frustrates", "bothers",
              "bother", "bothered", "bugs", "resentful", "livid", "angers", "infuriates",
              "infuriating", "irritating", "maddening"},
    "afraid": {"anxious", "anxiety", "nervous", "worried", "worry", "worries", "uneasy",
               "stressed", "stress", "tense", "scared", "afraid", "frightened", "fear", "panic",
               "fearful", "panicky", "apprehensive", "concerned", "insecure", "unsure", "dread",
               "terrified", "scare", "scares", "scary", "frightens", "frighten", "terrifies",
               "stresses", "stressful", "panics", "dreads"},
    "tired": {"tired", "exhausted", "drained", "worn", "weary", "sleepy", "shattered",
              "knackered", "fatigued", "wiped", "spent"},
    "lonely": {"lonely", "alone", "isolated", "ignored", "excluded", "invisible", "unseen",
               "overlooked", "unnoticed", "neglected", "forgotten", "unheard", "leftout",
               "shutout", "lockedout", "rejected", "abandoned"},
    "unvalued": {"unappreciated", "undervalued", "unvalued", "granted"},
    "judged": {"judged", "criticised", "criticized", "criticise", "criticize", "judge",
               "blamed", "attacked", "belittled", "small", "mocked", "mocking", "humiliated",
               "patronised", "patronized", "dismissed"},
    "overwhelmed": {"overwhelmed", "swamped", "buried", "overloaded", "stretched"},
    "rushed": {"rushed", "hurried", "pressured", "hectic", "harried"},
    "happy": {"happy", "glad", "pleased", "joy", "joyful", "delighted", "enjoy", "enjoyed",
              "enjoys", "enjoying", "love", "loved", "loves", "adore", "fun", "thrilled",
              "excited", "exciting", "lovely"},
    "hate": {"hate", "hated", "hates", "dislike", "disliked", "dislikes", "resent", "loathe"},
    "grateful": {"grateful", "thankful", "appreciate", "appreciated", "appreciative", "valued",
                 "value", "treasured"},
    "close": {"close", "closer", "connected", "near", "intimate", "bonded", "together", "team"},
    "apart": {"apart", "distant", "distance", "drift", "drifting", "separate", "disconnected"},
    "calm": {"calm", "relaxed", "peaceful", "settled", "rested", "safe", "secure", "fine"},
    "supported": {"supported", "cared", "backed", "understood", "held", "respected"},
    "proud": {"proud"},
    "ashamed": {"embarrassed", "humiliated", "ashamed", "mortified"},
    "jealous": {"jealous", "envious"},
    "stuck": {"stuck", "trapped"},
    "bored": {"bored", "boring", "dull"},
    "hopeful": {"hopeful", "optimistic", "positive"},
    "good": {"great", "good", "wonderful", "nice", "best", "funny", "amazing", "brilliant",
             "touched", "meaningful"},
}
# Which families are painful and which pleasant: a mirror that answers one with the other
# (and no word of the first) has turned the feeling round.
PAINFUL = ("sad", "angry", "afraid", "tired", "lonely", "unvalued", "judged", "overwhelmed",
           "rushed", "hate", "apart", "ashamed", "jealous", "stuck", "bored")
PLEASANT = ("happy", "grateful", "close", "calm", "supported", "proud", "hopeful", "good")
_FEELING_WORDS = frozenset(w for family in FEELINGS.values() for w in family)
# Feelings that say the opposite of each other.
OPPOSITE_FEELINGS = (("happy", "sad"), ("happy", "hate"), ("happy", "angry"), ("close", "apart"),
                     ("close", "lonely"), ("calm", "afraid"), ("calm", "rushed"),
                     ("calm", "angry"), ("calm", "jealous"), ("supported", "lonely"),
                     ("supported", "judged"), ("grateful", "unvalued"), ("proud", "ashamed"))
SYNONYM_GROUPS = (
    {"work", "job", "office", "workplace", "career"},
    {"boss", "manager", "supervisor"},
    {"mum", "mom", "mother"},
    {"dad", "father"},
    {"kids", "children", "child", "kid"},
    {"money", "finances", "bills", "cash"},
    {"house", "home", "flat", "apartment"},
    {"friend", "friends", "mate", "mates"},
    {"help", "support", "hand"},
    {"talk", "chat", "speak", "conversation", "talking", "chatting"},
    {"time", "hours"},
    {"deadline", "due"},
    {"argument", "fight", "row", "argue", "arguing", "fighting", "argued", "fought",
     "arguments", "fights"},
    {"housework", "chores", "chore", "cleaning", "tidying"},
    {"plan", "organise", "organize", "arrange", "schedule", "plans", "planning"},
    {"screens", "screen", "phones", "phone", "tv", "television", "devices"},
    {"evening", "evenings", "night", "nights", "tonight"},
    {"decide", "decision", "decisions", "choose", "choice"},
    {"notice", "see", "noticed", "seen"},
    {"heard", "hear", "listen", "listened", "listening", "listens"},
    {"sick", "ill", "illness", "unwell"},
    {"food", "eat", "eating", "meal", "meals", "dinner", "cooking", "cook"},
    *FEELINGS.values(),
)
_SYNONYM_KEY = {word: min(group) for group in SYNONYM_GROUPS for word in group}
FUZZY_MATCH = 85  # rapidfuzz ratio at or above which two stems count as the same word

ADVICE = re.compile(
    r"\b(you should|you shouldn't|you could|you need to|you have to|you ought to|you must|"
    r"why don't you|why not just|have you tried|what if you|my advice|i'd suggest|"
    r"i suggest|if i were you|just ignore|just tell|just stop)\b",
    re.IGNORECASE,
)


def stem(word: str) -> str:
    """A light stem: "worrying" -> "worry", "meetings" -> "meeting", "kids'" -> "kid"."""
    w = word.lower().strip("'").removesuffix("'s")
    for suffix, keep in (("ies", "y"), ("ied", "y"), ("ing", ""), ("edly", ""), ("ed", ""),
                         ("es", ""), ("ly", ""), ("s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not w.endswith("ss"):
            w = w[: len(w) - len(suffix)] + keep
            break
    return w


def key_of(word: str) -> str:
    """The word's synonym key, else its stem."""
    low = word.lower()
    base = stem(low)  # "deciding" -> "decid": its dictionary form may end in e
    return (_SYNONYM_KEY.get(low) or _SYNONYM_KEY.get(base) or _SYNONYM_KEY.get(base + "e")
            or base)



WORD_CLOSE = 0.4  # semantic similarity at which two words count as the same idea
PART_CLOSE = 0.45  # context-model similarity at which a part counts as said back
PART_LEANS = -0.04  # a part's share in the mirror's closeness to the whole at which it is kept
PART_NEAR = 0.2  # ... when the part itself is at least this close to a stretch of the mirror
PART_LEFT_OUT = -0.08  # a part whose share is this or lower was left out, whatever the words
PART_KEPT = 0.5  # share of a part's content words found in the mirror for it to count
SALAD_WORDS = 3  # a mirror of at least this many words with no sentence in it is a list

_WORDS = re.compile(r"[a-z0-9']+")
# Clause boundaries: punctuation, joining words, and "when" / "without" / "instead of" inside
# a sentence ("I felt embarrassed | when you corrected me"); "so" only before a new clause
# ("so we can talk", not "so long").
_SPLIT = re.compile(r"\s*(?:[.;!?]+|,)\s*|\s+(?=\b(?:and|but|because|"
                    r"so(?= (?:that|i|we|you|he|she|they|it)\b)|since|though|although|"
                    r"when|without|with no|instead of|rather than|while)\b)|"
                    r"\s+(?=that (?:you|i|we|he|she|they|it|my|your)\b)", re.IGNORECASE)
_JOINERS = {"and", "but", "because", "so", "since", "though", "although", "that", "then"}
# Small words that make a sentence of a list; a mirror without any is keyword salad.
_SENTENCE_WORDS = {"i", "you", "we", "they", "he", "she", "it", "me", "us", "my", "your", "our",
                   "the", "a", "an", "to", "of", "in", "on", "at", "with", "about", "for",
                   "is", "are", "was", "were", "be", "i'm", "you're", "it's", "that", "when",
                   "and", "but", "because", "i've", "you've", "we're", "we've", "they're",
                   "i'd", "you'd", "i'll", "you'll", "he's", "she's", "don't", "didn't"}
_NEGATIONS = {"not", "no", "never", "without", "nothing", "instead", "nobody", "none",
              "hardly", "neither", "nor", "barely"}
# Words whose polarity hides in time ("used to", "anymore"): a negation test would misfire.
# Words that say something is absent now ("we used to", "anymore", "I miss"): they count as
# negations, so "we never laugh anymore" and "you miss how we used to laugh" agree.
_ABSENCE = {"miss", "missed", "misses", "missing", "anymore", "longer", "used", "again"}
# Pairs that say opposite things about the same matter.
_ANTONYMS = [
    *((FEELINGS[one], FEELINGS[other]) for one, other in OPPOSITE_FEELINGS),
    ({"more"}, {"less", "fewer"}),
    ({"better"}, {"worse"}),
    (set().union(*(FEELINGS[f] for f in PLEASANT)), set().union(*(FEELINGS[f] for f in PAINFUL))),
    ({"messy", "mess"}, {"tidy", "clean"}),
]


@dataclass(frozen=True)
class MirrorCheck:
    """What the mirror kept of the speaker's words, part by part."""

    verdict: Verdict
    reason: Literal["kept", "missed", "reversed", "blame", "keywords", "off", "empty"]
    caught: list[str] = field(default_factory=list)  # the speaker's parts said back
    missed: list[str] = field(default_factory=list)  # the speaker's parts left out, as spoken
    reversed: list[str] = field(default_factory=list)  # parts the mirror turned around
    added: list[str] = field(default_factory=list)  # the mirror's own blame or defence
    score: float = 0.0  # share of the speaker's parts kept, 0..1


# Feelings said in two words, read as one ("left out" is in the lonely family as "leftout").
_TWO_WORD_FEELINGS = re.compile(r"\b(left|shut|locked) (out)\b|\b(let) (down)\b|"
                                r"\b(?:feel|felt|feeling) (small)\b")
# "make fun of" is mockery, not fun.
_MAKE_FUN = re.compile(r"\b(?:make|makes|made|making) fun of\b")


# "rather than" says what "instead of" says: a negation ("a hug rather than solutions").
_RATHER_THAN = re.compile(r"\brather than\b")


def words(text: str) -> list[str]:
    text = _TWO_WORD_FEELINGS.sub(lambda m: "".join(g for g in m.groups() if g),
                                  text.lower().replace("\u2019", "'"))
    text = _MAKE_FUN.sub("mocking", _RATHER_THAN.sub("instead of", text))
    return _WORDS.findall(text)


def content(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS and w not in _NEGATIONS]


# Where a sentence that opens with "when" turns to what it does to the speaker ("When you go
# quiet | I feel shut out", "When you make fun of my accent | it makes me feel small").
_AFTER_OPENING = re.compile(r"^((?:when|whenever|if|every time)\b.*?)\s+(?=(?:it|that|this) "
                            r"(?:makes|made|hurts|hurt|upsets|scares|annoys|bothers)\b|"
                            r"i (?:feel|felt|get|got|start|am|just)\b|i'm\b)", re.IGNORECASE)


def parts(text: str) -> list[str]:
    """The speaker's words cut into clauses; a clause too small to stand alone joins the one
    before it ("we never laugh anymore and I miss that" stays one part)."""
    found: list[str] = []
    text = _AFTER_OPENING.sub(r"\1, ", text.strip(), count=1)
    for piece in _SPLIT.split(text.strip()):
        piece = re.sub(r"^(?:and|but|because|so|since|though|although|that)\s+", "",
                       piece.strip(),
                       flags=re.IGNORECASE)
        if not piece:
            continue
        if found and not content(piece):
            found[-1] = f"{found[-1]} {piece}"
        elif found and not content(found[-1]):
            found[-1] = f"{found[-1]} {piece}"
        else:
            found.append(piece)
    return found


def is_keyword_salad(mirror: str) -> bool:
    """A list of words, not a sentence: "housework notice feel do"."""
    said = words(mirror)
    return len(said) >= SALAD_WORDS and not (set(said) & _SENTENCE_WORDS)


@cache
def _embed_word(word: str) -> np.ndarray:
    return load_semantic().embed([word])[0]


def _match(word: str, mirror_words: list[str]) -> str | None:
    """The mirror's word for the speaker's word (same stem, a synonym, close in spelling or in
    meaning), or None."""
    key = key_of(word)
    for other in mirror_words:
        other_key = key_of(other)
        if other_key == key or (len(key) >= 4 and len(other_key) >= 4
                                and fuzz.ratio(key, other_key) >= FUZZY_MATCH):
            return other
    vector = _embed_word(word)
    scored = [(float(vector @ _embed_word(other)), other) for other in mirror_words]
    best = max(scored, default=(0.0, None))
    return best[1] if best[0] >= WORD_CLOSE else None


def _negation(word: str) -> bool:
    return word in _NEGATIONS or word in _ABSENCE or word.endswith("n't")


# "screen-free" says "no screens"; "to miss football" is to skip it, no absence felt.
_FREE_OF = re.compile(r"\b[a-z]+-free\b", re.IGNORECASE)
_MISS = {"miss", "missed", "misses", "missing"}


def _negation_words(text: str) -> list[str]:
    """The text's negations, absences included ("not", "never", "anymore", "I miss")."""
    said = words(_FREE_OF.sub("no", text))
    return [w for k, w in enumerate(said)
            if _negation(w) and not (w in _MISS and k and said[k - 1] == "to")]


def _negated(clause: str) -> bool:
    return bool(_negation_words(clause))


def _stems(text: str) -> set[str]:
    return {key_of(w) for w in words(text)} | set(words(text))


# Saying the speaker does not care about what they raised turns it around ("it doesn't
# matter"; "what you think doesn't matter" says the speaker's feeling back).
_DISMISSIVE = re.compile(r"\b(?:do not|don't|doesn't|didn't|never) (?:really )?"
                         r"(?:care|mind|bother)\b|"
                         r"\b(?:doesn't|does not|don't|do not) (?:really )?matter to you\b|"
                         r"\bover nothing\b|\bfor no reason\b|"
                         r"\bno big deal\b|\b(?:it|that|this) (?:doesn't|does not) matter\b|"
                         r"\bnot bothered\b")


def _opposite_words(said: str, heard: str) -> bool:
    """One says a word the other answers with its opposite ("love" / "hate")."""
    one_words, other_words = _liked(said), _liked(heard)
    return any((one_words & one and other_words & other and not other_words & one)
               or (one_words & other and other_words & one and not other_words & other)
               for one, other in _ANTONYMS) or _prefixed_opposite(said, heard)


def _liked(text: str) -> set[str]:
    """The text's stems, "like" as a plain verb ("you like the house messy") read as "enjoy"."""
    return _stems(text) | ({"enjoy"} if _LIKES.search(text) else set())


_OPPOSITE_PREFIXES = ("un", "dis", "in", "im", "under")


def _prefixed_opposite(said: str, heard: str) -> bool:
    """One side's word is the other's with a negating prefix: "respected" / "disrespected",
    "happy" / "unhappy"."""
    one, other = set(words(said)), set(words(heard))
    return any(len(word) >= 4 and f"{prefix}{word}" in b and word not in b
               for a, b in ((one, other), (other, one)) for word in a
               for prefix in _OPPOSITE_PREFIXES)


# "like" is a stop word ("feel like", "I'd like to"); as a plain verb it is a pleasant feeling.
_LIKES = re.compile(r"\b(?:you|i|we|they|really|still|just|actually|do) (?:like|liked|likes)"
                    r"\b(?! to\b)",
                    re.IGNORECASE)
# Alone against together: "you want to visit your parents alone" for "come with me".
_ALONE = re.compile(r"\b(?:alone|on (?:my|your|our) own|by (?:my|your)self|yourself|myself)\b",
                    re.IGNORECASE)
_TOGETHER = re.compile(r"\b(?:together|with (?:me|you|us)|come along|join (?:me|you|us)|"
                       r"be there|by (?:my|your) side)\b",
                       re.IGNORECASE)


_PAINFUL_WORDS = frozenset().union(*(FEELINGS[f] for f in PAINFUL))
_PLEASANT_WORDS = frozenset().union(*(FEELINGS[f] for f in PLEASANT))
# Before "like", these make it the plain verb ("you like", "don't like"), not "feel like".
_LIKE_VERB_AFTER = {"you", "i", "we", "they", "really", "still", "just", "actually", "don't",
                    "doesn't",
                    "didn't", "not", "do", "does", "did", "never", "also"}


def _valence(text: str) -> set[str]:
    """"painful" and / or "pleasant": the kinds of feeling the words name, a negation just
    before a feeling turning it ("not happy" is painful, "don't like being held" too)."""
    kinds = set()
    for clause in _pieces(text) or [text]:
        kinds |= _clause_valence(words(clause))
    return kinds


# Words that name a feeling only after a linking word ("I feel down", not "shutting down").
_LINKED_ONLY = {"down", "low", "blue", "cross", "spent", "worn", "close", "near", "held",
                "fine", "hurt", "together", "team", "value", "judge", "bother", "sting"}
_LINKS = {"feel", "feels", "feeling", "felt", "so", "bit", "really", "am", "i'm", "was", "been",
          "pretty", "quite", "very", "you're", "are", "is", "get", "getting", "little", "too",
          "more", "less", "and", "it", "me", "i", "you", "we", "us", "we're", "were", "be"}
FEELING_NEGATED = 5  # a negation at most this many words before a feeling, in its clause, turns it


_SUBJECTS = {"i", "i'm", "we", "we're", "they", "they're", "he", "she", "it", "it's", "you're"}


def _negation_before(said: list[str], at: int) -> bool:
    """A negation shortly before word `at`, with no new subject between ("without texting I
    start to worry": the worry is not denied; "I don't want you to feel left out": it is)."""
    for k in range(at - 1, max(0, at - FEELING_NEGATED) - 1, -1):
        if _negation(said[k]):
            return True
        # "you" begins a clause unless an infinitive follows ("want you to feel")
        if said[k] in _SUBJECTS or said[k] == "you" and said[k + 1] != "to":
            # ... but "nothing I do is good enough": the negation heads the subject's clause
            return k > 0 and said[k - 1] in ("nothing", "nobody", "none")
    return False


_WISHING = {"i'd", "you'd", "we'd", "would", "they'd", "she'd", "he'd"}


def _clause_valence(said: list[str]) -> set[str]:
    kinds = set()
    for k, word in enumerate(said):
        keys = {word, key_of(word)}
        before = said[k - 1] if k else ""
        if word in _MISS and before != "to":
            kind = "painful"  # missing someone or something hurts ("I miss you")
        elif word in ("love", "like") and before in _WISHING:
            continue  # "I'd love us to ...": a wish, not a feeling
        elif word in ("like", "likes", "liked"):
            after = said[k + 1] if k + 1 < len(said) else ""
            kind = "pleasant" if before in _LIKE_VERB_AFTER and after != "to" else None
        elif word in _LINKED_ONLY and (k == 0 or said[k - 1] not in _LINKS):
            continue  # "shutting down", "cross the road": not a feeling here
        elif keys & _PAINFUL_WORDS:
            kind = "painful"
        elif keys & _PLEASANT_WORDS:
            kind = "pleasant"
        else:
            continue
        if kind and _negation_before(said, k):
            kind = "pleasant" if kind == "painful" else "painful"
        if kind:
            kinds.add(kind)
    return kinds


def turned_overall(speaker: str, mirror: str) -> bool:
    """The mirror as a whole says the other side: only pleasant feelings for only painful ones
    or the reverse (a negated feeling counts as its opposite), or alone for together."""
    said, heard = _valence(speaker), _valence(mirror)
    if len(said) == 1 and len(heard) == 1 and said != heard:
        return True
    return any(bool(one.search(speaker)) and not two.search(speaker)
               and bool(two.search(mirror)) and not one.search(mirror)
               for one, two in ((_ALONE, _TOGETHER), (_TOGETHER, _ALONE)))


SAME_MATTER = 0.2  # context-model similarity below which two clauses speak of different things


def _same_matter(part: str, clause: str) -> bool:
    """The part and the mirror clause speak of the same thing ("you say it's fine" and "you get
    overwhelmed" do not, though "fine" and "overwhelmed" are opposite feelings)."""
    rows = load_contextual().embed([part, in_speakers_voice(clause)])
    return float(rows[0] @ rows[1]) >= SAME_MATTER


def _negations(text: str) -> int:
    return len(_negation_words(text))


def _negation_as_prefix(part: str, clause: str) -> bool:
    """One side negates a word the other says with a negating prefix: "you don't respect my
    family" / "I'm disrespecting your family", "not comfortable" / "uncomfortable": the same
    sense, no turn."""
    for one, other in ((part, clause), (clause, part)):
        if not _negated(one):
            continue
        stems = {key_of(w) for w in words(one) if len(w) >= 4}
        if any(w.startswith(prefix) and key_of(w[len(prefix):]) in stems
               for w in words(other) for prefix in _OPPOSITE_PREFIXES):
            return True
    return False


def _missing_felt(part: str, clause: str) -> bool:
    """The only negation on one side is missing someone or something, and the other side names
    a painful feeling ("you're missing your family" for "I'm homesick"): missing is the
    feeling, not a denial."""
    return any(_negation_words(one) and set(_negation_words(one)) <= _MISS
               and "painful" in _valence(other) for one, other in ((part, clause), (clause, part)))


def _said_elsewhere(part: str, clause: str, mirror: str) -> bool:
    """The part's one kind of feeling is named by another clause of the mirror ("proud of
    finishing | and disappointed I wasn't there" for "proud ... | let down you didn't come"):
    the clause nearest in meaning answered another part, the feeling itself was said back."""
    kind = _valence(part)
    return len(kind) == 1 and any(kind <= _valence(other) for other in _pieces(mirror)
                                  if other.lower() not in clause.lower())


def _reverses(part: str, clause: str, mirror: str, evened: bool,
              pairs: list[tuple[str, str]], kept: bool) -> str | None:
    """How the mirror turns the part around, or None: "dismissed" (it says the speaker does
    not care), "opposite" (speaking of the same matter, a word in common or the part only a
    feeling, it answers with an opposite word; a negation on one side turns that back: "not
    alone" is "together") or "negation" (a negation added or dropped: "worried" / "not
    worried"). `clause` is the mirror clause that says the part back; `evened`: the mirror
    holds as many negations as the speaker's words, so a negation that moved between clauses
    ("not having a plan makes you uneasy") is no turn."""
    if _DISMISSIVE.search(mirror.lower()) and not _DISMISSIVE.search(part.lower()):
        return "dismissed"
    if not pairs and not all(w in _FEELING_WORDS for w in content(part)):
        return None  # nothing in common: the mirror speaks of something else
    flipped = (_negated(part) != _negated(clause) and not evened
               and not _worry_kept(part, clause) and not _negation_as_prefix(part, clause)
               and not _missing_felt(part, clause))
    if (_opposite_words(part, clause) and _same_matter(part, clause)
            and not _said_elsewhere(part, clause, mirror)):
        return None if flipped else "opposite"
    return "negation" if kept and flipped and _denied_said_back(part, clause) else None


def _worry_kept(part: str, clause: str) -> bool:
    """The negation is what the feeling is about ("I'm worried we don't have enough saved"),
    and the mirror names that feeling ("you're worried about our savings"): the worry is said
    back, nothing is turned round."""
    said = words(part)
    at = next((k for k, w in enumerate(said) if _negation(w)), None)
    if at is None:
        return False
    before = {key_of(w) for w in said[:at] if w in _FEELING_WORDS}
    return bool(before & {key_of(w) for w in words(clause) if w in _FEELING_WORDS})


def _denied_said_back(part: str, clause: str) -> bool:
    """What the negation denies ("enough saved" in "we don't have enough saved") is said on
    the other side too: "you're worried about money" left it out, it did not turn it round.
    A negation that denies no content word ("they don't like me") is not checked here."""
    negated, other = (part, clause) if _negated(part) else (clause, part)
    said = words(negated)
    at = next(k for k, w in enumerate(said) if _negation(w))
    scope = [("enjoy" if w in ("like", "likes", "liked") else w) for w in said[at + 1:]
             if (w not in STOPWORDS or w in ("like", "likes", "liked")) and w not in _NEGATIONS][:3]
    others = content(other) + (["enjoy"] if _LIKES.search(other)
                               or re.search(r"\b\w+s? like (?:you|me|it|us|them)\b", other) else [])
    return bool(scope) and any(_match(w, others) for w in scope)


# The mirror turned into the speaker's voice ("you feel" -> "I feel", "my phone" -> "your
# phone"), so the context model compares like with like: it reads pronouns as meaning.
_TO_SPEAKER = {"your": "my", "you're": "I'm", "yours": "mine", "yourself": "myself",
               "you've": "I've", "you'd": "I'd", "you'll": "I'll", "i": "you", "me": "you",
               "my": "your", "i'm": "you're", "mine": "yours", "myself": "yourself",
               "i've": "you've", "i'd": "you'd", "i'll": "you'll"}
# "you" is "I" where it begins a clause or follows a joining word, else "me" ("makes you").
_SUBJECT_BEFORE = {"", "and", "but", "because", "so", "since", "when", "that", "if", "while",
                   "though", "although", "before", "after", "until", "unless", "as", "whenever"}


def in_speakers_voice(mirror: str) -> str:
    """The mirror as the speaker would say it: "you feel I don't notice" -> "I feel you
    don't notice"."""
    out: list[str] = []
    for token in re.findall(r"[A-Za-z']+|[^A-Za-z']+", mirror.replace("\u2019", "'")):
        low = token.lower()
        if low == "you":
            before = next((w.lower() for w in reversed(out) if w.strip(" ,")), "")
            token = "I" if not re.match(r"[A-Za-z]", before) or before in _SUBJECT_BEFORE \
                else "me"
        elif low in _TO_SPEAKER:
            token = _TO_SPEAKER[low]
        out.append(token)
    return "".join(out).replace("I were", "I was")


ONLY_FEELING_WORDS = 4  # a longer stretch says more than a feeling, even in small words


def _only_feeling(text: str) -> bool:
    """The words name a feeling and nothing else ("you're nervous", not "I'd like you to say
    you love me more")."""
    said = content(text)
    return (bool(said) and len(words(text)) <= ONLY_FEELING_WORDS
            and all(w in _FEELING_WORDS for w in said))


def _meaning(spoken: list[str], mirror: str) -> tuple[list[float], list[str], list[float]]:
    """For each of the speaker's parts: how close in meaning (context model, cosine) the
    nearest stretch of the mirror is (a clause, two clauses together, or the whole), and the
    mirror clause closest to it (the one that says it back). A stretch that only names a
    feeling stands only for a part that only names a feeling."""
    clauses = parts(mirror) or [mirror]
    voiced = [in_speakers_voice(c) for c in clauses]
    stretches = [*voiced, *(f"{a} {b}" for a, b in zip(voiced, voiced[1:])),
                 in_speakers_voice(mirror)]
    # Each part's share in the whole: how much closer the mirror is to all the speaker said
    # than to all of it but that part. A paraphrase too loose to be near a part on its own
    # still leans towards it; a mirror that left the part out is nearer without it.
    rests = [" ".join(p for j, p in enumerate(spoken) if j != i) for i in range(len(spoken))]
    rows = load_contextual().embed([*spoken, *stretches, " ".join(spoken), *rests])
    sims = rows[len(spoken):len(spoken) + len(stretches)] @ rows[:len(spoken)].T  # stretch x part
    whole_mirror = rows[len(spoken) + len(stretches) - 1]
    whole_said = float(whole_mirror @ rows[len(spoken) + len(stretches)])
    rest_rows = rows[len(spoken) + len(stretches) + 1:]
    feeling_only = [_only_feeling(s) for s in stretches]
    closeness, aligned, leaning = [], [], []
    for i, part in enumerate(spoken):
        fair = [float(sims[k, i]) for k in range(len(stretches))
                if not feeling_only[k] or _only_feeling(part)]
        closeness.append(max(fair, default=0.0))
        aligned.append(clauses[int(np.argmax(sims[:len(clauses), i]))])
        leaning.append(whole_said - float(whole_mirror @ rest_rows[i]) if len(spoken) > 1
                       else 0.0)
    return closeness, aligned, leaning


# What a listener adds when they answer instead of mirroring: blame, contempt, defence
# (the "four horsemen" a couples therapist listens for), in the listener's voice. A mirror
# clause close to one of these, and far from all the speaker said, is the listener's own.
BLAME = ("you're overreacting", "you're being dramatic", "that's your problem, not mine",
         "it's your own fault", "you're exaggerating as usual", "I did nothing wrong",
         "you do exactly the same thing", "you're impossible to please", "you always complain",
         "you need to get over it", "you're being unreasonable", "that's just how you are",
         "which is ridiculous", "but I'm right about that", "you're just as bad",
         "you're making a big deal out of nothing", "I already do more than my share",
         "you're too sensitive", "you're insecure", "you're being paranoid",
         "you can't take a joke", "it was only a joke", "you're too needy",
         "you're being childish", "you should be grateful", "someone has to say it",
         "which is true", "and they're right", "you're jealous for no reason",
         "you bring it on yourself", "you're never satisfied")
BLAME_CLOSE = 0.5  # context-model similarity to a blame line
BLAME_OVER = 0.1  # ... or this much nearer a blame line than to anything the speaker said
# A later clause of the mirror in which the listener speaks for themselves ("but I'm always
# tired after work") or passes a sweeping judgement ("you never go out") is a defence.
_DEFENCE = re.compile(r"^(?:honestly |well |anyway )?(?:i'm|i am|i was|i only|i just|i had|"
                      r"i already|i do|i did|i've)\b|\b(?:you never|you always|you're always|"
                      r"anyway|what happens when|your own fault|it's not like i|"
                      # the listener's reasons ("it's not like I want to", "I wasn't going to
                      # lie to her"): an excuse, not what the speaker said
                      r"i wasn't going to|what was i (?:supposed|meant) to)\b", re.IGNORECASE)
ADDED_FAR = 0.45  # a mirror clause no closer than this to any of the speaker's parts is added


@cache
def _blame_rows() -> np.ndarray:
    return load_contextual().embed(list(BLAME))


def _pieces(text: str) -> list[str]:
    """Clauses as said, small ones too ("but someone has to say it"), joining words dropped."""
    found = [re.sub(r"^(?:and|but|because|so|since|though|although|that)\s+", "", piece.strip(),
                    flags=re.IGNORECASE) for piece in _SPLIT.split(text.strip())]
    # (a joining word left alone between two splits, "the bins and | because ...", is no clause)
    return [piece for piece in found if words(piece) and not set(words(piece)) <= _JOINERS]


def added_blame(speaker: str, mirror: str) -> list[str]:
    """The mirror's clauses that blame or answer back instead of saying back: far from all the
    speaker said and near a blame line, or nearer a blame line than to anything said."""
    clauses = _pieces(mirror) or [mirror]
    spoken = [*parts(speaker), speaker]
    model = load_contextual()
    rows = model.embed([*clauses, *(in_speakers_voice(c) for c in clauses), *spoken])
    plain, voiced, said = (rows[:len(clauses)], rows[len(clauses):2 * len(clauses)],
                           rows[2 * len(clauses):])
    blame = (plain @ _blame_rows().T).max(axis=1)
    near = (voiced @ said.T).max(axis=1)
    added = [c for k, (c, b, n) in enumerate(zip(clauses, blame, near))
             if (b >= BLAME_CLOSE and (n < ADDED_FAR or b >= n + BLAME_OVER)
                 and not _feeling_said_back(c, speaker) and not _words_said_back(c, speaker))
             or (n < ADDED_FAR and k > 0 and _DEFENCE.search(c)
                 and not _words_said_back(c, speaker) and not _sweep_said_back(c, speaker))]
    return added or _answered_back(speaker, mirror)


# The listener's own side after a "but" ("..., but I plan plenty of things"), or "you do it
# too": an answer, not a mirror.
_ANSWER_BACK = re.compile(
    r"\b(?:but|though|although|yet)\s+(?P<own>(?:i|i'm|i've|i'd|i was|i am|my|me)\b[^,.;!?]*)|"
    r"\b(?:but|though|although|yet)\s+(?P<too>(?:you|you're|you are|you do|you did)\b[^,.;!?]*"
    r"\b(?:too|as well|either|all the time)\b)", re.IGNORECASE)
OWN_SAID_BACK = 0.6  # the listener's "but I ..." this close to the speaker's words says them back
OWN_PART_SAID_BACK = 0.75  # ... or this close to one of their parts ("but me going through the
# statement makes you feel like a kid": the speaker's complaint, told back in the listener's voice)


def _sweep_said_back(clause: str, speaker: str) -> bool:
    """The clause's sweeping word ("never", "always") is the speaker's own ("you never really
    get to say your piece" for "I never got to say the thing"): said back, not a judgement."""
    sweeps = set(words(clause)) & {"never", "always"}
    return bool(sweeps) and sweeps <= set(words(speaker))


# "you feel you have to tiptoe": the speaker's feeling of being obliged, told back, not advice.
_REPORTED = re.compile(r"\b(?:feel|feels|felt|feeling|think|thinks|like)\s+(?:that\s+)?$",
                       re.IGNORECASE)


def _answered_back(speaker: str, mirror: str) -> list[str]:
    """The listener's own side added after a "but", or advice ("you should ..."), that the
    speaker did not say."""
    found = []
    for match in _ANSWER_BACK.finditer(mirror):
        if match["too"]:
            found.append(match["too"])
            continue
        # (near the whole, or very near one part: a long speaker's words dilute the whole)
        rows = load_contextual().embed([in_speakers_voice(match["own"]), speaker,
                                        *parts(speaker)])
        if (float(rows[1] @ rows[0]) < OWN_SAID_BACK
                and float((rows[2:] @ rows[0]).max(initial=0.0)) < OWN_PART_SAID_BACK):
            found.append(match["own"])
    advice = ADVICE.search(mirror)
    if advice and _REPORTED.search(mirror[:advice.start()]):
        advice = None
    if advice and in_speakers_voice(advice.group(0)).lower() not in speaker.lower():
        found.append(next((c for c in _pieces(mirror) if advice.group(0).lower() in c.lower()),
                          mirror))
    return found


_AUXILIARIES = {"be", "been", "being", "am", "is", "are", "was", "were", "have", "has", "had",
                "do", "does", "did"}


def _words_said_back(clause: str, speaker: str) -> bool:
    """Every word of the clause but its persons and auxiliaries is the speaker's ("I've been
    doing everything" for "you do everything for me"): the listener says the speaker's own
    words about them, not a defence."""
    said = [w for w in words(clause) if w not in _PERSON and w not in _AUXILIARIES]
    spoken = {key_of(w) for w in words(speaker)} | set(words(speaker))
    # (a verb said in another form: "doing" for "do", "cooked" for "cook")
    return bool(said) and all({w, key_of(w), re.sub(r"(?:ing|ed|s)$", "", w)} & spoken
                              for w in said)


def _feeling_said_back(clause: str, speaker: str) -> bool:
    """The clause only uses the speaker's own words or feelings of the families they named
    ("you're nervous" for "I'm nervous about ...", "you need time" for "I need some quiet
    time"): said back, however close to "you're too sensitive" or "you need to get over it"."""
    said = content(clause)
    spoken = {key_of(w) for w in words(speaker)}
    return bool(said) and all(key_of(w) in spoken for w in said)


# A wish, said by the speaker ("I need you to ...", "I'd like us to ...", "I don't want ...")
# and heard by the listener ("you'd like me to ...", "you want ...").
_WISH_SAID = re.compile(r"\b(?:i|we)\s+(?:really\s+|just\s+)?(?:do not |don't |never )?(?:want|need|wish|"
                        r"would like|would love|hope|would rather|miss)\b|"
                        r"\bi'd (?:like|rather|love)\b|"
                        # a request is a wish too ("can we split the walks?", "please fill it")
                        r"\b(?:can|could|would|will) (?:you|we)\b|\bplease\b|\blet's\b|"
                        # ... and so is a sentence that asks outright ("just check with me
                        # first", "tell me before you book")
                        r"(?:^|[.!?]\s+)(?:just |so |then )?(?:tell|ask|check|give|try|stop|"
                        r"call|text|talk|say|take|put|remember|listen|let|help|come|show|"
                        r"don't|do not)\b", re.IGNORECASE)
_WISH_HEARD = re.compile(r"\byou\s+(?:really\s+|just\s+)?(?:do not |don't |never )?(?:want|need|wish|"
                         r"would like|would love|hope|would rather)\b|\byou'd (?:like|rather|love)\b",
                         re.IGNORECASE)
WISH_FAR = 0.3  # context-model similarity below which the wish heard is not the wish said


# Who the wish is for: "I need you to" (the partner), "I want us to" (both), "I want to" (the
# speaker); heard back as "you want me to", "you want us to", "you want to".
_WISH_FOR_SAID = re.compile(r"\b(?:i|we)\s+(?:really\s+|just\s+)?(?:want|need|would like|"
                            r"would love)\s+(you|us|to)\b|\bi'd (?:like|love) (you|us|to)\b|"
                            r"\bi wish (you|we)\b", re.IGNORECASE)
_WISH_FOR_HEARD = re.compile(r"\byou\s+(?:really\s+|just\s+)?(?:want|need|would like|"
                             r"would love)\s+(me|us|to)\b|\byou'd (?:like|love) (me|us|to)\b|"
                             r"\byou wish (i|we)\b", re.IGNORECASE)
_WISHED_FOR = {"you": "partner", "me": "partner", "i": "partner", "us": "both", "we": "both",
               "to": "self"}


# (said, heard): whose wish it was and whose the mirror makes it, when that takes it away.
_WISH_TAKEN_FROM = {("both", "self"), ("partner", "self"), ("self", "partner"),
                    ("both", "partner")}


# A wish that something stop is a wish against it ("you want me to stop bringing things up"
# denies "I want you to tell me when something's bothering you"; "please don't use that word"
# asks what "you want me to stop using it" hears).
_WISH_TO_STOP = re.compile(r"^\s*(?:(?:me|you|us|him|her|them|i|we|it|that|this)\s+)?(?:to\s+)?"
                           r"(?:just\s+)?(?:stop|quit|give up|end|drop|cut out|don't|do not|not|"
                           r"never)\b", re.IGNORECASE)


def _wish_denied(text: str, at: re.Match) -> bool:
    """The wish found at `at` is a wish against ("I don't want ...", "you want me to stop ...")."""
    return (bool(re.search(r"\b(?:not|don't|never)\b", text[at.start():at.end() + 5],
                           re.IGNORECASE))
            or bool(_WISH_TO_STOP.match(text[at.end():]))
            or bool(re.search(r"\b(?:stop|quit)\b", at.group(0), re.IGNORECASE)))


def _wished_for(pattern: re.Pattern, text: str) -> str | None:
    found = pattern.search(text)
    return _WISHED_FOR[next(g for g in found.groups() if g).lower()] if found else None


def wish_put_in_mouth(speaker: str, mirror: str) -> str | None:
    """The wish the mirror gives the speaker when it is not theirs: the speaker voiced no wish
    ("I feel pressured when you bring up a baby" -> "you want a baby right now"), a wish far
    from theirs, or theirs for someone else ("I want us to share it" -> "you want to plan the
    wedding on your own").
    Returns what the speaker did say, to set beside it (their wish, else their first words)."""
    heard = _WISH_HEARD.search(mirror)
    if heard is None:
        return None
    wishes = list(_WISH_SAID.finditer(speaker))
    spoken = parts(speaker) or [speaker]
    if not wishes:
        return spoken[0]
    for_heard = _wished_for(_WISH_FOR_HEARD, mirror)
    # The mirror may say back any of the wishes ("I don't need you to fix it, I just need you
    # to listen" -> "you want me to listen"): it is theirs when one of them fits.
    for said in wishes:
        # The same wish for someone else ("I need you to take one" -> "you want to do them
        # all"); a wish of one's own heard as one for both ("you'd like us to do that more")
        # is fair.
        other_one = (_wished_for(_WISH_FOR_SAID, speaker[said.start():]),
                     for_heard) in _WISH_TAKEN_FROM
        # A wish heard as its opposite ("I wish you'd tell me" -> "you don't want me to say it").
        denied = _wish_denied(speaker, said) != _wish_denied(mirror, heard)
        wished = speaker[said.start():]
        rows = load_contextual().embed([wished, in_speakers_voice(mirror[heard.start():]),
                                        in_speakers_voice(mirror)])
        if (max(float(rows[0] @ rows[1]), float(rows[0] @ rows[2])) >= WISH_FAR
                and not other_one and not denied):
            return None
    said = wishes[0]
    return next((p for p in spoken if _WISH_SAID.search(p)), speaker[said.start():])


# How listeners begin a mirror; not part of what they heard.
_MIRROR_LEAD = re.compile(
    r"^(?:(?:so|okay|ok|right|alright)[,.]? )*(?:what i (?:heard|hear)(?: you say(?:ing)?)?"
    r"(?: is| was)?|i (?:heard|hear) you say(?:ing)?|what you(?:'re| are) saying is|"
    r"you(?:'re| are) saying|you said|it sounds like|i think you said|"
    r"if i (?:heard|understood|understand|got) (?:you|that|it)(?: right| correctly)?|"
    r"let me (?:see if i (?:got|have|understand) (?:it|that|this)(?: right)?|check(?: i got it)?|"
    r"make sure i (?:got|understand) (?:it|that|you))|"
    r"i'm hearing|i am hearing|you're telling me|you are telling me|i hear that)"
    r"(?: that)?[,:.]?\s+", re.IGNORECASE)


def _by_rules(speaker: str, mirror: str, as_said: str = ""
              ) -> tuple[MirrorCheck, dict[str, float], list[float]]:
    """The rules' verdict, with the parts caught, missed and turned; what they found as
    numbers for the verdict model (VERDICT_FEATURES); and how near in meaning the mirror came
    to each of the speaker's parts. `mirror` has its lead-in dropped; `as_said` is the mirror
    as said."""
    spoken = parts(speaker)
    if not spoken or not words(mirror):
        return MirrorCheck("wrong", "empty", missed=spoken), {}, []
    if is_keyword_salad(mirror):
        return MirrorCheck("wrong", "keywords", missed=spoken), {}, []
    mirror_words = content(mirror) + (["enjoy"] if _LIKES.search(mirror) else [])
    # ("like" is a stop word; as a plain verb, "you really like that ...", it is a pleasure)
    added = added_blame(speaker, mirror)
    caught, missed, turned, turns = [], [], [], set()
    felt = False  # a missed part whose feeling the mirror still named
    closeness, aligned, leaning = _meaning(spoken, mirror)
    evened = _negations(" ".join(spoken)) == _negations(mirror)
    shares = []
    for part, close, clause, lean in zip(spoken, closeness, aligned, leaning):
        wanted = content(part)
        pairs = [(w, m) for w in wanted if (m := _match(w, mirror_words))]
        share = len(pairs) / len(wanted) if wanted else 1.0
        shares.append(share)
        # (a speaker's single part has no share to lean on: it is the whole)
        leans = len(spoken) > 1 and lean >= PART_LEANS and close >= PART_NEAR
        kept = (share >= PART_KEPT or close >= PART_CLOSE or leans) and lean > PART_LEFT_OUT
        turn = _reverses(part, clause, mirror, evened, pairs, kept)
        if turn:
            turned.append(part)
            turns.add(turn)
        elif kept:
            caught.append(part)
        else:
            missed.append(part)
            if any(w in _FEELING_WORDS for w, _ in pairs):
                felt = True  # the feeling came through, the rest did not: a start
    score = len(caught) / len(spoken)
    overall = not turned and bool(caught) and turned_overall(speaker, mirror)
    wish = wish_put_in_mouth(speaker, mirror)
    said_words = content(speaker)
    heard = content(mirror)
    own = {key_of(w) for w in words(speaker)} | set(words(speaker))
    feelings_said = {key_of(w) for w in words(speaker) if w in _FEELING_WORDS}
    signals = {
        "close_mean": float(np.mean(closeness)),
        "words_kept": float(np.mean(shares)),
        "words_new": (sum(key_of(w) not in own and not _match(w, said_words) for w in heard)
                      / len(heard) if heard else 0.0),
        "length": float(np.log(len(words(mirror)) / len(words(speaker)))),
        "parts_kept": score,
        "feeling_named": float(bool(feelings_said & {key_of(w) for w in words(mirror)
                                                     if w in _FEELING_WORDS})),
        "turned_overall": float(overall),
        "opposite": float(bool(turns & {"opposite", "dismissed"})),
        "negation_moved": float("negation" in turns),
        "blame": float(bool(added)),
        "blame_near": _blame_nearness(mirror),
        "wish_not_theirs": float(wish is not None),
        "listener_only": float(not re.search(r"\byou", mirror, re.IGNORECASE)),
        "close_min": float(np.min(closeness)),
        **_contrasts(speaker, mirror, as_said or mirror),
    }
    if overall:
        turned = [spoken[0]]  # the mirror's whole sense runs against what was said
    if turned:
        check = MirrorCheck("wrong", "reversed", caught, missed, turned, added, score)
    elif added:
        check = MirrorCheck("wrong", "blame", caught, missed, turned, added, score)
    elif wish is not None:
        missed = [wish, *(p for p in missed if p != wish)]
        check = MirrorCheck("wrong", "off", [p for p in caught if p != wish], missed, turned,
                            added, score)
    elif not caught and not felt:
        check = MirrorCheck("wrong", "off", caught, missed, turned, added, score)
    elif missed:
        check = MirrorCheck("partial", "missed", caught, missed, turned, added, score)
    else:
        check = MirrorCheck("good", "kept", caught, missed, turned, added, score)
    return check, signals, closeness


# Who does what: a pronoun and the word after it ("i do", "you'd like", "my family").
_PERSON = {"i": "i", "i'm": "i", "i've": "i", "i'd": "i", "i'll": "i", "me": "i", "my": "i",
           "myself": "i", "mine": "i", "you": "you", "you're": "you", "you've": "you",
           "you'd": "you", "you'll": "you", "your": "you", "yourself": "you", "yours": "you"}
# Words a mirror adds to make it sweeping ("all our savings", "go over them properly") or
# smaller ("a bit", "just", "no big deal") than what was said.
_SWEEPING = {"all", "always", "never", "every", "everything", "completely", "totally",
             "properly", "entirely", "whole", "ever", "nothing", "everyone", "forever"}
_SMALLER = {"bit", "little", "just", "only", "slightly", "minor", "fine", "whatever",
            "overreacting", "silly", "deal", "somewhat"}
# The listener heard a charge against themselves ("so you think i'm lazy", "you're saying my
# parents are the problem").
_HEARD_AS_CHARGE = re.compile(
    r"\byou(?:'re| are)?\s+(?:just\s+|really\s+)?(?:think|thinks|saying|say|said|mean|meant|"
    r"blame|blaming|calling|reckon)\s+(?:that\s+)?(?:i|i'm|i am|my|me)\b", re.IGNORECASE)
# The listener fixes, excuses or answers instead of saying back ("have you thought about ...",
# "we'll just cut up the card", "well someone has to ...", "i only look because ...").
_FIXING = re.compile(
    r"\b(?:have you (?:tried|thought|considered)|why don't (?:you|we)|how about|"
    r"(?:we|i)(?:'ll| will) just|let's just|that's sorted|problem solved|"
    r"maybe (?:you|we) (?:could|should|need)|you (?:should|could|need to|have to)|"
    r"just (?:tell|ignore|stop|get over|relax|calm)|someone has to|it's not like i|"
    r"i only\b|i'd \w+ if you|if you didn't|if you'd|it's not my fault|at least i)",
    re.IGNORECASE)
# A request or wish in the speaker's words, and one heard in the mirror.
_REQUEST_SAID = re.compile(
    r"\b(?:can|could|would|will) (?:you|we)\b|\bplease\b|\bi(?:'d| would) (?:like|love|"
    r"rather|prefer)\b|\b(?:i|we) (?:really |just )?(?:need|want|wish|hope)\b|"
    r"\blet's\b|\bnext time\b", re.IGNORECASE)
_REQUEST_HEARD = re.compile(
    r"\byou(?:'d| would) (?:like|love|rather|prefer)\b|\byou (?:really |just )?(?:need|want|"
    r"wish|hope|are asking|'re asking)\b|\byou're asking\b|\b(?:would|could) help\b|"
    r"\basking (?:me|us)\b", re.IGNORECASE)


# Subjects: who does what ("i do all the cooking", "you raised your voice").
_SUBJECT_PERSON = {"i": "i", "i'm": "i", "i've": "i", "i'd": "i", "i'll": "i", "you": "you",
                   "you're": "you", "you've": "you", "you'd": "you", "you'll": "you"}
# Words between a subject and its verb that do not change who acts.
_BEFORE_VERB = {"just", "really", "always", "never", "still", "even", "also", "actually",
                "often", "sometimes", "to", "don't", "didn't", "doesn't", "can't", "won't",
                "not", "can", "could", "would", "will", "should", "might", "usually"}


def _doers(text: str) -> dict[str, str]:
    """Who does each verb: the subject pronoun just before it ("i do all the cooking" ->
    do: i; "i'd like you to take over" -> like: i, take: you)."""
    said = words(text)
    found: dict[str, str] = {}
    for k, word in enumerate(said):
        person = _SUBJECT_PERSON.get(word)
        if person is None:
            continue
        verb = next((w for w in said[k + 1:k + 4] if w not in _BEFORE_VERB), None)
        if verb and verb not in _SUBJECT_PERSON and verb not in _PERSON:
            found.setdefault(key_of(verb), person)
    return found


# A mirror that opens with the listener's own side ("i don't sigh", "well you do nag", "just
# get rid of it") answers instead of saying back.
_LISTENER_FIRST = re.compile(r"^(?:(?:so|ok|okay|um|uh)[, ]+)*(?:well\b|just\b|i\b|i'm\b|"
                             r"i've\b|i'd\b|i'll\b|my\b|who\b|why\b|how\b|what\b)",
                             re.IGNORECASE)
# The listener, in the mirror, and the listener, in the speaker's words.
_LISTENER_WORDS = {"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"}
_PARTNER_WORDS = {"you", "your", "yours", "yourself", "you're", "you've", "you'd", "you'll"}


def _part_turned(speaker: str, mirror: str) -> float:
    """1 when a part of the speaker's words with one kind of feeling is said back, by the
    mirror clause nearest it in meaning, with only the other kind ("i love your family, but a
    week drains me" -> "so you don't like my family")."""
    spoken, clauses = parts(speaker), parts(mirror) or [mirror]
    if not spoken:
        return 0.0
    rows = load_contextual().embed([*spoken, *(in_speakers_voice(c) for c in clauses)])
    near = rows[len(spoken):] @ rows[:len(spoken)].T  # clause x part
    for i, part in enumerate(spoken):
        k = int(np.argmax(near[:, i]))
        said, heard = _valence(part), _valence(clauses[k])
        if (len(said) == 1 and len(heard) == 1 and said != heard
                and near[k, i] >= SAME_MATTER and not _said_elsewhere(part, clauses[k], mirror)):
            return 1.0
    return 0.0


_FIRST_PERSON = {"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"}


def _first_person_echo(speaker: str, mirror: str) -> float:
    """1 when three words of the speaker's with "I", "me" or "my" in them come back unchanged
    ("I want us to spend christmas with my family" -> "so you want to spend christmas with my
    family"; "so I feel ignored by you"): parroted without turning the voice, they now speak
    of the listener."""
    said, heard = words(speaker), " ".join(words(mirror))
    return float(any(set(said[k:k + 3]) & _FIRST_PERSON and f" {' '.join(said[k:k + 3])} "
                     in f" {heard} " for k in range(len(said) - 2)))


_FAMILY = {word: name for name, family in FEELINGS.items() for word in family}
_FEELING_LINKS = {"feel", "feels", "felt", "is", "am", "are", "was", "were", "get", "gets",
                  "got", "been", "seem", "seems"}
_ADVERBS = {"really", "so", "very", "a", "bit", "quite", "pretty", "too", "little", "always",
            "just", "still", "kind", "sort", "of", "more", "all"}
_BE_SUBJECT = {"i'm": "i", "i've": "i", "you're": "you", "you've": "you", "we're": "we",
               "they're": "other", "she's": "other", "he's": "other"}
# Feelings said as verbs, after their owner ("you hate", "i dread").
_FEELING_VERBS = {"hate", "hates", "love", "loves", "regret", "regrets", "resent", "resents",
                  "dread", "dreads", "fear", "fears", "enjoy", "enjoys", "adore", "adores",
                  "envy", "miss", "misses", "worry", "worries", "appreciate", "appreciates"}
_OTHERS = {"he": "other", "she": "other", "they": "other", "i": "i", "you": "you", "we": "we"}


def _feeling_owners(text: str) -> list[tuple[str, str]]:
    """(feeling family, whose) for each feeling said with its owner: "i", "you", "we" or
    "other" ("my sisters feel overlooked": other)."""
    found, said = [], words(text)
    for k, word in enumerate(said):
        if word not in _FAMILY or word.endswith("ing"):
            continue
        j = k - 1
        while j >= 0 and said[j] in _ADVERBS:
            j -= 1
        if j >= 0 and said[j] in _BE_SUBJECT:
            owner = _BE_SUBJECT[said[j]]
        elif j >= 0 and word in _FEELING_VERBS and said[j] in _OTHERS:
            owner = _OTHERS[said[j]]  # "you hate christmas", "they resent me"
        elif j >= 1 and said[j] in _FEELING_LINKS:
            j -= 1
            while j >= 0 and said[j] in _ADVERBS:
                j -= 1
            owner = _OTHERS.get(said[j]) if j >= 0 else None
            if owner is None and j >= 1 and said[j - 1] in ("my", "your", "his", "her",
                                                            "their", "our"):
                owner = "other"  # "my sisters feel overlooked"
        else:
            continue
        if owner:
            found.append((_FAMILY[word], owner))
    return found


def _feeling_misowned(speaker: str, mirror: str) -> float:
    """1 when the speaker's own feeling comes back as someone else's: "so I feel ignored by
    you", "my sisters feel overlooked", "my colleague is jealous of you" for "I feel ignored",
    "I feel overlooked", "I'm jealous" (in a mirror the speaker is "you"; a feeling the
    speaker gave the partner, "when you're upset", is the listener's to say as "I'm upset")."""
    said = _feeling_owners(speaker)
    own = {family for family, owner in said if owner == "i"}
    others = {family for family, owner in said if owner != "i"}
    return float(any(family in own - others and owner in ("i", "other")
                     for family, owner in _feeling_owners(mirror)))


_DENIALS = {"not", "no", "never", "nothing", "hardly", "barely", "isn't", "aren't", "wasn't",
            "don't", "doesn't", "didn't", "can't", "won't", "couldn't", "wouldn't", "haven't",
            "without", "nobody"}
# Verbs that take a denial themselves ("I don't want to lend it" denies the wanting, "you don't
# mind if I'm late" the minding); they end its reach. Wanting counts as a word said. (Liking
# passes it on: "you don't like my cooking" denies the cooking too.)
_DENIAL_TAKERS = {"want", "wants", "wanted", "need", "needs", "needed", "know", "knew", "think",
                  "say", "said", "mind", "care"}
_SAID_TAKERS = {"want", "wants", "wanted"}
_PLAIN_VERB_AFTER = {"i", "you", "we", "they", "don't", "doesn't", "didn't", "not", "really",
                     "actually", "just", "still", "never", "do", "does"}
DENIAL_REACH = 6  # words after a negation that it can deny


def _denied_words(text: str) -> tuple[set[str], set[str]]:
    """(stems said, stems denied: the first word of substance after a negation, in its clause
    and within DENIAL_REACH words; "no one" and "without" deny too)."""
    stems, denied = set(), set()
    for clause in _SPLIT.split(text):
        said = [w for w in words(clause) if w != "one"]
        reach = 0  # words a negation may still deny
        for k, word in enumerate(said):
            if word in _DENIALS:
                reach = DENIAL_REACH
                continue
            if word in _DENIAL_TAKERS:
                if word in _SAID_TAKERS and k and said[k - 1] in _PLAIN_VERB_AFTER:
                    stems.add(key_of(word))  # "you like", "I don't want": a plain verb
                    if reach:
                        denied.add(key_of(word))
                reach = 0
            elif word not in STOPWORDS:
                stems.add(key_of(word))
                if reach:
                    denied.add(key_of(word))
                reach = 0
            else:
                reach = max(0, reach - 1)
    return stems, denied


def _word_denied(speaker: str, mirror: str) -> float:
    """1 when a word both say is denied on one side only: "I don't sigh" for "when you sigh",
    "you're not useless" for "I feel useless", "you're ignoring me" for "I'm not ignoring
    you": the mirror contradicts what was said."""
    said, said_denied = _denied_words(speaker)
    heard, heard_denied = _denied_words(mirror)
    shared = said & heard
    return float(bool((said_denied ^ heard_denied) & shared))


def _wish_for_complaint(speaker: str, mirror: str) -> float:
    """How much nearer in meaning the wish heard ("you want me to text you more") is to what the
    speaker complained of ("you text me every hour") than to what they asked for ("I need more
    space"): a listener who hears a request for the very thing that hurt has turned it round.
    0 when the mirror hears no wish, a wish against ("you don't want me to ..."), or the
    speaker said only a wish or none."""
    heard = _WISH_HEARD.search(mirror)
    if heard is None or _wish_denied(mirror, heard):
        return 0.0
    spoken = parts(speaker) or [speaker]
    wishes = [p for p in spoken if _WISH_SAID.search(p)]
    others = [p for p in spoken if not _WISH_SAID.search(p)]
    if not wishes or not others:
        return 0.0
    wished = (_pieces(mirror[heard.start():]) or [mirror[heard.start():]])[0]
    rows = load_contextual().embed([in_speakers_voice(wished), *wishes, *others])
    near = rows[1:] @ rows[0]
    return float(near[len(wishes):].max() - near[:len(wishes)].max())


def _fragments(mirror: str) -> float:
    """The share of the mirror's comma-separated pieces that are a word or two ("so, your day,
    mm-hm, a question, anything"): a list of the speaker's words, not a sentence."""
    pieces = [p for p in re.split(r"[,;.!?]", mirror) if words(p)]
    if len(pieces) < 3:
        return 0.0
    return sum(len(words(p)) <= 2 for p in pieces) / len(pieces)


def _contrasts(speaker: str, mirror: str, as_said: str) -> dict[str, float]:
    """Numbers that tell a faithful mirror from one that turns roles, sweeps, shrinks or
    answers back: how near the whole mirror is in the speaker's voice and how much nearer
    than as said (a mirror that keeps "I" for the speaker has turned who did what); who does
    what, said back with the same person or the other; words added that sweep or shrink; a
    charge heard against the listener; a request said and not heard back; how much of the
    mirror is small words (a list of words has few); a fix, an excuse or the listener's own side
    offered. `as_said`: the mirror with its lead-in
    ("so you're saying ...")."""
    voiced = in_speakers_voice(mirror)
    rows = load_contextual().embed([speaker, voiced, mirror])
    whole = float(rows[0] @ rows[1])
    said_owners, heard_owners = _doers(speaker), _doers(voiced)
    shared = [w for w in said_owners if w in heard_owners]
    same = sum(said_owners[w] == heard_owners[w] for w in shared)
    swapped = len(shared) - same
    spoken_words, heard_words = set(words(speaker)), words(mirror)
    return {
        "whole_close": whole,
        "voice_gain": whole - float(rows[0] @ rows[2]),
        "roles_kept": same / (len(said_owners) or 1),
        "roles_swapped": swapped / (len(shared) or 1),
        "sweeping_added": float(bool(set(heard_words) & _SWEEPING - spoken_words)),
        "smaller_added": float(bool(set(heard_words) & _SMALLER - spoken_words)),
        "charge_heard": float(bool(_HEARD_AS_CHARGE.search(as_said))
                              and not _HEARD_AS_CHARGE.search(in_speakers_voice(speaker))),
        "request_missed": float(bool(_REQUEST_SAID.search(speaker))
                                and not _REQUEST_HEARD.search(mirror)),
        "request_added": float(not _REQUEST_SAID.search(speaker)
                               and bool(_REQUEST_HEARD.search(mirror))),
        "part_turned": _part_turned(speaker, mirror),
        "listener_first": float(bool(_LISTENER_FIRST.match(mirror))),
        "listener_inserted": float(bool(set(words(mirror)) & _LISTENER_WORDS)
                                   and not set(words(speaker)) & _PARTNER_WORDS),
        "fixing": float(bool(_FIXING.search(as_said)) and not _FIXING.search(speaker)),
        "fragments": _fragments(as_said),
        "first_person_echo": _first_person_echo(speaker, mirror),
        "feeling_misowned": _feeling_misowned(speaker, mirror),
        "word_denied": _word_denied(speaker, mirror),
        "wish_for_complaint": _wish_for_complaint(speaker, mirror),
        "small_words": (sum(w in STOPWORDS or w in _SENTENCE_WORDS for w in heard_words)
                        / (len(heard_words) or 1)),
    }


def _blame_nearness(mirror: str) -> float:
    """How close (context model) the mirror's nearest clause is to a blame line."""
    rows = load_contextual().embed(_pieces(mirror) or [mirror])
    return float((rows @ _blame_rows().T).max())


# The numbers the verdict model weighs, in its order (mirror_verdict.json). Each is general:
# how near in meaning each of the speaker's parts is to the mirror (the mean of the best
# stretch per part); the share of the speaker's content words said back and of the mirror's words
# that are new; the mirror's length against the speaker's; the share of parts the rules kept;
# whether the speaker's feeling is named; a feeling turned overall, a part answered with its
# opposite or dismissed, a negation added or dropped; blame or a defence added and how near the
# nearest blame line is; a wish that is not theirs; a mirror that never says "you".
VERDICT_FEATURES = ("close_mean", "words_kept", "words_new", "length", "parts_kept",
                    "feeling_named", "turned_overall", "opposite", "negation_moved", "blame",
                    "blame_near", "wish_not_theirs", "listener_only",
                    # the contrasts (_contrasts): how near the weakest part, the whole, and
                    # the whole in the speaker's voice against as said; who does what; words
                    # that sweep or shrink; a charge heard; a request missed or put in the
                    # speaker's mouth; a fix or the listener's own side; a list of fragments;
                    # a part's feeling turned; the listener speaking first or of themselves
                    "close_min", "whole_close", "voice_gain", "roles_kept", "roles_swapped",
                    "sweeping_added", "smaller_added", "charge_heard", "request_missed",
                    "request_added", "small_words", "fixing", "fragments", "part_turned",
                    "listener_first", "listener_inserted",
                    # the speaker's "I" or "my" parroted unturned; the speaker's feeling said
                    # as the listener's or a third person's; a word of theirs denied, or a
                    # denial of theirs dropped
                    "first_person_echo", "feeling_misowned", "word_denied",
                    # how much nearer the wish heard is to the speaker's complaint than to
                    # their wish
                    "wish_for_complaint")
VERDICT_MODEL = Path(__file__).with_name("mirror_verdict.json")
VERDICTS: tuple[Verdict, ...] = ("good", "partial", "wrong")


@dataclass(frozen=True)
class VerdictModel:
    """Softmax regression over the standardised VERDICT_FEATURES (trained by
    tests/agreement.py --train on the labelled pairs)."""

    mean: np.ndarray
    scale: np.ndarray
    model: Softmax

    def probabilities(self, signals: dict[str, float]) -> np.ndarray:
        row = np.array([[signals[name] for name in VERDICT_FEATURES]], dtype=np.float32)
        return self.model.probabilities((row - self.mean) / self.scale)[0]

    def to_json(self) -> str:
        return json.dumps({"features": list(VERDICT_FEATURES), "classes": list(VERDICTS),
                           "mean": self.mean.round(6).tolist(),
                           "scale": self.scale.round(6).tolist(),
                           "weights": self.model.weights.round(6).tolist(),
                           "bias": self.model.bias.round(6).tolist()}, indent=1) + "\n"


@cache
def verdict_model() -> VerdictModel | None:
    """The trained verdict model, or None when its file is absent or made for other features
    (the rules' verdict stands then)."""
    try:
        saved = json.loads(VERDICT_MODEL.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if saved.get("features") != list(VERDICT_FEATURES):
        return None
    as_array = lambda key: np.array(saved[key], dtype=np.float32)  # noqa: E731
    return VerdictModel(as_array("mean"), as_array("scale"),
                        Softmax(as_array("weights"), as_array("bias")))


def mirror_signals(speaker: str, mirror: str) -> dict[str, float]:
    """The verdict model's inputs for one pair ({} for an empty mirror or keyword salad)."""
    return _by_rules(speaker, _MIRROR_LEAD.sub("", mirror.strip()), mirror)[1]


def compare_mirror(speaker: str, mirror: str) -> MirrorCheck:
    """Compare the listener's mirror with what the speaker said, by meaning: the rules find
    what was caught, missed, turned or added, the verdict model weighs what they found, and
    the parts named follow its verdict."""
    check, signals, closeness = _by_rules(speaker, _MIRROR_LEAD.sub("", mirror.strip()), mirror)
    model = verdict_model()
    # Blame or a defence the rules found added stays wrong: the model, weighing it among many
    # numbers, would let a faithful start excuse it (cross-validated: +0.3 points). So does a
    # feeling turned by a negating prefix ("respected" / "disrespected": all 4 such labelled
    # pairs are wrong; the model, seeing a mirror close in words, can call it good).
    if not signals or model is None or signals["blame"] or _turned_by_prefix(check, mirror):
        return check
    return following(check, VERDICTS[int(np.argmax(model.probabilities(signals)))],
                     parts(speaker), closeness)


def _turned_by_prefix(check: MirrorCheck, mirror: str) -> bool:
    return check.reason == "reversed" and any(
        _prefixed_opposite(part, mirror) and not _negation_as_prefix(part, mirror)
        for part in check.reversed)


def following(check: MirrorCheck, verdict: Verdict, spoken: list[str],
              closeness: list[float]) -> MirrorCheck:
    """The rules' check told with the model's verdict: a part the rules thought turned or
    missed is missed in a partial mirror; a wrong mirror the rules saw no fault in is off the
    point, and the feedback says again what was said, from the start."""
    if verdict == check.verdict:
        return check
    if verdict == "good":
        return MirrorCheck("good", "kept", list(spoken), score=check.score)
    if verdict == "partial":
        missed = [p for p in spoken if p in check.missed or p in check.reversed]
        if not missed:  # the rules kept every part: the one said back least is missed
            missed = [spoken[int(np.argmin(closeness))]]
        return MirrorCheck("partial", "missed", [p for p in spoken if p not in missed], missed,
                           score=check.score)
    # (the speaker's words from the start, so the listener hears the whole of it again)
    return MirrorCheck("wrong", "off", [], list(spoken), score=check.score)


def sounds_like_advice(text: str) -> bool:
    """The listener is suggesting what to do instead of saying back what they heard."""
    return bool(ADVICE.search(text))
