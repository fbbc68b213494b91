"""Small talk: greetings, thanks, "how are you", goodbyes, strain said as hyperbole ("this
fight is killing me"), and "that's not what i meant" after Hearth misread someone, so Hearth
answers warmly instead of refusing. The crisis guard runs before this; nothing here decides
safety."""

import re

from assistant.understanding.normalise import normalise

_KINDS = (
    ("thanks", r"^(?:thanks?|thank you|thank u|ty|cheers|much appreciated|thanks? (?:so|very) "
               r"much|thank you (?:so|very) much|thanks a (?:lot|bunch)|thank you hearth|"
               r"thanks hearth|that (?:was|is) (?:helpful|lovely|great|nice))\b"),
    ("how_are_you", r"\bhow are you\b|\bhow is it going\b|\bhow are things\b|\bhow have you "
                    r"been\b|\bhow do you do\b"),
    ("greeting", r"^(?:hi|hello|hey|hiya|howdy|yo|good (?:morning|afternoon|evening)|"
                 r"morning|evening|hi there|hello there|hey there)\b"),
    # Said to Hearth when it gets things wrong: an apology and a way on, not a refusal menu.
    ("frustrated", r"^(?:(?:ugh|god|honestly|seriously|wow)\s+)?(?:you are (?:so |completely |"
                   r"totally |really )?(?:useless|rubbish|hopeless|no help|not helping|stupid|"
                   r"not listening)|this is (?:so )?(?:useless|pointless|stupid|not working)|"
                   r"you (?:do not|never) (?:understand|get it|listen)|you are not getting it)\b"),
    ("strain", r"\b(?:killing me|driving me (?:crazy|mad|nuts|up the wall)|going to explode|"
               r"losing my mind|at my wits end|at the end of my rope|sick of (?:this|it|him|"
               r"her|them|fighting)|had enough|so done with (?:this|him|her|it)|can not take "
               r"(?:this|it) (?:fight|argument)|(?:this|these|our) (?:fight|fights|argument|"
               r"arguments|row|rows) (?:is|are) (?:too much|exhausting|awful|horrible))"),
)
# Words that end the whole session, said alone (inside an exercise too: "bye" is goodbye, not
# just "stop").
FAREWELLS = {"quit", "exit", "bye", "goodbye", "good bye", "bye bye", "see you", "that is all",
             "bye hearth", "goodbye hearth", "good night hearth", "we are done for today",
             "ok bye", "okay bye", "thanks bye", "thank you bye", "bye for now", "see you later",
             "see you tomorrow", "that is all for today", "we are done", "bye then"}


def is_farewell(text: str) -> bool:
    """Whether the words say goodbye to Hearth ("bye", "that's all for today")."""
    return normalise(text) in FAREWELLS


# Said after a reply that misread what was meant ("that's not what i meant, it's about work").
_MISREAD = re.compile(
    r"\b(?:that is not what i (?:meant|mean|said)|not what i meant|you misunderstood|you "
    r"misheard|you (?:have )?got (?:it|me|that|the wrong end of the stick) wrong|wrong end of "
    r"the stick|i did not mean (?:it )?(?:like that|that way|literally)|i (?:was|am) (?:only |"
    r"just )?(?:joking|kidding|exaggerating)|^(?:no )*(?:it was|that was) a joke|"
    r"i (?:was|am) (?:only |just )?(?:talking|on) about (?:work|my|the|our|a|an|his|her|"
    r"their)\b|"
    # "no, i meant my vitamins": what was meant, said over (a crisis said in it is heard first)
    r"^(?:no |nah |sorry |oh )*i (?:meant|mean) (?:my|the|our|a|an|his|her|their)\b|"
    r"i am not in (?:any )?danger|that came out wrong|i did not mean to (?:worry|scare|alarm) "
    r"you)\b")
_COMPILED = [(kind, re.compile(pattern)) for kind, pattern in _KINDS]
SHORT = 8  # words: a greeting or thanks at the start of a long sentence is not small talk


def small_talk(text: str) -> str | None:
    """"greeting", "thanks", "how_are_you", "frustrated", "strain", or None."""
    said = normalise(text)
    for kind, pattern in _COMPILED:
        if pattern.search(said) and (kind == "strain" or len(said.split()) <= SHORT):
            return kind
    return None


# Fear or a wish said alongside ("he said it was a joke but i'm scared", "i wish i was
# joking") is no retraction.
_STILL_HEAVY = re.compile(r"\b(?:scared|afraid|frightened|terrified|wish|but he|but she|"
                          r"but they)\b")


def says_misread(text: str) -> bool:
    """Whether the words say Hearth took them wrongly ("no, that's not what i meant")."""
    said = normalise(text)
    return bool(_MISREAD.search(said)) and not _STILL_HEAVY.search(said)


# Openings that ask for something (a question or a request) rather than tell.
_ASKING = re.compile(
    r"^(?:please |hey |ok |okay |so |hearth )*(?:what|whats|how|hows|when|where|wheres|who|"
    r"why|which|can|could|would|will|do|does|did|is|are|should|shall|tell|give|show|play|book|"
    r"set|order|find|turn|"
    r"put|call|text|send|make|remind|read|start|let|lets|please|help|add|get|buy|open|search|"
    r"look|check|recommend|suggest|i want|i would like|i need|we want|we would like|we need)\b|"
    r"\b(?:can you|could you|would you|will you|please)\b")


def tells(text: str) -> bool:
    """Whether the words tell something ("i'm dying to go to that concert", "he beat me at
    chess again") rather than ask for it: out of scope, they are answered as talk, not as a
    request Hearth cannot do."""
    return "?" not in text and not _ASKING.search(normalise(text))
