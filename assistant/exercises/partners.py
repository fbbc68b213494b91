"""Who answers whom. Hearth serves two partners, or one person on their own (`partners =
["Sam"]`): exercises ask these instead of assuming a second name exists."""

SOMEONE = "someone close to you"  # what a person alone is asked to appreciate


def turns(partners: list[str]) -> list[tuple[str, str | None]]:
    """(who answers, the other partner or None) in answering order: one turn each."""
    if len(partners) < 2:
        return [(partners[0], None)] if partners else []
    first, second = partners[0], partners[1]
    return [(first, second), (second, first)]


def together(partners: list[str]) -> str:
    """The names to greet: "Sam and Alex", or "Sam" alone."""
    return " and ".join(partners[:2])
