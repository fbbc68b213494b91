"""Reflections: what someone said, handed back so the meaning survives.

One module for every exercise and for progress. `retell` turns the speaker's words to whoever
hears them ("I need you to listen to me" said back to Sam: "you need Alex to listen to you"),
with the verbs agreeing ("you don't see me" -> "Alex doesn't see you"; lemminflect inflects).
`core` keeps a long answer's first clause or two. `unsure` spots what must not be read back as
a fact: sarcasm, typos (words no English dictionary knows: the CMU dictionary that ships with
PocketSphinx) and fillers; then `feeling_line` reflects the feeling instead of the words.
"""

import re
from functools import cache
from typing import Literal

from lemminflect import getAllLemmas, getInflection
from rapidfuzz import process

from assistant.understanding.answers import read_mood

Listener = Literal["speaker", "partner", "both"]  # who hears the reflection

MAX_WORDS = 16  # answers longer than this are summarised to their first clause or two
MIN_CLAUSE = 5  # a first clause shorter than this takes the next one along
MIN_PHRASE = 8  # a run-on clause is cut where a phrase begins, if that leaves this many words
# Where a phrase begins inside a run-on clause ("... last night | without checking your phone").
_PHRASE_STARTS = {"without", "with", "while", "because", "when", "and", "but", "so", "after",
                  "before", "until", "since", "although", "though", "which", "who", "where",
                  "then", "for", "about", "instead"}

_TOKENS = re.compile(r"[A-Za-z0-9']+(?:-[A-Za-z0-9']+)*|[^A-Za-z0-9']+")

# First person, as heard by the speaker themself (said back to them).
_TO_SPEAKER = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
               "i'm": "you're", "im": "you're", "i've": "you've", "ive": "you've",
               "i'd": "you'd", "i'll": "you'll"}
# "We" said by one of them is the couple: Hearth, which is not in it, says "you two".
_WE = {"we": "you two", "us": "you two", "our": "your", "ours": "yours", "ourselves": "yourselves",
       "we're": "you two are", "we've": "you two have", "we'd": "you two would",
       "we'll": "you two will"}
# Contractions of "you" and of "I" with the verb they hide, for a named subject.
_YOU_SHORT = {"you're": "is", "you've": "has", "you'd": "would", "you'll": "will"}
_I_SHORT = {"i'm": "is", "im": "is", "i've": "has", "ive": "has", "i'd": "would",
            "i'll": "will"}
# The verb after a third-person subject: the forms lemminflect cannot guess.
_THIRD = {"am": "is", "are": "is", "'re": "is", "were": "was", "was": "was", "have": "has",
          "do": "does", "don't": "doesn't", "dont": "doesn't", "haven't": "hasn't",
          "aren't": "isn't", "weren't": "wasn't", "am not": "is not"}
_MODALS = {"can", "can't", "could", "couldn't", "will", "won't", "would", "wouldn't", "should",
           "shouldn't", "might", "must", "may", "did", "didn't", "had", "hadn't"}
# After "I" said back as "you": only "be" changes ("I am" -> "you are", "I was" -> "you were").
_SECOND = {"am": "are", "was": "were", "wasn't": "weren't"}
# Words before a "you" that begins a clause: "how you handle", "feel like you don't".
_CLAUSE_START = {"and", "but", "that", "when", "how", "if", "because", "so", "while", "since",
                 "where", "why", "what", "then", "or", "as", "way", "until", "before", "after",
                 "whenever", "like", "cause", "though", "although", "once", "wish", "think",
                 "hope", "feel", "felt", "know", "guess", "mean", "means", "glad", "love"}

# Sarcasm: praise said of something unwelcome. Markers people use, not a model of irony.
_SARCASM = re.compile(
    r"^(oh|wow|gee|great|just great|oh great|oh sure|sure|yay|whoop)\b[ ,]*(great|joy|wonderful|"
    r"lovely|brilliant|fantastic|fun|i (just )?(love|appreciate|adore)|another)|"
    # "oh sure, another chore list, just what I need"; not "a cuddle is just what I need"
    r"(^|[,.!]|\b(oh|sure|great|wow|yeah)\b)[ ,]*just what (i|we) (need|needed|wanted)\b|"
    r"\byeah,? right\b|\bas if\b|\blove that for me\b|\bfavou?rite thing\b|\bthanks a lot\b|"
    r"\bthanks for nothing\b|\bwhat a surprise\b|\bbig surprise\b|\bhow fun\b|"
    r"\blike anything ever changes\b|\b(really|so|just) (lovely|great|wonderful|fun)[.!]*$|"
    r"/s\b|\bnot that anyone\b|\bwhat a miracle\b|\bmiracles do happen\b|\bgold star\b|"
    r"\bslow clap\b|\bthanks for finally\b|^(?:oh )?wow,? thanks\b|\bhow generous\b|"
    r"\bwell done you\b|\blook who finally\b",
    re.IGNORECASE)
_FILLER = re.compile(
    r"^(nothing|nothing (really|much|at all|special)|not (much|really|sure|a lot)|none|no|nah|"
    r"nah nothing|nope|whatever|i don't know|dunno|idk|same|same as (always|usual)|"
    r"the usual|n/?a|pass|skip|no idea|all good|it's fine|fine|nothing comes to mind|"
    r"thanks|thank you|thanks a lot|cheers|ta|ok|okay|cool|hi|hello|hey|yes|yeah|yep|yup|sure|"
    r"hmm+|um+|uh+|erm+|mm+|"
    r"(?:nothing|not much|nah|no)[,.]?\s+(?:i am|i'm|we are|we're|all)\s+"
    r"(?:ok|okay|fine|good|alright|set))[.!]*$",
    re.IGNORECASE)
_TRAILING_FILLER = re.compile(r"(?:[\s,.!]+(?:lol|haha+|lmao|xx+|x|tbh|i guess|or whatever|"
                              r"you know|honestly|to be honest|i think|i suppose|please|"
                              r"if possible|if that's ok(?:ay)?|probably))+[\s.!]*$",
                              re.IGNORECASE)
_LEADING_FILLER = re.compile(
    r"^((honestly|well|um+|uh+|so|like|basically|i mean|to be honest|ok|okay|hmm+|"
    r"you know|i guess|i think)[, ]+)+", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"\s*(?:[.;!?]+\s+|,\s+(?=and\b|but\b|so\b)|,\s+|\s+and then\s+|"
                           r"\s+(?=and (?:i|we|my|then|the|you|they)\b)|\s+(?=but\b))",
                           re.IGNORECASE)

# Feeling words (and close misspellings) for reflecting a feeling when the words are unsure.
FEELINGS = ("stressed", "worried", "anxious", "tired", "exhausted", "sad", "lonely", "angry",
            "frustrated", "hurt", "overwhelmed", "scared", "nervous", "upset", "annoyed",
            "fed up", "happy", "excited", "grateful", "calm", "relieved", "disappointed",
            "ignored", "unappreciated", "drained", "low", "down", "irritated", "jealous")
_SKIP_FEELING = {"low", "down"}  # common words that are feelings only sometimes


def _plain(word: str) -> str:
    return word.lower().replace("\u2019", "'")


def _is_word(token: str) -> bool:
    return bool(re.match(r"[A-Za-z0-9']", token))


def _third_person(verb: str) -> str:
    """The verb as it goes after "Alex": "handle" -> "handles", "don't" -> "doesn't"."""
    low = _plain(verb)
    if low in _THIRD:
        return _THIRD[low]
    if low in _MODALS:  # "can", "will": the same after any subject
        return verb
    lemmas = getAllLemmas(low)
    verb_lemmas = lemmas.get("VERB", ()) + lemmas.get("AUX", ())
    if low in verb_lemmas:  # the bare form ("handle"), not "made" or "listened"
        return (getInflection(low, "VBZ") or (low + "s",))[0]
    return verb


def _is_verbish(word: str | None) -> bool:
    """Whether a word can follow a subject: a verb, an auxiliary, a modal or an adverb."""
    if word is None:
        return False
    low = _plain(word)
    if low in _THIRD or low in _MODALS or low in _SECOND or low.endswith("n't"):
        return True
    lemmas = getAllLemmas(low)
    return bool({"VERB", "AUX", "ADV"} & set(lemmas))


_PREPOSITIONS = {"to", "for", "with", "at", "about", "of", "on", "from", "by", "into", "than",
                 "without", "around", "after", "before", "behind", "near", "towards"}


def _takes_object(word: str | None) -> bool:
    """Whether a "you" after this word is an object ("thank you", "with you"), not a subject."""
    if word is None or word in _CLAUSE_START:
        return False
    if word in _PREPOSITIONS:
        return True
    lemmas = getAllLemmas(word)
    return "VERB" in lemmas and "AUX" not in lemmas and "NOUN" not in lemmas


# The speaker, once named to their partner, may be "they" after that: "it makes Sam feel like
# they don't matter", not "... like Sam doesn't matter".
_THEY = {"i": "they", "me": "them", "myself": "themselves", "my": "their", "mine": "theirs",
         "i'm": "they're", "im": "they're", "i've": "they've", "ive": "they've",
         "i'd": "they'd", "i'll": "they'll"}


def _others_in(text: str) -> bool:
    """Whether the words speak of someone besides the two of them ("my boss", "she")."""
    said = {_plain(w) for w in re.findall(r"[A-Za-z']+", text)}
    return bool(said & (_PEOPLE | _HE | _SHE | _THEY_FORMS)
                or any(w.rstrip("s'") in _PEOPLE for w in said))


def retell(text: str, speaker: str, partner: str, listener: Listener = "speaker",
           then_they: bool = False) -> str:
    """The speaker's words as `listener` should hear them.

    speaker: said back to the speaker ("my" -> "your", "you" -> the partner's name).
    partner: told to the partner ("I" / "me" -> the speaker's name; "you" stays "you");
        `then_they`: after the first, the speaker is "they" (where no other third person is
        spoken of: listening feedback names one part of what the speaker said).
    both: told about them ("I" -> the speaker's name, "you" -> the partner's name).
    """
    tokens = _TOKENS.findall(text.strip())
    words = [(i, t) for i, t in enumerate(tokens) if _is_word(t)]
    out = list(tokens)
    conjugate_next = False  # the next verb follows a new third-person subject
    second_next = False  # the next verb follows "I" become "you" (or "they")
    speaker_named = False
    if then_they and _others_in(text):  # "my boss ignores me": "them" could be the boss
        then_they = False
    for n, (i, token) in enumerate(words):
        low = _plain(token)
        before = _plain(words[n - 1][1]) if n else None
        after = words[n + 1][1] if n + 1 < len(words) else None
        if conjugate_next or second_next:
            if _plain(token) in ("always", "never", "just", "really", "still", "often",
                                 "sometimes", "even", "also", "usually", "not"):
                continue  # an adverb: the verb is further on
            if conjugate_next:
                out[i] = _third_person(token)
            elif low in _SECOND:
                out[i] = _SECOND[low]
            conjugate_next = second_next = False
            continue
        you_is_partner = listener in ("speaker", "both")
        i_is_speaker_name = listener in ("partner", "both")
        if speaker_named and low in _THEY:
            out[i] = _THEY[low]
            second_next = low == "i"
        elif low in ("you", "ya", "u") and you_is_partner:
            out[i] = partner
            subject = _is_verbish(after) and not _takes_object(before)
            conjugate_next = subject
        elif low in _YOU_SHORT and you_is_partner:
            out[i] = f"{partner} {_YOU_SHORT[low]}"
        elif low in ("your", "yours") and you_is_partner:
            out[i] = f"{partner}'s"
        elif low == "yourself" and you_is_partner:
            out[i] = "themselves"  # reflexive: the partner is its subject ("to look after")
        elif low == "i" and i_is_speaker_name:
            out[i] = speaker
            conjugate_next = True
        elif low in _I_SHORT and i_is_speaker_name:
            out[i] = f"{speaker} {_I_SHORT[low]}"
        elif low in ("me", "myself") and i_is_speaker_name:
            out[i] = speaker
        elif low in ("my", "mine") and i_is_speaker_name:
            out[i] = f"{speaker}'s"
        elif low in _WE:
            out[i] = _WE[low]
        elif low in _TO_SPEAKER and listener == "speaker":
            out[i] = _TO_SPEAKER[low]
            second_next = low == "i"
        if then_they and listener == "partner" and out[i] != token and low in _THEY:
            speaker_named = True
    result = "".join(out).strip()
    return result.rstrip(".!?, ")


_OBJECTS = {"me", "us", "you", "him", "her", "them", "my", "our"}
SHORT_STATE = 2  # words: an answer this short may name a state ("busy", "a bit swamped")


_NOTHING_BUT = re.compile(r"^(?:nothing|not much|nothing much|not a lot)(?:\s+really)?[,.]?\s+"
                          r"(?:just\s+|only\s+)?", re.IGNORECASE)


def on_mind(text: str, speaker: str, partner: str) -> str:
    """What is on someone's mind, said back to them: "you mentioned the kids", but a state
    named in a word or two is said as one ("busy" -> "it's been busy", "swamped" -> "you're
    feeling swamped"), not "you mentioned busy"."""
    said = core(_NOTHING_BUT.sub("", text.strip()) or text)  # "nothing, just tired"
    words = [_plain(w) for w in re.findall(r"[A-Za-z']+", said)]
    if 0 < len(words) <= SHORT_STATE:
        lemmas = getAllLemmas(words[-1])
        if words[-1].endswith("ed") and "NOUN" not in lemmas:
            return f"you're feeling {said}"
        if "ADJ" in lemmas and "NOUN" not in lemmas:
            return f"it's been {said}"
    if 0 < len(words) <= SHORT_STATE + 1 and read_mood(said) is not None:
        # a mood said for what is on their mind ("mostly good", "fine", "not great")
        if words[0] == "not" and len(words) > 1:
            return f"things haven't been {' '.join(words[1:])}"
        return f"things have been {said}"
    return f"you mentioned {retell(said, speaker, partner)}"


def starts_with_verb(text: str) -> bool:
    """Whether words begin with a bare verb ("listen", "be patient", "help me"): a thing to
    do, not a thing to have ("a hug", "help with the kids")."""
    said = [_plain(w) for w in re.findall(r"[A-Za-z']+", text)]
    if not said:
        return False
    lemmas = getAllLemmas(said[0])
    is_verb = said[0] in lemmas.get("VERB", ()) + lemmas.get("AUX", ())
    followed_as_verb = len(said) > 1 and (said[1] in _OBJECTS or said[1].endswith("ing"))
    return is_verb and ("NOUN" not in lemmas or followed_as_verb)


_WHAT_IS_NEEDED = re.compile(
    r"^(?:(?P<thing>.+?),?\s+(?:is|would be|'d be|'s)\s+(?:just |exactly |really )?what (?:i|we)"
    r"(?:'d| would)? (?:need|needed|want|like|love)\b[.!]*$|what (?:i|we) (?:need|want|'d like)"
    r"(?: most| right now| tonight)? is (?P<after>.+))", re.IGNORECASE)


def core(text: str) -> str:
    """The heart of an answer: fillers dropped, a long answer cut to its first clause or two."""
    text = _LEADING_FILLER.sub("", text.strip()).strip()
    text = _TRAILING_FILLER.sub("", text).strip() or text
    # "a cuddle is just what I need", "what we need is a night out": the thing itself
    said = _WHAT_IS_NEEDED.match(text)
    text = (said.group("thing") or said.group("after")).strip() if said else text
    if len(text.split()) <= MAX_WORDS:
        return text.rstrip(".!?, ")
    clauses = [c for c in _CLAUSE_BREAK.split(text) if c and c.strip()]
    kept = clauses[0]
    if len(kept.split()) < MIN_CLAUSE and len(clauses) > 1:
        joiner = ", " if len(clauses[1].split()) > 2 else " "
        kept = f"{kept}{joiner}{clauses[1]}"
    words = kept.split()
    if len(words) > MAX_WORDS:  # one clause that runs on: keep its start, up to a phrase
        cut = next((n for n in range(MAX_WORDS, MIN_PHRASE - 1, -1)  # that begins a new one
                    if _plain(words[n]) in _PHRASE_STARTS), MAX_WORDS)
        kept = " ".join(words[:cut])
    return re.sub(r"\s+(and|but|so|or|then|with|to|the|a|of)$", "", kept.rstrip(".!?, "))


@cache
def _dictionary() -> frozenset[str]:
    """English words: the CMU pronouncing dictionary that ships inside the pocketsphinx wheel."""
    import pocketsphinx

    path = f"{pocketsphinx.get_model_path()}/en-us/cmudict-en-us.dict"
    with open(path, encoding="utf-8", errors="replace") as lines:
        return frozenset(line.split(" ", 1)[0].split("(", 1)[0] for line in lines)


_CHAT_WORDS = {"tbh", "lol", "idk", "omg", "btw", "imo", "ngl", "wfh", "ok", "okay", "yeah",
               "haha", "hahaha", "hehe", "lmao", "xx", "xxx", "ugh", "meh", "hmm", "tho"}


def misspelled(text: str, names: tuple[str, ...] = ()) -> list[str]:
    """Words that look mistyped: unknown to the dictionary (names and numbers excepted)."""
    known, found = _dictionary(), []
    named = {_plain(n) for n in names}
    for token in re.findall(r"[A-Za-z']+", text):
        low = _plain(token).strip("'")
        base = re.sub(r"'s$|s'$", "", low)
        if (len(low) < 3 or low in known or base in known or low in named or base in named
                or low in ("im", "ive", "dont", "cant", "wont", "didnt") or token[0].isupper()
                or getAllLemmas(low) or low in _CHAT_WORDS):
            continue  # known, a name, a word form lemminflect knows, or chat shorthand
        found.append(token)
    return found


def is_sarcastic(text: str) -> bool:
    """Said with an eye-roll: praise markers wrapped round something unwelcome."""
    return bool(_SARCASM.search(text.strip()))


def is_filler(text: str) -> bool:
    """Nothing to reflect ("nothing really", "whatever", "same")."""
    # ("nothing tbh", "not much lol", "um not sure": the words around it change nothing)
    said = _TRAILING_FILLER.sub("", text.strip()).rstrip(".!?")
    return bool(_FILLER.match(said) or _FILLER.match(_LEADING_FILLER.sub("", said)))


def unsure(text: str, names: tuple[str, ...] = ()) -> bool:
    """Whether the words should not be read back as facts: sarcasm, typos or a filler."""
    return is_sarcastic(text) or is_filler(text) or bool(misspelled(text, names))


def feeling_in(text: str) -> str | None:
    """A feeling named in the answer, read through typos ("stresed" -> "stressed")."""
    low = _plain(text)
    for feeling in FEELINGS:
        if re.search(rf"\b{feeling}\b", low) and feeling not in _SKIP_FEELING:
            return feeling
    for word in re.findall(r"[a-z]{5,}", low):
        found = process.extractOne(word, FEELINGS, score_cutoff=85)
        if found and found[0] not in _SKIP_FEELING:
            return found[0]
    return None


def feeling_line(text: str) -> str:
    """The feeling behind words not to be taken literally, as a short reflection."""
    feeling = feeling_in(text)
    if feeling:
        return f"it sounds like you're feeling {feeling}"
    if is_sarcastic(text):
        return "it sounds like you're fed up with something"
    return "it sounds like there's a lot on your mind"


_ADVERBS = {"always", "never", "just", "really", "still", "often", "sometimes", "even", "also",
            "usually", "so"}
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself|you're|you've|you'd|you'll)\b",
                            re.IGNORECASE)
_THIRD_PERSON = re.compile(r"\b(?:he|she|him|her|his|hers|he's|she's|they|them|their|theirs|"
                           r"they're|they've|they'd|they'll)\b", re.IGNORECASE)
_TO_SECOND = {"he": "you", "she": "you", "him": "you", "his": "your", "hers": "yours",
              "himself": "yourself", "herself": "yourself", "he's": "you're", "she's": "you're",
              "he'd": "you'd", "she'd": "you'd", "he'll": "you'll", "she'll": "you'll",
              "they": "you", "them": "you", "their": "your", "theirs": "yours",
              "themselves": "yourselves", "themself": "yourself", "they're": "you're",
              "they've": "you've", "they'd": "you'd", "they'll": "you'll"}
_SECOND_VERB = {"is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't",
                "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't"}


_HE = frozenset({"he", "him", "his", "himself", "he's", "he'd", "he'll"})
_SHE = frozenset({"she", "her", "hers", "herself", "she's", "she'd", "she'll"})
# "They" for a partner: the verbs already agree with "you" ("they make" -> "you make").
_THEY_SUBJECT = {"they", "they're", "they've", "they'd", "they'll"}
THEY_WITHIN = 3  # words from the start
_THEY_FORMS = frozenset({"they", "them", "their", "theirs", "themself", "themselves", "they're",
                         "they've", "they'd", "they'll"})
# People an answer may speak of before the partner: "he" after them may be one of them.
_PEOPLE = {"mum", "mom", "mother", "dad", "father", "parent", "parents", "sister", "brother",
           "son", "daughter", "kid", "kids", "child", "children", "baby", "boss", "manager",
           "friend", "friends", "colleague", "coworker", "grandma", "grandpa", "granny", "nan",
           "aunt", "uncle", "cousin", "niece", "nephew", "neighbour", "neighbor", "teacher",
           "doctor", "grandmother", "grandfather", "stepdad", "stepmum", "stepmom", "ex"}


def partner_pronouns(text: str) -> frozenset[str]:
    """The he- or she-words that mean the partner in words about them: those of the first one
    said, when nobody else was named before it ("she always texts my dad on his birthday":
    she is the partner, his is the dad's). Empty when the words do not say."""
    for n, token in enumerate(re.findall(r"[A-Za-z']+", text)):
        low = _plain(token)
        if low in _HE:
            return _HE
        if low in _SHE:
            return _SHE
        if low in _THEY_FORMS:  # "they" is the partner only as the subject near the start
            subject = low in _THEY_SUBJECT and n < THEY_WITHIN  # ("it shows they care"),
            return _THEY_FORMS if subject else frozenset()  # not "could we do them together"
        if low in _PEOPLE or low.rstrip("s'") in _PEOPLE:
            return frozenset()
    return frozenset()


def _as_second_person(text: str, receiver: str = "",
                      pronouns: frozenset[str] | None = None) -> str:
    """An appreciation said about the partner ("she makes me laugh", "Alex's patience") as said
    to them ("you make me laugh", "your patience"), verbs agreeing. Only the partner's own
    he- or she-words turn (`pronouns`, read from the words when not given): "his birthday"
    after "she texts my dad" stays his."""
    name = _plain(receiver)
    partners = partner_pronouns(text) if pronouns is None else pronouns
    tokens = _TOKENS.findall(text)
    out = list(tokens)
    word_at = [i for i, t in enumerate(tokens) if _is_word(t)]
    agree_next = False
    spoken_to = False  # the partner, now "you", is the subject ("... and still does it")
    for n, i in enumerate(word_at):
        low = _plain(tokens[i])
        after = _plain(tokens[word_at[n + 1]]) if n + 1 < len(word_at) else None
        if spoken_to and low in ("and", "but") and after not in partners and after != name:
            agree_next = True
            continue
        if agree_next and low not in _ADVERBS:
            agree_next = False
            if low in _SECOND_VERB:
                out[i] = _SECOND_VERB[low]
            elif low.endswith("s") and (lemma := getAllLemmas(low).get("VERB")):
                out[i] = lemma[0] if getInflection(lemma[0], "VBZ") == (low,) else tokens[i]
            continue
        if name and low == name:
            out[i] = "you"
            agree_next = spoken_to = True
        elif name and low == f"{name}'s":
            out[i] = "your"
        elif low == "her" and "her" in partners:  # possessive before a word, else object
            out[i] = "your" if after and after not in _PREPOSITIONS and after not in (
                "and", "but", "when", "because", "so", "laugh", "smile") else "you"
        elif low in _TO_SECOND and low in partners:
            out[i] = _TO_SECOND[low]
            agree_next = low in ("he", "she")
            spoken_to = spoken_to or agree_next
    return "".join(out)


# "I appreciate", "thank you for", "I'm grateful that": the lead-in the reflection says itself.
_APPRECIATION_LEAD = re.compile(
    r"^(?:(?:i|we)\s+)?(?:(?:really|just|so|truly|also)\s+)*(?:appreciate[ds]?|love[ds]?|"
    r"liked?|(?:am|'m|was)\s+(?:so\s+|really\s+)?(?:grateful|thankful)|thank you|thanks)"
    r"(?:\s+(?:it|you))?\s*(?:that\s+|for\s+|when\s+(?=you))?", re.IGNORECASE)


def addressed(text: str, receiver: str, pronouns: frozenset[str] | None = None) -> str:
    """Words about the partner ("he never lets me feel stupid", "alex works so hard") as said to
    them ("you never let me feel stupid"), when the words do not already speak to them.
    `pronouns`: the partner's he- or she-words when known from an earlier answer (a reason
    after "she texts my dad": "he's hard to love" is the dad)."""
    names_them = re.search(rf"\b{re.escape(_plain(receiver))}\b", _plain(text)) if receiver else None
    if not _SECOND_PERSON.search(text) and (_THIRD_PERSON.search(text) or names_them):
        return _as_second_person(text, receiver, pronouns)
    return text


def appreciated(text: str, giver: str, receiver: str, listener: Listener) -> str | None:
    """What the giver appreciates, ready to follow "Sam appreciates": "how you handle Sam's
    mom", "that you made Sam coffee", "your cooking". None when the words are unsure."""
    if unsure(text, (giver, receiver)):
        return None
    said = addressed(core(text), receiver)  # "the way she makes me laugh": she is the receiver
    rest = _APPRECIATION_LEAD.sub("", said).strip()
    rest = re.sub(r"^just\s+", "", rest, flags=re.IGNORECASE)
    you = "you" if listener == "partner" else receiver
    if not rest or re.fullmatch(r"(?:so|very|a lot|so much|very much|loads|lots|heaps|"
                                r"more than anything|to bits|[\s,.!])+", rest, re.IGNORECASE):
        return you  # "I appreciate you", "I love you so much"
        return you
    rest = re.sub(r"^for\s+", "", rest, flags=re.IGNORECASE)
    told = retell(rest, giver, receiver, listener)
    first = next((w for w in told.lower().split() if w not in _ADVERBS), "")
    if first.endswith("ing") and first not in ("everything", "nothing", "something"):
        return f"{you} {told}"
    if first in ("you", receiver.lower(), "you're", "you've"):
        following = told.lower().split()[1:2]
        if following and following[0].endswith("ing"):
            return told  # "you being there", not "that you being there"
        return f"that {told}"
    return told


_BECAUSE = re.compile(r"^(?:because|cause|'cause|cos|coz|cuz|bc|since|as)\b[\s,]*", re.IGNORECASE)


def without_because(why: str) -> str:
    """A reason without the "because" it often starts with ("coz it means I get to sleep");
    the reflection says its own."""
    text = _LEADING_FILLER.sub("", why.strip()).strip()
    return _BECAUSE.sub("", text).strip() or why.strip()


# Both voices swapped, for a reply to the one who spoke ("you forgot me" -> "I forgot you").
_SWAP = {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
         "i'm": "you're", "im": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll",
         "your": "my", "yours": "mine", "yourself": "myself", "you're": "I'm", "you've": "I've",
         "you'd": "I'd", "you'll": "I'll"}
_AFTER_I = {"am": "are", "was": "were", "wasn't": "weren't"}
_AFTER_YOU = {"are": "am", "were": "was", "weren't": "wasn't", "aren't": "am not"}


def swap_voices(text: str) -> str:
    """The speaker's words in the voice of the one they spoke to: "I" and "you" trade places,
    and "be" agrees ("I am tired of you" -> "you are tired of me")."""
    tokens = _TOKENS.findall(text.strip())
    words = [(i, t) for i, t in enumerate(tokens) if _is_word(t)]
    out = list(tokens)
    follows: dict[str, str] | None = None  # how the next verb changes, after I or you
    for n, (i, token) in enumerate(words):
        low = _plain(token)
        if follows is not None:
            if low in follows:
                out[i] = follows[low]
                follows = None
                continue
            follows = None
        before = _plain(words[n - 1][1]) if n else None
        after = words[n + 1][1] if n + 1 < len(words) else None
        if low == "you":
            subject = (before is None or before in _CLAUSE_START) and _is_verbish(after)
            out[i] = "I" if subject else "me"
            follows = _AFTER_YOU if subject else None
        elif low in _SWAP:
            out[i] = _SWAP[low]
            follows = _AFTER_I if low == "i" else None
    return "".join(out).strip().rstrip(".!?, ")
