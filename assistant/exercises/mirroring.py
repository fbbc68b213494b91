"""How well a listener's mirror caught the speaker's words: content words, light stemming, a few
synonyms and fuzzy matching (rapidfuzz), all local. Used by the reflective listening exercise.
"""

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from assistant.exercises.answer_words import words

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
wouldn't yeah you you'd you'll you're you've your yours yourself yourselves heard hear um uh
okay ok feel feeling felt know knew maybe bit quite pretty still always never sometimes
nobody nothing anyone anything someone everyone everything everybody somebody one
mostly basically actually probably literally totally honestly anyway
""".split())  # noqa: SIM905 - a block of words is easier to edit than a list

# Words that end a missed phrase: they join separate thoughts.
BOUNDARIES = frozenset({"and", "but", "because", "since", "so", "or", "when", "while",
                        "though", "although", "if", "then", "as"})
MAX_PHRASE = 5  # words in one named missed phrase

# Words a listener may fairly use for the speaker's word: each group shares one key.
SYNONYM_GROUPS = (
    {"work", "job", "office", "workplace", "career"},
    {"boss", "manager", "supervisor"},
    {"tired", "exhausted", "drained", "worn", "weary", "sleepy"},
    {"sad", "down", "low", "unhappy", "blue"},
    {"angry", "mad", "furious", "annoyed", "irritated", "cross"},
    {"scared", "afraid", "frightened", "fear", "fearful"},
    {"worried", "anxious", "nervous", "stressed", "stress", "worry", "anxiety", "uneasy"},
    {"upset", "hurt", "wounded"},
    {"lonely", "alone", "isolated"},
    {"overwhelmed", "swamped", "buried", "overloaded"},
    {"mum", "mom", "mother"},
    {"dad", "father"},
    {"kids", "children", "child", "kid"},
    {"money", "finances", "bills", "cash"},
    {"house", "home", "flat", "apartment"},
    {"friend", "friends", "mate", "mates"},
    {"happy", "glad", "pleased", "joyful"},
    {"ignored", "unseen", "invisible", "overlooked", "unnoticed"},
    {"help", "support", "hand"},
    {"talk", "chat", "speak", "conversation"},
    {"time", "hours"},
    {"deadline", "due"},
    {"argument", "fight", "row", "argue", "arguing", "fighting", "argued", "fought"},
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
    return _SYNONYM_KEY.get(low) or _SYNONYM_KEY.get(stem(low)) or stem(low)


def content_words(text: str) -> list[str]:
    """The words that carry meaning, in order, as spoken."""
    return [w for w in words(text) if w not in STOPWORDS]


@dataclass(frozen=True)
class MirrorCheck:
    """What the mirror kept and what it left out."""

    caught: list[str]  # speaker's content words found in the mirror
    missed: list[str]  # phrases of the speaker's that the mirror left out, most important first
    score: float  # share of the speaker's content words caught, 0..1


def _caught(word: str, mirror_keys: set[str]) -> bool:
    key = key_of(word)
    if key in mirror_keys:
        return True
    return len(key) >= 4 and any(
        len(other) >= 4 and fuzz.ratio(key, other) >= FUZZY_MATCH for other in mirror_keys)


def compare_mirror(speaker: str, mirror: str) -> MirrorCheck:
    """Compare the listener's mirror with what the speaker said."""
    mirror_keys = {key_of(w) for w in content_words(mirror)}
    tokens = words(speaker)
    caught: list[str] = []
    spans: list[list[int]] = []  # missed phrases as [first, last] token indexes
    current: list[int] | None = None  # the missed phrase being built
    total = hits = 0
    seen: set[str] = set()
    for index, token in enumerate(tokens):
        if token in BOUNDARIES:
            current = None
            continue
        if token in STOPWORDS:
            continue
        key = key_of(token)
        first_time = key not in seen
        seen.add(key)
        total += first_time
        if _caught(token, mirror_keys):
            hits += first_time
            if first_time:
                caught.append(token)
            current = None
        elif current and index - current[1] <= 3 and index - current[0] < MAX_PHRASE:
            current[1] = index  # close enough: one phrase, small words in between kept
        elif first_time:
            current = [index, index]
            spans.append(current)
    # The same tokens as said, so names keep their capitals ("Leeds").
    as_said = re.findall(r"[a-z0-9']+", speaker.replace("’", "'"), flags=re.IGNORECASE)
    phrases = []
    for first, last in spans:
        first, last = _widen(tokens, first, last)
        phrases.append(" ".join(as_said[first:last + 1]))
    return MirrorCheck(caught=caught, missed=_rank(phrases),
                       score=hits / total if total else 1.0)


# A missed phrase reads better with its "my"/"the" before it and its "me"/"them" after it.
_LEADING = frozenset({"the", "my", "your", "his", "her", "their", "our", "a", "an", "this"})
_TRAILING = frozenset({"me", "him", "her", "them", "us", "you"})


def _widen(tokens: list[str], first: int, last: int) -> tuple[int, int]:
    if first > 0 and tokens[first - 1] in _LEADING:
        first -= 1
    if last + 1 < len(tokens) and tokens[last + 1] in _TRAILING:
        last += 1
    return first, last


def _rank(phrases: list[str]) -> list[str]:
    """Longer phrases first (they carry more), each once, keeping speaking order for ties."""
    unique = list(dict.fromkeys(phrases))
    return sorted(unique, key=lambda p: -len(p.split()))


def sounds_like_advice(text: str) -> bool:
    """The listener is suggesting what to do instead of saying back what they heard."""
    return bool(ADVICE.search(text))
