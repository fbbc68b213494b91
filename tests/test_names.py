"""A first name said in a request stands for the partner when matching (names.py)."""

import pytest

from assistant.understanding import understand
from assistant.understanding.names import stand_in_names


@pytest.mark.parametrize("query, expected", [
    ("leave olivia a note saying the bins go out tonight",
     "leave my partner a note saying the bins go out tonight"),
    ("has chris left anything for me", "has my partner left anything for me"),
    ("play the message from priya", "play the message from my partner"),
    # an artist, an introduction and a plain sentence keep their words
    ("play taylor swift", "play taylor swift"),
    ("play elton john", "play elton john"),
    ("i am jordan and this is priya can we do a check in",
     "i am jordan and this is priya can we do a check in"),
    ("we need to talk", "we need to talk"),
])
def test_a_name_said_as_a_person_stands_for_the_partner(query, expected):
    assert stand_in_names(query) == expected


@pytest.mark.parametrize("text, intent", [
    ("did nathan leave me anything while i was out", "note.play"),
    ("tell olivia when she gets home that i'm proud of her", "note.leave"),
    ("play some music by harry styles", "none"),
])
def test_requests_naming_the_partner(text, intent):
    assert understand(text).intent == intent
