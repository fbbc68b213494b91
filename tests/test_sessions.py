"""The scripted typed sessions of tests/data/sessions.yaml, each through the real runner,
matcher and journal: what Hearth stored and the key things it said."""

import pytest
from sessions import load_sessions, problems, run_session

SESSIONS = load_sessions("sessions.yaml")


@pytest.mark.parametrize("session", SESSIONS, ids=[s["name"] for s in SESSIONS])
def test_session(session, tmp_path):
    said, journal = run_session(session, tmp_path)
    try:
        assert problems(session, said, journal) == [], "\n".join(said)
    finally:
        journal.close()
