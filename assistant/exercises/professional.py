"""Professional help (help.professional): what couples and individual therapy are for, how to
find a licensed therapist offline, and that abuse is a safety matter, not a couples problem.
"""

from assistant.dialogue.context import Context
from assistant.dialogue.steps import Ask, Exit, Say, Script
from assistant.exercises.answer_words import is_yes
from assistant.exercises.replies import FEAR_WORDS, mentions_any

INTENTS = ("help.professional",)
NAME = "information about therapy"
COUPLES = False  # fine to do alone, also after abuse is mentioned
GROUP = "coaching"  # where "help" names it
ABOUT = (  # what "help with ..." says
    "Information about couples therapy: what it is, how to find a counsellor, and what it "
    "can cost.")

WHAT_IT_IS = (
    "Couples therapy is a space where a trained counsellor helps you both talk and listen "
    "when you keep getting stuck, whether that's the same fight on repeat, a breach of trust, "
    "or simply feeling far apart.",
    "Individual therapy is just for you: stress, low mood, anxiety, old hurts. Feeling steadier "
    "yourself often makes it easier to be close.",
    "Going isn't a sign that something is broken. Many couples go to get better at what they "
    "already do.",
)
ABUSE_NOTE = (
    "One important thing first. If there is hitting, threats, being controlled, or you feel "
    "afraid of your partner, that isn't a problem couples therapy is meant to solve. Your "
    "safety comes first, and there are people whose work is exactly that."
)
HOW_TO_FIND = (
    "Look for a licensed professional, such as a marriage and family therapist, a psychologist, "
    "or a clinical social worker.",
    "Therapist directories from professional associations let you search by area and by "
    "couples work.",
    "Your doctor can give you a referral, and your health insurance can list therapists it covers.",
    "If cost is a worry, ask about sliding-scale fees, community clinics, or training clinics at "
    "universities, where supervised trainees see people for less.",
    "On a first call, it's fine to ask how they work with couples, what a session costs, and "
    "whether they have a space soon.",
)


def run(ctx: Context) -> Script:
    """What therapy is for, a safety question, then how to find a therapist."""
    for line in WHAT_IT_IS:
        yield Say(line, style="warm")
    yield Say(ABUSE_NOTE, style="calm")
    answer = yield Ask("Is anything like that happening for you?", partner=ctx.speaker,
                       style="calm")
    if answer is None:
        return
    if is_yes(answer) or mentions_any(answer.text, FEAR_WORDS):
        return Exit(next_intent="safety.crisis")
    answer = yield Ask("Would you like to hear how to find a therapist?", partner=ctx.speaker,
                       style="warm")
    if answer is None:
        return
    if mentions_any(answer.text, FEAR_WORDS):
        return Exit(next_intent="safety.crisis")
    if is_yes(answer):
        for line in HOW_TO_FIND:
            yield Say(line, style="warm")
    yield Say("Reaching out for help is a caring thing to do, for yourself and for each other.",
              style="warm")
