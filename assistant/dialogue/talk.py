"""The runner's own words: what each intent is called, what Hearth can do, the controls."""

NAMES = {
    "checkin.start": "a check-in",
    "exercise.breathing": "a breathing exercise",
    "exercise.gratitude": "a gratitude round",
    "exercise.reflective_listening": "reflective listening practice",
    "ritual.bedtime": "the bedtime ritual",
    "prompt.conversation": "a conversation question",
    "coach.empathy": "tips on supporting your partner",
    "coach.i_statement": "help turning a complaint into an I-statement",
    "assessment.distance": "the closeness self-check",
    "conflict.cooldown": "a cool-down break",
    "note.leave": "leaving a note",
    "note.play": "hearing your notes",
    "progress.review": "a look at your progress",
    "idea.shared_activity": "an idea to do together",
    "idea.affection": "an affection idea",
    "selfcare.guide": "some self-care",
    "help.professional": "information about therapy",
    "data.forget": "deleting everything Hearth has kept",
    "control.stop": "stopping",
    "control.pause": "pausing",
    "control.resume": "carrying on",
    "control.repeat": "hearing that again",
    "control.slower": "going slower",
    "control.skip": "skipping ahead",
    "control.help": "help",
    "control.yes": "yes",
    "control.no": "no",
}

CONTROL_HELP = ("At any time you can say stop, pause, resume, repeat, slower, or skip.")


def describe(intent: str | None) -> str:
    """A few words naming what an intent does, for "did you mean ...?"."""
    return NAMES.get(intent or "", "something else")


def what_i_can_do(abuse_mentioned: bool = False, asked: bool = False) -> str:
    """What Hearth offers: the answer to "help" (asked) and to anything out of scope."""
    opening = ("Here's what I can do" if asked
               else "That's not something I can do, but here's what I can")
    if abuse_mentioned:
        return (f"{opening}: guide some calm breathing, offer self-care, "
                "or tell you where to find support.")
    return (f"{opening}: a check-in, breathing, gratitude, listening practice, the bedtime "
            "ritual, a conversation question, ideas to do together, or a note for your "
            "partner. What sounds good?")
