"""I-statements: the user says the complaint as it comes out; Hearth gently names blaming forms,
asks for the feeling, the situation, the need and a request, and reads back
"I feel … when … because … Could we …?".

Stored as one "i_statement" entry, saved with the first part and completed as the others come:
the parts, the finished statement (null until all four are given), the ids of the blaming forms;
the raw complaint is not stored, since the other partner may read the journal.
"""

import re

from assistant.dialogue.context import Context
from assistant.dialogue.steps import Ask, Save, Say, Script
from assistant.exercises.phrases import BlamePattern, BlamePatterns, blame_patterns
from assistant.exercises.answer_words import is_yes
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


def blaming_forms(text: str, patterns: BlamePatterns | None = None) -> list[BlamePattern]:
    """The blaming forms heard in a complaint ("you always", "you never", name-calling, …)."""
    patterns = patterns or blame_patterns()
    return [p for p in patterns.patterns if mentions_any(text, p.phrases)]


def clean_part(part: str, text: str) -> str:
    """Trim what the template already says ("I feel", "when", "because", "could we")."""
    text = text.strip().replace("\u2019", "'").rstrip(".!?,; ")
    for _ in range(3):  # openings can stack: "maybe could we", "I'm feeling really"
        trimmed = re.sub(rf"^(?:{_LEADS[part]})", "", text, flags=re.IGNORECASE).strip()
        if trimmed == text or not trimmed:
            break
        text = trimmed
    return text if re.match(r"I\b", text) else text[:1].lower() + text[1:]


# A request of the partner alone ("you could text me") reads "Could you …?" rather than "we".
_ASK_PARTNER = r"(?:could|can|would|will)\s+you\s+|you\s+(?:could|can|might|would)\s+" \
    r"|(?:i'd|i would) like you to\s+|you\s+(?=\w)"


def request_line(request: str) -> str:
    """"Could we …?" or, when the request is of the partner alone, "Could you …?"."""
    text = clean_part("request", request)
    of_partner = re.match(_ASK_PARTNER, text, flags=re.IGNORECASE)
    if of_partner:
        return f"Could you {text[of_partner.end():]}?"
    if re.search(r"\b(me|my)\b", text) and not re.search(r"\b(we|us|our)\b", text):
        return f"Could you {text}?"  # "just tell me" is asked of the partner
    return f"Could we {text}?"


def compose(feeling: str, situation: str, need: str, request: str) -> str:
    """The finished I-statement."""
    return (f"I feel {clean_part('feeling', feeling)} when {clean_part('situation', situation)} "
            f"because {clean_part('need', need)}. {request_line(request)}")


def _record(parts: dict[str, str], found: list[BlamePattern]) -> dict:
    """The entry for the parts given so far; `statement` once all four are there."""
    done = all(key in parts for key in ("feeling", "situation", "need", "request"))
    return {
        "statement": compose(**parts) if done else None,
        "feeling": clean_part("feeling", parts["feeling"]) if "feeling" in parts else None,
        "situation": clean_part("situation", parts["situation"]) if "situation" in parts
        else None,
        "need": clean_part("need", parts["need"]) if "need" in parts else None,
        "request": request_line(parts["request"]) if "request" in parts else None,
        "blame_forms": [p.id for p in found],
        "complete": done,
    }


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
    parts: dict[str, str] = {}
    saved = None  # one "i_statement" entry, saved with the first part and kept current
    for key, question in questions:
        answer = yield Ask(question, mode="dictation", partner=who)
        if answer is None or not answer.text.strip():
            yield Say("Let's leave it there for now. You can pick this up again any time.",
                      style="warm")
            return
        parts[key] = answer.text
        # Each part is kept as it is given, so a stop or a crash loses nothing said.
        saved = yield Save("i_statement", _record(parts, found), partner=who, replaces=saved)

    statement = compose(**parts)
    yield Say("Here it is.", style="warm")
    yield Say(statement, style="calm")
    again = yield Ask("Would you like to hear it once more?", partner=who)
    if again is not None and is_yes(again):
        yield Say(statement, style="calm")
    yield Say("Say it when you're both calm, and then listen to the answer. You're doing well.",
              style="warm")
