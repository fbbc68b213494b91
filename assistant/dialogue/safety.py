"""What Hearth says when the crisis guard fires: calm, short, and the region's resources."""

# Resources and load_resources lived here once; still importable from here.
from assistant.dialogue.resources import Resources, load_resources, resources_for  # noqa: F401

ABUSE_CONCERNS = {"abuse", "violence"}


def crisis_reply(concern: str | None, region: str) -> list[str]:
    """The lines to say, in order. Abuse gets the abuse line first; nothing suggests couples work."""
    res = resources_for(region)
    if concern in ABUSE_CONCERNS:
        return [
            "I'm going to stop here, because what you said matters more.",
            "What is happening to you is not your fault, and you deserve to be safe.",
            res.abuse, res.emergency,
            "I won't write any of this down. I'm here if you want to talk about staying safe.",
        ]
    return [
        "I'm going to stop here, because what you said matters more.",
        "I'm really glad you told me. You don't have to carry this alone.",
        res.crisis, res.abuse, res.emergency,
        "I won't write any of this down. I'm here, and I'm listening.",
    ]
