"""The runner's own words: what each intent is called, what Hearth can do, the controls."""

import re

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


GROUPS = (  # how "help" names everything, in this order
    ("together", "Together"), ("coaching", "Coaching and support"),
    ("for one of you", "For one of you"), ("notes and progress", "Notes and progress"),
    ("more", "And"),
)


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", and " + names[-1]


def everything(abuse_mentioned: bool = False) -> str:
    """Everything Hearth can do, grouped; couples exercises left out once abuse is mentioned."""
    exercises = [e for e in exercise_registry().values()
                 if not (abuse_mentioned and e.couples)]
    groups = []
    for key, heading in GROUPS:
        names = sorted({e.name for e in exercises if e.group == key})
        if names:
            groups.append(f"{heading}: {_listed(names)}.")
    return " ".join(groups)


def what_i_can_do(abuse_mentioned: bool = False, asked: bool = False,
                  told: bool = False) -> str:
    """What Hearth offers: the answer to "help" (asked: everything, grouped) and to anything
    out of scope (a short offer; `told`: it was said as talk, not asked for)."""
    if asked:
        return (f"Here's what I can do. {everything(abuse_mentioned)} Say 'help with' and any "
                "of these to hear more.")
    opening = ("I hear you. That's outside what I can help with, but here's what I can do"
               if told else "That's not something I can do, but here's what I can")
    if abuse_mentioned:
        return (f"{opening}: guide some calm breathing, offer self-care, "
                "or tell you where to find support.")
    return (f"{opening}: a check-in, breathing, gratitude, listening practice, the bedtime "
            "ritual, a conversation question, ideas to do together, or a note for your "
            "partner. Say help to hear everything. What sounds good?")


def explain(intent: str) -> str:
    """What one exercise is, for "help with ...", and how to start it."""
    exercise = exercise_registry().get(intent)
    if exercise is None:
        return CONTROL_HELP
    about = exercise.about or f"That's {exercise.name}."
    return f"{about} Just ask whenever you'd like to start."


SMALL_TALK = {
    "greeting": "Hello! It's good to hear from you. What would you like to do? A check-in is a "
                "nice place to start, or say help to hear everything.",
    "thanks": "You're welcome. I'm here whenever you'd like something else.",
    "how_are_you": "I'm well, thank you for asking. How are you both doing? I can start a "
                   "check-in if you'd like to share.",
    "frustrated": "Sorry, I'm not getting this right. Tell me in a few words what you'd like, "
                  "like a check-in, some breathing or a question to talk about, or say help to "
                  "hear everything.",
    "strain": "That sounds really hard. If things are heated, a cool-down break can help: say "
              "cool-down and I'll guide one. Or we could breathe together for a minute.",
}


_HELP_WITH = re.compile(r"^(?:can you )?(?:help with|help on|help about|explain|what (?:is|are) "
                        r"(?:the )?|how (?:do|does) (?P<thing>.+?) work\b)\s*(?P<rest>.*)$",
                        re.IGNORECASE)


def help_with(text: str):
    """For "help with breathing" or "how do notes work": what the rest of it means (an
    IntentMatch), else None."""
    from assistant.understanding import load_matcher

    found = _HELP_WITH.match(text.strip().rstrip("?!."))
    if not found:
        return None
    thing = (found.group("thing") or found.group("rest") or "").strip()
    if not thing:
        return None
    return load_matcher().understand(thing)
