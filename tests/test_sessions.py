"""The scripted typed sessions of tests/data/sessions*.yaml, each through the real runner,
matcher and journal: what Hearth stored and the key things it said. A session marked `known`
fails for a reason owned by another part of Hearth (named in it): expected to fail until then."""

import pytest
from sessions import load_sessions, problems, run_session

SESSIONS = load_sessions("sessions.yaml") + load_sessions("sessions_flows2.yaml")


def _marks(session: dict) -> list:
    return [pytest.mark.xfail(reason=session["known"], strict=False)] if "known" in session else []


@pytest.mark.parametrize("session", [pytest.param(s, marks=_marks(s)) for s in SESSIONS],
                         ids=[s["name"] for s in SESSIONS])
def test_session(session, tmp_path):
    said, journal = run_session(session, tmp_path)
    try:
        assert problems(session, said, journal) == [], "\n".join(said)
    finally:
        journal.close()
