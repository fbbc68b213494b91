"""Scripted typed sessions (tests/data/sessions*.yaml) run through the real runner, matcher and
journal, in-process: what Hearth said and what it stored, checked against each session's
expectations. `python tests/sessions.py FILE...` prints each failure and the pass count.

A session:
    name: what it shows
    partners: [Sam, Alex]      # known names (default); [] for a first run
    lines: ["let's check in", "7", ...]   # what the people type, in order
    later: [...]               # optional: a second session on the same journal
    stored:                    # per kind, the entries in order; each dict must be contained
      checkin: [{part: mood, mood: 7}]
    says: ["you'd like Alex to listen to you"]   # in Hearth's words (case-insensitive)
    never: ["from Alex"]       # never in Hearth's words
    names: [Jordan, Priya]     # the partners the journal ends up with
    known: "why it fails"      # optional: a failure owned elsewhere (expected to fail)
"""

import io
import random
import sys
from pathlib import Path

import yaml

from assistant.config import Settings
from assistant.dialogue.channel import TextChannel
from assistant.dialogue.runner import Runner
from assistant.journal import Journal
from assistant.understanding import load_matcher

DATA = Path(__file__).parent / "data"


def load_sessions(name: str) -> list[dict]:
    return yaml.safe_load((DATA / name).read_text())


def _run_lines(journal: Journal, partners: list[str], lines: list[str]) -> list[str]:
    out = io.StringIO()
    channel = TextChannel(io.StringIO("".join(f"{line}\n" for line in lines)), out)
    Runner(channel, load_matcher(), journal, Settings(partners=partners), fast=True,
           rng=random.Random(7)).session()
    return [line.removeprefix("Hearth: ") for line in out.getvalue().splitlines()
            if line.startswith("Hearth: ")]


def run_session(session: dict, directory: Path) -> tuple[list[str], Journal]:
    """Run the session's lines (and its `later` lines); returns Hearth's lines and the journal."""
    journal = Journal.open(directory)
    partners = list(session.get("partners", ["Sam", "Alex"]))
    said = _run_lines(journal, partners, session["lines"])
    if session.get("later"):
        said += ["--- later ---"] + _run_lines(journal, partners, session["later"])
    return said, journal


def _contains(data: dict, wanted: dict) -> bool:
    for key, value in wanted.items():
        got = data.get(key)
        if isinstance(value, str) and isinstance(got, str):
            if value.lower() not in got.lower():
                return False
        elif got != value:
            return False
    return True


def problems(session: dict, said: list[str], journal: Journal) -> list[str]:
    """What the session expected and did not get (empty when it passes)."""
    found = []
    text = "\n".join(said).lower()
    for phrase in session.get("says", []):
        if phrase.lower() not in text:
            found.append(f"never said {phrase!r}")
    for phrase in session.get("never", []):
        if phrase.lower() in text:
            found.append(f"said {phrase!r}")
    for kind, wanted in (session.get("stored") or {}).items():
        entries = journal.entries(kind=kind)
        got = [dict(e.data, partner=e.partner) for e in entries]
        if len(got) != len(wanted) or not all(map(_contains, got, wanted)):
            found.append(f"stored {kind}: {got}, wanted {wanted}")
    if "names" in session and journal.partners() != session["names"]:
        found.append(f"names {journal.partners()}, wanted {session['names']}")
    return found


if __name__ == "__main__":
    import tempfile

    total = passed = 0
    for name in sys.argv[1:]:
        for session in load_sessions(name):
            total += 1
            with tempfile.TemporaryDirectory() as tmp:
                said, journal = run_session(session, Path(tmp))
                issues = problems(session, said, journal)
                journal.close()
            if issues:
                known = f" (known: {session['known']})" if "known" in session else ""
                print(f"FAIL {session['name']}{known}: " + "; ".join(issues))
                print("     " + "\n     ".join(said))
            else:
                passed += 1
    print(f"{passed}/{total} sessions pass")
