"""I-statements: the user says the complaint as it comes out; Hearth gently names blaming forms,
asks for the feeling, the situation, the need and a request, and reads back
"I feel … when … because … Could we …?".

Stored as one "i_statement" entry, saved with the first part and completed as the others come:
the parts, the finished statement (null until all four are given), the ids of the blaming forms;
the raw complaint is not stored, since the other partner may read the journal.
"""

import re

from assistant.dialogue import reflection
from assistant.dialogue.context import Context
from assistant.dialogue.steps import Answer, Ask, Save, Say, Script
from assistant.exercises.answer_words import is_no, is_skip, is_yes
from assistant.exercises.phrases import BlamePattern, BlamePatterns, blame_patterns
from assistant.exercises.replies import mentions_any

INTENTS = ("coach.i_statement",)
NAME = "help turning a complaint into an I-statement"
COUPLES = True  # a couples exercise: left aside once abuse is mentioned
GROUP = "coaching"  # where "help" names it
ABOUT = (  # what "help with ..." says
    "Tell me a complaint, and I'll help you say it as what you feel and what you need, "
    "without blame.")

# Openings people naturally say that the template already provides.
_LEADS = {
    "feeling": r"(i\s+)?(feel|feeling|felt|am|get|got)\s+|i'm\s+",
    "situation": r"(it's\s+|it is\s+|it happens\s+)?(when|whenever|if|that)\s+",
    "need": r"(it matters\s+|it's\s+)?(because|since|as|cause|'cause)\s+",
    "request": r"(maybe\s+)?(could|can|would|should)\s+we\s+|(i'd|i would) like us to\s+"
    r"|please\s+|we could\s+|maybe\s+",
}


# Asked once more, in other words, when an answer names nothing ("no", "i don't know").
AGAIN = {
    "feeling": "That's okay. If you had to pick one word for how it feels, what would it be?",
    "situation": "Think of the last time it happened. What was going on?",
    "need": "What would be different for you if this changed?",
    "request": "What is one small thing your partner could do that would help?",
}


def blaming_forms(text: str, patterns: BlamePatterns | None = None) -> list[BlamePattern]:
    """The blaming forms heard in a complaint ("you always", "you never", name-calling, …)."""
    patterns = patterns or blame_patterns()
    return [p for p in patterns.patterns if mentions_any(text, p.phrases)]


def clean_part(part: str, text: str) -> str:
    """Trim what the template already says ("I feel", "when", "because", "could we") and the
    fillers around it ("ignored i guess")."""
    text = reflection.core(text.strip().replace("\u2019", "'")).rstrip(".!?,; ")
    for _ in range(3):  # openings can stack: "maybe could we", "I'm feeling really"
        trimmed = re.sub(rf"^(?:{_LEADS[part]})", "", text, flags=re.IGNORECASE).strip()
        if trimmed == text or not trimmed:
            break
        text = trimmed
    return text if re.match(r"I\b", text) else text[:1].lower() + text[1:]


# A request of the partner alone ("you could text me") reads "Could you …?" rather than "we".
_ASK_PARTNER = r"(?:could|can|would|will)\s+you\s+|you\s+(?:could|can|might|would)\s+" \
    r"|(?:i'd|i would) like you to\s+|you\s+(?=\w)"


# "i need you to …", "for him to …": a request of the partner, said as a wish.
_WISH_OF_PARTNER = r"(?:(?:i|we)\s+(?:need|want|would like|'d like|wish)\s+)?(?:for\s+)?" \
    r"(?:you|him|her|them)\s+to\s+"
# "i need an hour to myself": a wish for oneself.
_WISH = r"(?:i|we)\s+(?:need|want|would like|'d like|would love|'d love)\s+"


def request_line(request: str) -> str:
    """"Could we …?" or, when the request is of the partner alone, "Could you …?"; a wish for
    oneself ("i need an hour to myself") stays one ("I'd like an hour to myself.")."""
    text = clean_part("request", request)
    wish_of_partner = re.match(_WISH_OF_PARTNER, text, flags=re.IGNORECASE)
    if wish_of_partner:
        return f"Could you {text[wish_of_partner.end():]}?"
    wish = re.match(_WISH, text, flags=re.IGNORECASE)
    if wish:
        return f"I'd like {text[wish.end():]}."
    of_partner = re.match(_ASK_PARTNER, text, flags=re.IGNORECASE)
    if of_partner:
        return f"Could you {text[of_partner.end():]}?"
    if re.search(r"\b(me|my)\b", text) and not re.search(r"\b(we|us|our)\b", text):
        return f"Could you {text}?"  # "just tell me" is asked of the partner
    return f"Could we {text}?"


# A situation told as one moment ("last night when …", "at dinner yesterday") rather than as
# what happens ("you look at your phone").
_A_MOMENT = re.compile(r"(?:last|yesterday|this (?:morning|evening|afternoon|week)|today|"
                       r"tonight|earlier|the other (?:day|night)|on (?:monday|tuesday|wednesday|"
                       r"thursday|friday|saturday|sunday)|at (?:dinner|breakfast|lunch|the)|"
                       r"this one time|one time|once)\b", re.IGNORECASE)


def compose(feeling: str | None = None, situation: str | None = None, need: str | None = None,
            request: str | None = None) -> str:
    """The finished I-statement; a part the person could not name is left out."""
    said = []
    if feeling:
        said.append(f"I feel {clean_part('feeling', feeling)}")
    if situation:
        moment = clean_part("situation", situation)
        if said and _A_MOMENT.match(moment):  # "last night when I was telling you": one time
            said[0] = re.sub(r"^I feel\b", "I felt", said[0])  # "I felt ignored last night …,"
            said.append(f"{moment},")
        else:
            said.append(f"when {moment}" if said else f"It's when {moment}")
    if need:
        why = clean_part("need", need)
        if re.match(r"(?:to|for)\s", why, re.IGNORECASE):  # "to feel connected": what I need
            why = f"I need {why}"
        said.append(f"because {why}" if said else f"It matters because {why}")
    line = " ".join(said).rstrip(",") + "." if said else ""
    line = f"{line} {request_line(request)}".strip() if request else line
    return re.sub(r"\bi(?=\b|')", "I", line)  # "when i talk": typed answers are lower case


def _record(parts: dict[str, str], found: list[BlamePattern], asked: int = 4) -> dict:
    """The entry for the parts given so far; `statement` once every part has been asked."""
    done = asked == 4 and bool(parts)
    return {
        "statement": compose(**parts) if done else None,
        "feeling": clean_part("feeling", parts["feeling"]) if "feeling" in parts else None,
        "situation": clean_part("situation", parts["situation"]) if "situation" in parts
        else None,
        "need": clean_part("need", parts["need"]) if "need" in parts else None,
        "request": request_line(parts["request"]) if "request" in parts else None,
        "blame_forms": [p.id for p in found],
        "complete": done and len(parts) == 4,
    }


def _nothing_in(answer: Answer) -> bool:
    """No part to use: "no", "i don't know", "skip", "nothing"."""
    return is_no(answer) or is_skip(answer) or reflection.is_filler(answer.text)


def run(ctx: Context) -> Script:
    """Hear the complaint, notice blame, gather the four parts and read the statement back."""
    who = ctx.speaker
    yield Say("Let's turn something that bothers you into words your partner can really hear.",
              style="warm")
    complaint = yield Ask("Say it the way it comes out, no polishing needed. What's bothering "
                          "you?", mode="dictation", partner=who)
    if complaint is None:
        yield Say("No rush. We can do this whenever you're ready.", style="warm")
        return
    found = blaming_forms(complaint.text)
    if found:
        for pattern in found:
            yield Say(pattern.note, style="warm")
        yield Say("That's how frustration often sounds at first. Let's reshape it together.",
                  style="warm")
    else:
        yield Say("Thank you. Let's shape it into an I-statement.", style="warm")

    questions = (
        ("feeling", "How do you feel when it happens? A word or two, like hurt, lonely, or "
                    "overwhelmed."),
        ("situation", "When does it happen? Describe one specific moment, the way a camera "
                      "would see it."),
        ("need", "Why does it matter to you? What do you need?"),
        ("request", "What could you ask for? Something small and doable."),
    )
    partner = next((p for p in ctx.partners if p != who), "")
    parts: dict[str, str] = {}
    saved = None  # one "i_statement" entry, saved with the first part and kept current
    for asked, (key, question) in enumerate(questions, 1):
        answer = yield Ask(question, mode="dictation", partner=who)
        if answer is not None and answer.text.strip() and _nothing_in(answer):
            answer = yield Ask(AGAIN[key], mode="dictation", partner=who)
            if answer is not None and answer.text.strip() and _nothing_in(answer):
                continue  # that part is left out; the statement goes on without it
        if answer is None or not answer.text.strip():
            yield Say("Let's leave it there for now. You can pick this up again any time.",
                      style="warm")
            return
        # Said to the partner: "he scrolled the whole time" -> "you scrolled the whole time".
        parts[key] = reflection.addressed(answer.text, partner)
        # Each part is kept as it is given, so a stop or a crash loses nothing said.
        saved = yield Save("i_statement", _record(parts, found, asked), partner=who,
                           replaces=saved)
    if not parts:
        yield Say("That's alright. Some things are hard to put into words. We can try again "
                  "another time.", style="warm")
        return
    if saved is None or len(parts) < 4:
        saved = yield Save("i_statement", _record(parts, found), partner=who, replaces=saved)

    statement = compose(**parts)
    yield Say("Here it is.", style="warm")
    yield Say(statement, style="calm")
    again = yield Ask("Would you like to hear it once more?", partner=who)
    if again is not None and is_yes(again):
        yield Say(statement, style="calm")
    yield Say("Say it when you're both calm, and then listen to the answer. You're doing well.",
              style="warm")
