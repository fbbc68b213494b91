"""Text from people (names, answers) shown on a terminal, and names checked where they enter.

A newline or an escape sequence printed raw could fake a "Hearth: …" line or restyle the
terminal, so anything shown is passed through `shown`, and names are refused if they hold such
characters in the first place.
"""

import unicodedata

MAX_NAME = 40  # characters; a name is said aloud and printed on every line


def _hidden(char: str) -> bool:
    """Control, format and separator characters: they move the cursor or hide, not print."""
    return unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp")


def shown(text: str) -> str:
    """`text` safe to print: each control or format character as a visible escape (\\x1b)."""
    if text.isprintable():
        return text
    return "".join(
        (char.encode("unicode_escape").decode("ascii") if _hidden(char) else char)
        for char in text
    )


def name_problem(name: str) -> str | None:
    """Why `name` cannot be a partner's name, or None when it can."""
    if not isinstance(name, str) or not name.strip():
        return "a name must not be empty"
    if any(_hidden(char) for char in name):
        return f"{shown(name)!r} holds a control character (a newline or an escape)"
    if len(name.strip()) > MAX_NAME:
        return f"a name can have at most {MAX_NAME} characters"
    if not any(char.isalpha() for char in name):
        return f"{name!r} has no letters"
    return None
