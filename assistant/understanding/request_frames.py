"""A request said inside a frame: who is doing it, when, with whom, how politely.

"jamal and i would like to check in before dinner", "once she is off the phone can we do a quick
check in", "would it be possible to do the thankfulness exercise with my husband this evening",
"can you pause while i get some water". The frame says who, when and how politely, never what is
asked, yet its words weigh as much as the request's in a sentence embedding and in a spelling
ratio. `request_core` takes the frame off; the matcher reads both and keeps the clearer reading.

Only a request is cut: what is left must open the way requests open ("can we", "let us", "i would
like to", a verb). A need or a situation keeps its clauses ("when he is down i try to fix it" is
not a request, and its "when" is what it means). Read on the matcher's query: contractions
expanded, numbers masked, a partner's first name already "my partner".
"""

import re

# How requests open: asking, proposing, wanting to, or a bare verb. Not "i need" or "i want" alone:
# a need's clauses are what it means ("i need an hour away from him before we talk again").
_ASKING = (r"(?:(?:can|could|would|will) (?:we|you|i)|shall we|let us|please|i would like|"
           r"we would like|i want to|we want to)")
_VERB = (r"(?:do|start|play|run|pause|stop|give|help|walk|take|guide|try|practise|practice|"
         r"lead|begin)")
_ASKS = re.compile(rf"^(?:{_ASKING}|{_VERB}) ")
# A word of assent or of getting going before the request ("ok so box breathing for N minutes").
_LEAD_IN = re.compile(r"^(?:ok|okay|right|alright|so|well|hearth)(?: so| then)? (?=\S+ \S+)")
# Asking politely is asking: "would it be possible to do ..." is "can we do ...".
_POLITE = re.compile(r"^(?:would it be possible|is it possible|would it be ok|would it be okay|"
                     r"is it ok|is it okay|would you mind if) (?:for (?:us|me) )?(?:to |if (?:we|i) )")
_WONDER = re.compile(r"^(?:i was wondering if|i wonder if|do you think) (we|you|i) (?:could|can) ")
# Who does it: "jamal and i want to ...", "mummy and daddy want to ...", "me and my hubby".
_WHO = re.compile(r"^(?:my \S+|\S+) and (?:i|me|\S+) (would like|want|need|are going|are ready) to ")
_ME_AND = re.compile(r"\bme and (?:my \S+|him|her)\b")
# When: a leading clause up to where the request opens, a trailing clause, a time of day.
_LEADING_WHEN = re.compile(
    rf"^(?:once|when|as soon as|after|before) (?:\S+ ){{1,8}}?(?={_ASKING} )")
# (not "before" or "until": "... and i will not say more until i have calmed down" means it)
_TRAILING_WHEN = re.compile(r" (?:once|when|while|whilst|after|as soon as) .+$")
_TRAILING_TIME = re.compile(
    r" (?:tonight|today|later|later on|now|right now|this (?:evening|morning|afternoon|weekend)|"
    r"(?:before|after) (?:dinner|tea|bed|breakfast|work))$")
# With whom: doing it with the partner is doing it.
_WITH_PARTNER = re.compile(
    r" with (?:him|her|my partner|my (?:husband|wife|boyfriend|girlfriend|hubby|fiance|fiancee|"
    r"other half|missus))\b")


def request_core(query: str) -> str | None:
    """The request without its frame, or None when there is no frame to take off (or what
    would be left is not a request)."""
    core = _LEAD_IN.sub("", query)
    core = _POLITE.sub("can we ", core)
    core = _WONDER.sub(r"can \1 ", core)
    core = _WHO.sub(r"we \1 to ", core)
    core = _ME_AND.sub("we", core)
    core = _LEADING_WHEN.sub("", core)
    if _ASKS.match(core):
        core = _TRAILING_WHEN.sub("", core)
        core = _WITH_PARTNER.sub("", core)
        while (shorter := _TRAILING_TIME.sub("", core)) != core:
            core = shorter
    elif core == query:
        return None
    core = core.strip()
    return core if core != query and len(core.split()) >= 2 else None
