"""`hearth doctor`: each subsystem checks itself; this module gathers and lays out the results."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    """One thing `hearth doctor` looked at."""

    name: str  # what was checked, e.g. "microphone"
    ok: bool  # whether it is usable
    detail: str  # what was found
    fix: str = ""  # how to fix it when not ok


def run_checks(data_dir=None) -> list[Check]:
    """Config, intents, microphone and speech models, voice and speaker, journal."""
    from assistant.config import config_path, load_settings
    from assistant.errors import HearthError
    from assistant.journal.health import check_journal
    from assistant.speech.checks import checks as speech_checks
    from assistant.understanding import load_catalogue
    from assistant.voice.checks import checks as voice_checks

    try:
        settings = load_settings()
        found = [Check("config", True, f"{config_path()} "
                       f"({'read' if config_path().exists() else 'not present; using defaults'})")]
    except HearthError as exc:
        return [Check("config", False, str(exc), "fix the field named, or move the file aside")]
    try:
        catalogue = load_catalogue()
        found.append(Check("intents", True, f"{len(catalogue.templates)} sentences"))
    except HearthError as exc:
        found.append(Check("intents", False, str(exc), "fix the file and intent named"))
    found += deck_checks()
    found += speech_checks(settings)
    found += voice_checks(settings)
    found.append(check_journal(data_dir))
    return found


def deck_checks() -> list[Check]:
    """The crisis resources (always said: a built-in copy stands in) and every deck file."""
    from assistant.dialogue.resources import BUILT_IN, resources_path, resources_problem
    from assistant.exercises.deck_check import DECKS, PHRASE_FILES, deck_problems

    problem = resources_problem()
    if problem:
        resources = Check("crisis resources", False,
                          f"{problem}; the built-in copy ({', '.join(BUILT_IN)}) is said meanwhile",
                          f"fix the field named in {resources_path()}, or restore the file from "
                          "the project")
    else:
        resources = Check("crisis resources", True, str(resources_path()))
    problems = deck_problems()
    if problems:
        decks = Check("decks", False, "; ".join(problems),
                      "fix the file and field named, or restore decks/ from the project")
    else:
        decks = Check("decks", True, f"{len(DECKS) + len(PHRASE_FILES)} files valid")
    return [resources, decks]


def render(checks: list[Check]) -> str:
    """One line per check, with the fix under anything that is not ok."""
    lines = []
    for check in checks:
        lines.append(f"[{'ok' if check.ok else 'PROBLEM'}] {check.name}: {check.detail}")
        if not check.ok and check.fix:
            lines.append(f"        fix: {check.fix}")
    return "\n".join(lines)
