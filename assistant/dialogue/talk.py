"""The runner's own words: what each intent is called, what Hearth can do, the controls."""

from assistant.exercises import exercise_registry

# What the runner itself does; each exercise names itself in its module (NAME).
NAMES = {
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
    exercise = exercise_registry().get(intent or "")
    return exercise.name if exercise else NAMES.get(intent or "", "something else")


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
