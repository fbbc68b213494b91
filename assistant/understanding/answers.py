"""The one answer interpreter: yes / no / unclear, moods, names, durations, skips, who speaks.

Every exercise and the runner read answers here, so "definitely not" means no everywhere. Text is
normalised first (contractions expanded: "don't" -> "do not", "i'd" -> "i would"), so each rule
is written once. Pure functions, no I/O, microseconds per answer.
"""

import re
from dataclasses import dataclass

from assistant.understanding.normalise import FILLERS, normalise, plain_words
from assistant.understanding.slots import minutes_in

# ---------------------------------------------------------------------------- yes / no / unclear
# Whole answers that are idioms rather than the sum of their words.
_FIXED = {
    "why not": "yes", "sure why not": "yes", "yes and no": "unclear", "yes or no": "unclear",
    "kind of": "unclear", "sort of": "unclear", "i do not know": "unclear", "not sure": "unclear",
    "no idea": "unclear", "it depends": "unclear", "depends": "unclear", "whatever": "unclear",
    "no problem": "yes", "no worries": "yes", "i would not mind": "yes", "why not yes": "yes",
    "would not hurt": "yes", "not a bad idea": "yes", "i can not wait": "yes",
    "go for it": "yes", "i am in": "yes", "count me in": "yes", "let us do it": "yes",
    "yes no": "unclear", "no yes": "unclear", "dunno": "unclear", "i dunno": "unclear",
    "idk": "unclear", "k": "yes", "kk": "yes", "all good": "unclear", "it is all good": "unclear",
    # Scots: "no bother" is "no problem"
    "nae bother": "yes", "no bother": "yes", "aye nae bother": "yes",
    # said in disbelief ("aye right" is a Scots no), so not a yes
    "yeah right": "unclear", "aye right": "unclear", "yes right": "unclear",
}
# A shake of the head in sounds ("uh-uh", "nuh-uh", "mm-mm"); read before the fillers go.
_HEAD_SHAKE = re.compile(r"^\W*(?:uh[\s-]*uh|nuh[\s-]*uh|mm[\s-]+mm|nu[\s-]*uh)\b(?![\s-]*huh)")
# Yes- and no-words that may run together: "yeah nah" is a no, "nah yeah" a yes (Australian
# and British speech): the last word of the run is the answer.
_YES_SOUNDS = {"yes", "yeah", "yea", "yep", "yup", "ya", "yah", "aye", "yeh", "yis"}
_NO_SOUNDS = {"no", "nope", "nah", "na", "nay", "naw", "nae"}
# A no said softly is still a no ("maybe not", "probably not", "i think not").
_HEDGED_NO = ("maybe not", "perhaps not", "probably not", "possibly not", "i think not",
              "i guess not", "i suppose not", "i do not think so",
              "i do not think", "i would say no", "i doubt it", "i doubt", "we doubt")
# Phrases that doubt: the person has not decided, so ask again rather than guess.
_HEDGES = (
    "not sure", "not so sure", "not too sure", "not really sure", "not quite sure",
    "do not know", "unsure", "no idea", "maybe", "perhaps", "possibly",
    "hard to say", "not certain", "depends", "either way", "could go either", "not decided",
    "50 50", "fifty fifty", "on the fence", "let me think", "i will think", "who knows",
    "can not say", "can not decide", "not bothered", "not fussed", "do not care",
    "up to you", "you decide", "you choose", "your call", "either is fine", "torn",
    "in two minds", "not fully", "half and half", "part of me", "might", "whatever",
    "do we have to", "do i have to", "must we", "must i", "i am easy", "we are easy",
    "could be persuaded", "might be persuaded", "we will see", "we shall see",
    "dunno", "idk", "kinda", "sorta", "kind of", "sort of",
)
# Undecided answers that hold a yes phrase ("we will" in "we will see").
_UNDECIDED = ("could be persuaded", "might be persuaded", "we will see", "we shall see",
              "not saying no", "not saying yes")
# A later time is a polite no for now ("not tonight", "in a bit", "perhaps another time").
_LATER = ("later", "another time", "another day", "some other time", "tomorrow", "next time",
          "not now", "not tonight", "not today", "not right now", "in a bit", "in a minute",
          "in a sec", "in a second", "give me a minute", "give me a sec", "give me a second",
          "not at the moment", "not just now", "another night", "not this evening",
          "not this week", "some other day", "not yet")
# ... but said with a doubt about a later that could still be tonight, it is undecided ("maybe
# later", "maybe if we have time later"); another occasion stays a no ("another time maybe").
_ANOTHER_OCCASION = ("another time", "another day", "some other time", "some other day",
                     "tomorrow", "next time", "another night", "next week")
# Leaning yes without a yes-word: counts as yes, never as an unmistakable one.
_SOFT_YES = ("i guess so", "i guess", "i suppose", "i suppose so", "i think so", "probably",
             "i would say so", "i believe so", "if you want", "if we must", "fine i guess",
             "i reckon", "guess so", "suppose so", "think so", "likely", "i would think so",
             "suppose", "if you insist", "if we have to", "if you like", "if it helps",
             "if you think so", "fair enough", "i would say yes", "reckon so", "if i must",
             "we could", "i could", "we could try", "worth a try", "worth a shot", "we should",
             "i think we should")
# A yes said through a negation ("i don't mind", "i wouldn't say no"): read as yes when
# nothing else in the answer says no.
_NEGATED_YES = ("do not mind", "would not mind", "would not say no", "not against it",
                "not opposed", "no objection", "no objections", "not a problem",
                "do not see why not", "no reason not to", "could not agree more",
                "can not wait", "not a bad idea", "would not hurt", "no doubt",
                "no problem", "no worries", "do not mind if i do", "why not", "can not hurt",
                "could not hurt", "not going to say no", "can not say no", "could not say no",
                "nothing would make me happier", "could not be happier", "would not miss it",
                "no bother", "not a bother", "nae bother")
# Plain yes phrases with no yes-word in them.
_YES_PHRASES = ("by all means", "you bet", "righto", "right oh", "that works", "works for me",
                "i am down", "down for that", "up for it", "up for that", "i am game", "count us in", "sounds like a plan", "bring it on", "too right",
                "lets go", "let us go", "go on then", "i would love", "i would like that",
                "that would be nice", "that would be good", "sounds good", "sounds nice",
                "sounds great", "sounds lovely", "yas", "yass", "i will", "we will",
                "bloody oath", "defo", "deffo", "in the mood", "give it a go", "give it a try",
                "fine by me", "fine by us", "fine with me", "fine with us", "okay by me",
                "okay with me", "i do want", "i really do", "we do want", "i want to",
                "we want to", "i am feeling it", "feeling it", "go ahead", "let us do it",
                "let us do this", "would really like", "would love that", "like that a lot")
# Dislike said of the offer is a no ("i'd hate that", "sounds awful").
_DISLIKE = ("hate that", "hate the idea", "hate it", "sounds awful", "sounds terrible",
            "a bit much", "too much", "not in the mood",
            "sounds horrible", "sounds like hell", "dread", "god no", "hell no", "ugh",
            "rather die", "over my dead body")
_YES_WORDS = {
    "yes", "yeah", "yea", "yep", "yup", "ya", "yah", "yeh", "yis", "sure", "okay", "alright", "absolutely",
    "definitely", "certainly", "indeed", "please", "gladly", "totally", "course", "ready",
    "agreed", "affirmative", "correct", "right", "exactly", "true", "love", "like", "lovely",
    "great", "good", "nice", "perfect", "fine", "cool", "awesome", "brilliant", "wonderful",
    "aye", "yess", "yesss", "positive", "do", "go", "ahead", "want", "let", "happy", "keen",
    "confirm", "confirmed", "certain", "delete", "wipe", "grand", "sound", "cheers",
}
_NO_WORDS = {"no", "nope", "nah", "na", "nay", "naw", "nae", "never", "negative", "pass", "stop",
             "cancel"}
# Words that turn what follows (or, for "not" after a yes-word, what came before) around.
_NEGATORS = {"not", "no", "never", "nope", "nah", "without", "neither", "nor", "hardly"}
_REFUSALS = ("rather not", "would not", "prefer not", "let us not", "do not", "please do not",
             "not really", "not at all", "not for me", "no thanks", "no thank you",
             "i am good", "we are good", "i am fine", "we are fine", "i am okay", "we are okay",
             "no way", "not a chance", "not interested", "no need", "skip it", "not this time",
             "not yet", "i would not", "better not", "i will pass", "i pass", "count me out",
             "not keen", "not ready", "can not", "i am out", "not on your life", "no chance",
             "i am alright", "we are alright", "all set", "i am right", "we are right",
             "i am sweet", "we are sweet", "i am all good", "we are all good", "leave it",
             "let us leave it", "give it a miss", "give that a miss", "give this a miss")
# Yes-words that only mean yes on their own ("good" in "good question" is not consent).
_WEAK_YES = {"like", "love", "good", "nice", "great", "fine", "cool", "right", "true", "do",
             "go", "want", "let", "happy", "ready", "lovely", "perfect", "awesome",
             "brilliant", "wonderful", "keen", "ahead", "course", "please", "exactly",
             "correct", "indeed", "positive", "certain", "delete", "wipe", "grand", "sound",
             "cheers"}


def _phrase_in(phrases, text: str) -> bool:
    padded = f" {text} "
    return any(f" {p} " in padded for p in phrases)


def _without(phrases, text: str) -> str:
    """The text with every listed phrase taken out."""
    padded = f" {text} "
    for phrase in sorted(phrases, key=len, reverse=True):
        padded = padded.replace(f" {phrase} ", " ")
    return " ".join(padded.split())


_AGREEING = {"totally", "absolutely", "definitely", "100", "exactly", "course"}


def _settle_run(said: str) -> str:
    """A leading run of mixed yes- and no-words settled to its last: "yeah nah not tonight" ->
    "nah not tonight", "nah yeah sounds good" -> "yeah sounds good"."""
    words = said.split()
    run = 0
    while run < len(words) and words[run] in _YES_SOUNDS | _NO_SOUNDS:
        run += 1
    kinds = {w in _YES_SOUNDS for w in words[:run]}
    if run < 2 or len(kinds) < 2:
        return said
    # "yeah no totally": "yeah no" opens an agreement here; the word after it decides
    if words[run - 1] in _NO_SOUNDS and run < len(words) and words[run] in _AGREEING:
        return " ".join(words[run:])
    return " ".join(words[run - 1:])


# A hummed yes ("mm hm", "uh huh"), which the word cleaner drops as filler.
_HUM_YES = re.compile(r"^\s*(?:mm+[ -]?hm+|mhm+|uh[ -]?huh|mm+ yeah|yeah mm+)\s*[.!]*\s*$")
_ASKING = {"what", "huh", "pardon", "who", "which", "how", "when", "where", "eh"}
_OBJECTION_FILLERS = ("honestly", "to be honest", "then", "really", "actually", "like", "tbh",
                      "i mean", "you know", "then again")
# A yes said only as a wish, before a "but": a polite no ("i'd love to but i've got work").
_WISHED_ONLY = ("i would love to", "i would like to", "i wish i could", "i would if i could",
                "we would love to", "i would have loved to", "would love to")
_DEFERRALS = ("get back to you", "let you know", "i will think about it", "think it over",
              "sleep on it", "come back to it", "ask me again", "let me ask", "let me check",
              "check with", "ask her first", "ask him first", "ask them first",
              "ask me in a bit", "ask me in a minute", "ask me in a sec", "ask me in a second",
              "ask me later", "ask us later", "ask us in a bit")


def read_yes_no(text: str) -> str:
    """"yes", "no" or "unclear" for an answer to a yes/no question.

    Negation wins over the yes-word it touches ("definitely not", "of course not"), a hedge is
    unclear ("maybe", "i'm not sure", "maybe later"), a later is no ("not tonight"), a no said
    softly is no ("probably not"), a yes said through a negation is yes ("i don't mind").
    """
    if _HEAD_SHAKE.search(text.lower()):
        return "no"
    if _HUM_YES.match(text.lower()):
        return "yes"
    said = plain_words(text)
    if not said:
        return "unclear"
    if said in _FIXED:
        return _FIXED[said]
    said = _settle_run(said)
    # "no, actually yes", "on second thought, no": the answer after the change of mind counts.
    # (unless what follows decides nothing: "i wouldn't mind actually, it's been ages")
    for turn in (" actually ", " on second thought ", " on second thoughts ", " wait "):
        after = f" {said} ".split(turn)[-1].strip()
        if turn in f" {said} " and after:
            said = after if read_yes_no(after) != "unclear" else _without((turn.strip(),), said)
    words = said.split()
    # "what do you mean?", "let me get back to you": a question or a deferral decides nothing.
    if words[0] == "eh" and len(words) > 1:  # "eh, why not": a filler, not "eh?"
        words = words[1:]
        said = " ".join(words)
    if words[0] in _ASKING or _phrase_in(_DEFERRALS, said):
        return "unclear"
    says_yes = any(w in ("yes", "yeah", "yep", "yup", "sure", "okay") for w in words)
    says_no = any(w in ("no", "nope", "nah", "na") for w in words)
    # "yes let's do that and then maybe we can talk": a doubt about what comes after the yes
    # is not a doubt about the yes.
    first, then, after = said.partition(" and then ")
    if (then and says_yes and read_yes_no(first) == "yes"
            and not set(after.split()) & (_NEGATORS | _NO_WORDS)
            and not _phrase_in(_LATER, after) and not _phrase_in(_REFUSALS, after)):
        return "yes"
    # "yes but not right now", "not tonight": the yes is for some other time.
    if _phrase_in(_LATER, said) and not _phrase_in(("not later", "now is good"), said):
        undecided = _without(_HEDGES, said)  # ("i don't know" doubts; it refuses nothing)
        if (_phrase_in(_HEDGES, said) and not _phrase_in(_ANOTHER_OCCASION, said)
                and not set(undecided.split()) & (_NEGATORS | _NO_WORDS)
                and not _phrase_in(_REFUSALS, undecided)):
            return "unclear"
        return "no"
    if _phrase_in(_HEDGED_NO, said) or _phrase_in(_DISLIKE, said):
        return "no"
    if _phrase_in(_UNDECIDED, said):  # "i could be persuaded": not "i could"
        return "unclear"
    # (a no-word anywhere undoes a leaning yes: "i guess so but no", "probably nah")
    if (_phrase_in(_SOFT_YES, said) and not set(words) & (_NEGATORS | _NO_WORDS)
            and "but" not in words and not _phrase_in(_HEDGES, said)):
        return "yes"
    if _phrase_in(("yes and no", "yes or no", "no and yes"), said) or (
            says_yes and says_no and ("but" in words or "and" in words)):
        return "unclear"  # "she says yes and i say no"
    # "yeah sure, as long as it doesn't take long": the condition's own negation is no "no"
    if says_yes and not says_no:
        for condition in (" as long as ", " so long as ", " provided ", " if "):
            before, _, _ = f" {said} ".partition(condition)
            if condition in f" {said} " and before.split() and not (
                    set(before.split()) & _NEGATORS) and read_yes_no(before) == "yes":
                return "yes"
    # "yeah but i'm tired": a yes with an objection after it is not decided.
    # (fillers after the "but" do not hide it: "but honestly i would rather sleep")
    objection = _without(_OBJECTION_FILLERS, " ".join(words[words.index("but") + 1:])).split() \
        if "but" in words else []
    if objection and objection[0] in ("i", "we", "it", "that", "you", "there"):
        objection = " ".join(objection)
        # "i'd love to but i can't": the objection says no; so does any objection to a wish
        # said in the conditional ("i'd love to but i've got work"), or a preference
        if (set(objection.split()) & _NEGATORS or _phrase_in(_REFUSALS, objection)
                or _phrase_in(("would rather", "would prefer", "rather just"), objection)
                or _phrase_in(_WISHED_ONLY, " ".join(words[:words.index("but")]))):
            return "no"
        return "unclear"
    if _phrase_in(_HEDGES, said):
        return "unclear"
    if _phrase_in(_NEGATED_YES, said):
        rest = _without(_NEGATED_YES, said).split()
        # "i don't mind, but i'd rather not": the rest still says no.
        if not (set(rest) & (_NEGATORS | _NO_WORDS)) and not _phrase_in(_REFUSALS, " ".join(rest)):
            return "yes"
        return "no"
    if _phrase_in(_REFUSALS, said):
        return "no"
    for i, word in enumerate(words):
        if word in _NEGATORS or word in _NO_WORDS:
            following = words[i + 1] if i + 1 < len(words) else ""
            # "no problem", "never mind, yes": the no-word is part of a yes idiom.
            if word == "no" and following in ("problem", "worries", "doubt", "question"):
                return "yes"
            return "no"
    if _phrase_in(_YES_PHRASES, said):
        return "yes"
    if words[0] in _YES_WORDS or any(w in _YES_WORDS - _WEAK_YES for w in words):
        return "yes"
    if len(words) <= 4 and any(w in _YES_WORDS for w in words):
        return "yes"
    return "unclear"


_STRONG_YES = {"yes", "yeah", "yep", "yup", "absolutely", "definitely", "certainly", "confirm",
               "confirmed", "affirmative", "certain"}
_WAVERING = ("guess", "suppose", "think", "probably", "why not", "whatever", "if you want",
             "maybe", "kind of", "sort of", "i reckon", "fine", "okay then", "mind", "almost",
             "hopefully", "pretty much", "fairly", "dunno", "kinda", "sorta", "hope")
# A yes with a condition or a pause in it is not a yes to deleting everything.
_CONDITIONS = ("but", "unless", "except", "only if", "as long as", "apart from", "other than",
               "wait", "hold on", "hang on", "actually", "although", "though", "if")
_DELETE_YES = ("i am sure", "we are sure", "do it", "go ahead", "delete it", "delete everything",
               "delete all", "forget everything", "forget it all", "wipe it", "wipe everything",
               "wipe it all", "i confirm", "i am certain", "we are certain")


def is_unmistakable_yes(text: str) -> bool:
    """A yes with nothing soft about it: what a destructive action needs ("yes, delete it").
    Not a yes with a condition ("yes but keep my notes"), asked back ("yes?"), or mixed with
    a no ("nah yeah")."""
    said = plain_words(text)
    if (read_yes_no(text) != "yes" or _phrase_in(_WAVERING, said)
            or _phrase_in(_CONDITIONS, said) or "?" in text):
        return False
    words = said.split()
    if set(words) & _NO_SOUNDS or set(words) & _NEGATORS:
        return False
    # "yeah ok", "go on then": going along with it, not asking for it, unless the deletion
    # itself is named
    going_along = set(words) & {"ok", "okay"} or words[-1:] == ["then"]
    if going_along and not _phrase_in(_DELETE_YES, said):
        return False
    return bool(set(words) & _STRONG_YES) or _phrase_in(_DELETE_YES, said)


# ---------------------------------------------------------------------------------------- skip
_SKIP_PHRASES = ("skip", "next", "next one", "next question", "pass", "move on", "pass on this",
                 "pass on that", "pass on this one", "rather not say", "rather not answer",
                 "no comment", "let us move on", "nothing to say", "i pass")


def is_skip(text: str) -> bool:
    """The person wants to leave this question out ("skip", "next question", "pass on this")."""
    said = plain_words(text)
    if not said:
        return False
    words = said.split()
    at = words.index("skip") if "skip" in words else -1
    if at >= 0 and _NEGATORS & set(words[max(0, at - 3):at]):
        return False  # "i do not want to skip"
    if said in _SKIP_PHRASES or "skip" in words:
        return True
    return len(said.split()) <= 5 and _phrase_in(
        ("next question", "move on", "pass on", "i pass", "rather not say",
         "rather not answer", "next one"), said)


# ---------------------------------------------------------------------------------------- moods
@dataclass(frozen=True)
class Mood:
    """A mood as said: a place on the 1-10 scale and/or the feeling word used."""

    score: int | None  # 1 (worst) to 10 (best); from the number said, else from the word
    word: str | None  # the feeling as said ("tired", "not great"), for the reflection


# A rough place on the 1-10 scale for common feeling words (British, Australian and American
# ones too); the word itself is kept too. Phrases are read before the words inside them.
FEELINGS: dict[str, int] = {
    "awful": 1, "terrible": 1, "horrible": 1, "devastated": 1, "heartbroken": 1,
    "miserable": 2, "hopeless": 2, "depressed": 2, "broken": 2, "gutted": 2, "wrecked": 2,
    "a wreck": 2, "a mess": 2, "crap": 2, "crappy": 2, "shitty": 2, "shit": 2, "dreadful": 2,
    "rubbish": 3, "pants": 3, "sad": 3, "down": 3, "low": 3, "lonely": 3, "hurt": 3,
    "exhausted": 3, "overwhelmed": 3, "angry": 3, "upset": 3, "drained": 3, "rough": 3,
    "bad": 3, "lousy": 3, "knackered": 3, "shattered": 3, "burnt out": 3, "burned out": 3,
    "fried": 3, "wiped out": 3, "numb": 3, "empty": 3, "gloomy": 3, "blue": 3, "crook": 3,
    "unwell": 3, "sick": 3, "ill": 3, "poorly": 3, "hungover": 3, "furious": 2, "scared": 3,
    "not well": 3, "not in a good place": 3, "seen better days": 4,
    "anxious": 4, "stressed": 4, "worried": 4, "tired": 4, "frustrated": 4, "irritated": 4,
    "grumpy": 4, "nervous": 4, "cranky": 4, "irritable": 4, "frazzled": 4, "on edge": 4,
    "flat": 4, "sleepy": 4, "meh but tired": 4, "could be better": 4, "been better": 4,
    "not the best": 4, "not my best": 4, "a bit off": 4, "off": 4, "restless": 4,
    "all over the place": 4, "up and down": 5,
    "meh": 5, "blah": 5, "eh": 5, "okay": 5, "ok": 5, "okayish": 5, "so so": 5, "mixed": 5,
    "average": 5, "middling": 5, "nothing special": 5, "same as usual": 5, "the usual": 5,
    "not great not terrible": 5, "neutral": 5, "so and so": 5, "middle of the road": 5,
    "in the middle": 5, "somewhere in the middle": 5,
    "fine": 6, "alright": 6, "decent": 6, "better": 6, "not too shabby": 6, "doing ok": 5,
    "calm": 7, "relaxed": 7, "content": 7, "good": 7, "peaceful": 7, "hopeful": 7, "well": 7,
    "chilled": 7, "chill": 7, "mellow": 7, "grand": 7, "at peace": 7, "in a good place": 7,
    "settled": 7,
    "happy": 8, "great": 8, "excited": 8, "grateful": 8, "cheerful": 8, "energised": 8,
    "energized": 8, "chuffed": 8, "blessed": 8, "peachy": 8, "excellent": 8, "super": 8,
    "thankful": 8,
    "loved": 9, "wonderful": 9, "amazing": 9, "fantastic": 9, "brilliant": 9, "joyful": 9,
    "stoked": 9, "buzzing": 9, "over the moon": 9, "on top of the world": 9, "tip top": 9,
    "superb": 9, "thrilled": 9, "awesome": 9,
    "ecstatic": 10, "elated": 10, "incredible": 10, "never better": 10, "best ever": 10,
    "hard day": 3, "tough": 3, "difficult": 3, "crummy": 3, "yuck": 3, "struggling": 3,
    "long day": 4, "surviving": 4, "hanging in there": 4, "sluggish": 4, "meh ish": 5,
    "holding up": 5, "getting by": 5, "coping": 5, "mediocre": 5, "fair": 5,
    "could be worse": 6, "not the worst": 5, "pumped": 9, "energetic": 8, "fab": 9,
    "fabulous": 9, "lovely": 8, "nice": 7, "positive": 7, "optimistic": 7, "proud": 8,
    "the worst": 1, "all right": 6, "top of the world": 9, "high": 8, "lost": 3,
    "could be a lot better": 3, "could be much better": 3, "could be way better": 3,
    "worst day": 1, "best day": 9, "neither here nor there": 5, "in between": 5,
}
_NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10}
_MOOD_NEGATORS = ("not", "never", "hardly", "not too", "not so", "not very", "not that",
                  "not feeling", "not really", "not particularly", "not at all")
# Words after a number that make it a count of something, not a mood ("slept 2 hours").
_COUNTED = re.compile(r"^(?:hours?|hrs?|minutes?|mins?|days?|weeks?|nights?|times?|kids?|"
                      r"children|meetings?|people|cups?|coffees?|drinks?|glasses|beers?|"
                      r"am|pm|o'?clock|of us|of them|years?|months?|things|calls|emails)$")


def first_number(text: str, low: int = 1, high: int = 10) -> int | None:
    """The first whole number from low to high, as digits or a word ("kind of a six"), that
    is not a count of something ("i slept 2 hours")."""
    tokens = normalise(text).split()
    for k, token in enumerate(tokens):
        value = int(token) if token.isdigit() else _NUMBER_WORDS.get(token)
        following = tokens[k + 1] if k + 1 < len(tokens) else ""
        if value is not None and low <= value <= high and not _COUNTED.match(following):
            return value
    return None


def read_mood(text: str) -> Mood | None:
    """A mood from an answer: "7", "kind of a 6 i guess", "pretty rough", "not great", "tired
    but happy" (the feelings averaged); None when neither a 1-10 number nor a feeling word
    was said. The word kept is the first feeling said."""
    number = first_number(text)
    if number is None and first_number(text, low=0, high=0) == 0:
        number = 1  # "zero": below the scale, so its lowest point
    said = re.sub(r"\b(?:low key|lowkey|ish)\b", " ", plain_words(text))
    padded = f" {said} "
    found: list[tuple[int, int, str]] = []  # (position, value, word as said)
    for feeling in sorted(FEELINGS, key=len, reverse=True):
        at = padded.find(f" {feeling} ")
        if at < 0:
            continue
        before = padded[:at].split()
        negator = next((n for n in sorted(_MOOD_NEGATORS, key=len, reverse=True)
                        if before[-len(n.split()):] == n.split()), None)
        value = FEELINGS[feeling]
        word = feeling
        if negator:
            # "not good" sits low, "not bad" a little above the middle.
            value = 4 if value >= 6 else 6
            word = f"not {feeling}"
        found.append((at, value, word))
        # Blank the phrase out so the words inside it are not read again ("pretty good").
        padded = padded[:at] + " " + "_" * (len(feeling)) + " " + padded[at + len(feeling) + 2:]
    if not found:
        return Mood(number, None) if number is not None else None
    found.sort()
    # (half up: "tired but okay" sits in the middle, not low)
    value = int(sum(v for _, v, _ in found) / len(found) + 0.5)
    return Mood(number if number is not None else value, found[0][2])


# ---------------------------------------------------------------------------------------- names
# Words around names in introductions; what is left, if it looks like a name, is a name.
_NOT_NAMES = set("""
i am im me my mine we are us our this is it its and plus with also here there hi hello hey hiya
name names called call the a an just only both of two us together speaking say said partner
wife husband boyfriend girlfriend fiance fiancee spouse other half better love lover darling
dear honey babe baby friend roommate named goes go by yes yeah no okay ok so well um uh oh that
be who you your they them their he she his her him these those im myself too as well all
one today tonight tomorrow now out home away again fella bloke hubby missus mate guy
""".split()) | FILLERS
_NAME = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def read_names(text: str, most: int = 2) -> list[str]:
    """Names from an introduction: "i'm Jordan and this is my wife Priya" -> [Jordan, Priya].
    Capitalised as names are; to be confirmed with the person before saving."""
    names: list[str] = []
    for token in _NAME.findall(text.replace("\u2019", "'")):
        low = token.lower()
        if low.endswith("'s"):
            low, token = low[:-2], token[:-2]
        if low in _NOT_NAMES or len(low) < 2 or "'" in low:
            continue
        # "anne-marie" -> "Anne-Marie"; a name written with capitals keeps them ("McKenzie").
        name = token if token[0].isupper() else "-".join(p.capitalize() for p in token.split("-"))
        if name not in names:
            names.append(name)
    return names[:most]


def read_speaker(text: str, partners: list[str]) -> str | None:
    """Which partner says they are speaking ("it's Sam", "this is Alex here"), or None."""
    said = plain_words(text).split()
    named = [p for p in partners if p.lower() in said]
    return named[0] if len(named) == 1 else None


# ------------------------------------------------------------------------------------ durations
# Durations the shared slot reader does not know: halves and quarters of hours, decimals.
_HOURS_AND_HALF = re.compile(r"\b(?:(an|a|one|1|two|2|three|3)\s+)?hours?\s+and\s+a\s+half\b|"
                             r"\b(one|1|two|2|three|3)\s+and\s+a\s+half\s+hours?\b")
_QUARTER_HOUR = re.compile(r"\b(three\s+)?quarters?\s+(?:of\s+)?an?\s+hour\b|"
                           r"\b(three\s+)?quarter\s+hour\b")
_DECIMAL_HOURS = re.compile(r"\b(\d+(?:\.\d+)?)\s*(?:hours?|hrs?)\b")
_SMALL_HOURS = {"an": 1, "a": 1, "one": 1, "1": 1, "two": 2, "2": 2, "three": 3, "3": 3}


def declines(text: str) -> bool:
    """A short no when asked to say something ("no thanks", "actually no", "never mind"): not
    words to keep."""
    words = plain_words(text).split()
    return 0 < len(words) <= 4 and (read_yes_no(text) == "no"
                                     or " ".join(words) in ("never mind", "nevermind"))


def says_no_aloud(text: str) -> bool:
    """Whether a no is said in so many words ("no, that's enough thanks", "nah"), not only
    meant by a control ("stop", "ok stop", "let's stop")."""
    return any(word in _NO_SOUNDS for word in plain_words(text).split())


# Words that go with a number said as an answer ("ten please", "twenty minutes or so", "10 out
# of 10").
_AMOUNT_WORDS = {"minutes", "minute", "mins", "min", "hours", "hour", "half", "quarter", "an",
                 "a", "of", "out", "or", "and", "about", "around", "maybe", "like", "just",
                 "please", "so", "ish", "say", "um", "uh", "for", "me", "us"}


def is_amount(text: str) -> bool:
    """Only a number or an amount of time ("ten please", "twenty minutes", "10 out of 10"): an
    answer to a question, never a request for something else."""
    words = normalise(text).split()
    return all(w.isdigit() or w in _NUMBER_WORDS or w in _AMOUNT_WORDS for w in words) and (
        any(w.isdigit() or w in _NUMBER_WORDS for w in words) or read_minutes(text) is not None)


def read_minutes(text: str) -> int | None:
    """A duration in minutes: "five minutes" -> 5, "half an hour" -> 30, "an hour and a half"
    -> 90, "quarter of an hour" -> 15, "1.5 hours" -> 90, a bare "15" or "one" -> 15, 1."""
    # "a good hour", "a full half hour": the hour is the same
    low = re.sub(r"\b(?:good|full|whole|solid)\s+(?=hour|half)", "", text.lower().replace("-", " "))
    if match := _HOURS_AND_HALF.search(low):
        hours = _SMALL_HOURS.get(match.group(1) or match.group(2) or "one", 1)
        return hours * 60 + 30
    if match := _QUARTER_HOUR.search(low):
        return 45 if (match.group(1) or match.group(2)) else 15
    if (match := _DECIMAL_HOURS.search(low)) and "." in match.group(1):
        return round(float(match.group(1)) * 60)
    said = normalise(low)
    value = minutes_in(said)
    if value is not None:
        return value
    words = said.split()
    if re.search(r"\ba couple\b|^(?:just |only )?couple$", said):  # "just a couple"
        return 2
    if re.search(r"\ba few\b", said):
        return 3
    bare = [int(w) if w.isdigit() else _NUMBER_WORDS[w] for w in words
            if w.isdigit() or w in _NUMBER_WORDS and w != "zero"]
    if len(bare) == 1 and len(words) <= 4:
        return bare[0]
    if len(bare) == 2 and len(words) <= 5 and "or" in words:  # "ten or fifteen": the first
        return bare[0]
    return None
