"""What Hearth says when the crisis guard fires: calm, short, and the region's resources, in the
order the concern calls for; and what it says while it stays with the person afterwards.

Concerns (IntentMatch.concern): "self_harm", "abuse" (done to the speaker: violence, coercive
control, threats), "violence" (the speaker fears they will hurt someone), "partner_at_risk"
(the partner threatens to harm themselves), "support_other" (someone else's past abuse or
self-harm, asked about as support: gentle support and resources offered, no lockout),
"unspecified".
"""

import re

# Resources and load_resources lived here once; still importable from here.
from assistant.dialogue.resources import Resources, load_resources, resources_for  # noqa: F401

ABUSE_CONCERNS = {"abuse", "violence"}  # couples exercises are left aside after these
STAYS = "I won't write any of this down. I'm here, and I'm listening."
REPEAT_OFFER = "If you'd like me to say the numbers again, just ask."
NEXT_STEP_AFTER_CRISIS = (
    "A good next step is talking to someone at one of those lines: they listen, and they can "
    "help you think through what to do and how to stay safe. I can say the numbers again, "
    "guide some calm breathing, or just stay here with you.")


def crisis_reply(concern: str | None, region: str) -> list[str]:
    """The lines to say, in order. Abuse gets the abuse line first; nothing suggests couples
    work; a question about supporting someone gets support, not an alarm."""
    res = resources_for(region)
    opening = "I'm going to stop here, because what you said matters more."
    if concern == "abuse":
        return [opening,
                "What is happening to you is not your fault, and you deserve to be safe.",
                res.abuse, res.emergency,
                "I won't write any of this down. I'm here if you want to talk about staying "
                "safe.", REPEAT_OFFER]
    if concern == "violence":
        return [opening,
                "It takes courage to say that. If you feel you might hurt someone, put some "
                "distance between you now: another room, or outside, until it passes.",
                res.abuse, res.emergency, STAYS, REPEAT_OFFER]
    if concern == "partner_at_risk":
        return [opening,
                "That sounds frightening, and you don't have to handle it alone. If your "
                "partner is in danger right now, get help at once.",
                res.emergency, res.crisis,
                "A threat like that can also be a way of keeping someone from leaving. If that "
                "is happening, this line can help too.", res.abuse, STAYS, REPEAT_OFFER]
    if concern == "support_other":
        return support_reply(res)
    return [opening,
            "I'm really glad you told me. You don't have to carry this alone.",
            res.crisis, res.abuse, res.emergency, STAYS, REPEAT_OFFER]


def support_reply(res: Resources) -> list[str]:
    """For someone asking how to support a partner with a painful past: support, and the
    resources offered gently."""
    return [
        "It says a lot that you want to support them well.",
        "What tends to help most: believe them, let them choose how much to share and when, "
        "and ask what feels supportive instead of guessing. You don't need to fix the past; "
        "being steady and patient matters more.",
        f"Support lines help partners too, if either of you wants one. {res.abuse}",
        "I can also share some tips on supporting your partner, or we can do something "
        "together whenever you like.",
    ]


def resources_again(concern: str | None, region: str) -> list[str]:
    """The numbers, said again on request, in the same order as the first time."""
    res = resources_for(region)
    if concern in ABUSE_CONCERNS:
        return [res.abuse, res.emergency]
    if concern == "partner_at_risk":
        return [res.emergency, res.crisis, res.abuse]
    return [res.crisis, res.abuse, res.emergency]


_LISTENING = (
    "I'm here with you. Take all the time you need.",
    "Thank you for telling me. I'm still here, and I'm listening.",
    "I'm here with you. You can tell me more, or just sit with it for a moment.",
)
_NUMBERS = re.compile(r"\b(numbers?|lines?|hotlines?|phone|call|text|who (?:can|do) i (?:call|"
                      r"talk)|resources?|help ?lines?)\b", re.IGNORECASE)


def asks_for_numbers(text: str) -> bool:
    """Whether someone asks to hear the resources again ("can you say the numbers again")."""
    return bool(_NUMBERS.search(text))


def listening_line(turn: int, feeling: str | None = None) -> str:
    """A calm reply while Hearth stays with the person after a crisis reply."""
    line = _LISTENING[turn % len(_LISTENING)]
    if feeling:
        line = f"That sounds really hard, feeling {feeling}. {line}"
    return f"{line} {REPEAT_OFFER}" if turn % len(_LISTENING) == len(_LISTENING) - 1 else line
