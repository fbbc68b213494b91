"""The shape of every journal entry kind: one frozen model per kind (per part, where a kind is
saved in parts), through which entries are saved and read back.

`Journal.save` passes the data of a known kind through its model and stores what the model
gives back (checked types, no unknown fields); `Entry.record` reads it back as the model. Data that does not fit is
still stored as given (an answer is never lost over a field) with an EntryShapeWarning; tests
turn that warning into an error. README "The journal" lists the same kinds and fields.
"""

import warnings
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError


class EntryShapeWarning(UserWarning):
    """An entry's data did not fit its kind's model (it was stored as given)."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- check-in: one entry per answer ----------------------------------------------------------


class CheckinMood(_Record):
    """A partner's mood, the moment it is given."""

    part: Literal["mood"] = "mood"
    mood: int | None = Field(None, ge=1, le=10)  # 1-10; None when only a word was given
    mood_word: str | None = None  # the feeling word heard ("tired", "not great")
    said: str  # the answer as it was said


class CheckinOnMind(_Record):
    """What is on their mind."""

    part: Literal["on_mind"] = "on_mind"
    on_mind: str  # in their words


class CheckinNeed(_Record):
    """What would help them, and from whom."""

    part: Literal["need"] = "need"
    need: str  # in their words
    from_: str | None = Field(None, alias="from")  # the other partner; None for one person


Checkin = Annotated[CheckinMood | CheckinOnMind | CheckinNeed, Field(discriminator="part")]


# --- appreciation and notes ------------------------------------------------------------------


class Gratitude(_Record):
    """One appreciation; saved with the first answer, the why added when it comes."""

    about: str | None  # the partner appreciated; None for a person on their own
    text: str  # what they appreciate
    why: str | None = None  # why it matters
    source: Literal["gratitude", "bedtime"] = "gratitude"  # the exercise it was said in


class Note(_Record):
    """A note left for the other partner (spoken, typed, or kept from a gratitude)."""

    to: str  # who it is for
    from_: str | None = Field(None, alias="from")  # who left it
    text: str  # the words (the transcript of a spoken note)
    audio_path: str | None = Field(  # the kept recording, inside the data directory
        None, validation_alias=AliasChoices("audio_path", "audio"))
    heard: bool = False  # set once played (also recorded by a note_heard entry)


class NoteHeard(_Record):
    """A note was played to the partner it was for."""

    note_id: int  # the note entry's id
    audio_path: str | None = None  # the recording played, if any


# --- exercises -------------------------------------------------------------------------------


class Assessment(_Record):
    """The emotional-distance self-check; saved after the first answer, kept current."""

    name: Literal["distance"] = "distance"
    answers: dict[str, bool | None]  # question id -> yes (the sign is there), no, None: skipped
    yes_count: int = Field(ge=0)  # signs answered yes
    asked: int = Field(ge=0)  # questions answered yes or no
    band: str  # the result band's id (decks/distance_check.yaml)
    complete: bool  # every question was reached


class ListeningMirror(_Record):
    """One speaking turn of reflective listening, completed as the mirror comes."""

    part: Literal["mirror"] = "mirror"
    speaker: str
    listener: str
    speaker_words: str  # what the speaker said (" / " and the correction, if any)
    mirror: str | None = None  # what the listener said back; None until then
    caught: list[str] = []  # key words the mirror caught
    missed: list[str] = []  # key words it missed
    verdict: Literal["good", "partial", "wrong"] | None = None  # how close the mirror was
    confirmed: bool | None = None  # the speaker said the listener got it; None until asked


class ListeningValidation(_Record):
    """The listener's validation and empathy at the end of a round."""

    part: Literal["validation"] = "validation"
    speaker: str
    listener: str
    validation: str | None  # what makes sense about how the speaker feels
    empathy: str | None = None  # what the listener imagines the speaker feels


Listening = Annotated[ListeningMirror | ListeningValidation, Field(discriminator="part")]


class Bedtime(_Record):
    """A finished bedtime ritual (counts for streaks)."""

    steps: list[Literal["phones", "appreciation", "reading", "breaths", "goodnight"]]
    appreciations: int = Field(ge=0)  # appreciations given (each also a gratitude entry)
    reading_minutes: int = Field(ge=0)  # 0 when reading was skipped


class CooldownBreak(_Record):
    """A cool-down break agreed."""

    phase: Literal["break"] = "break"
    minutes: int = Field(ge=1)


class CooldownReturn(_Record):
    """Back from a cool-down break."""

    phase: Literal["return"] = "return"
    minutes: int = Field(ge=1)
    extra_minutes: int = Field(0, ge=0)  # asked for more time on return


Cooldown = Annotated[CooldownBreak | CooldownReturn, Field(discriminator="phase")]


class IStatement(_Record):
    """An I-statement being built; the raw complaint is never stored."""

    statement: str | None  # "I feel … when … because … Could we …?"; None until all parts
    feeling: str | None = None
    situation: str | None = None
    need: str | None = None
    request: str | None = None  # as read back: "Could we …?" or "Could you …?"
    blame_forms: list[str] = []  # ids of the blaming forms heard (decks/blame_patterns.yaml)
    complete: bool = True  # all four parts were given


class EmpathyPractice(_Record):
    """The empathy coach was used."""

    situation: str  # the situation id (decks/empathy_phrases.yaml)
    practised: int = Field(ge=0)  # practice replies given


class Breathing(_Record):
    """A finished breathing exercise."""

    pattern: Literal["box", "4-7-8", "coherent", "sigh"]
    minutes: int = Field(ge=1)
    completed: bool = True
    breaths: int = Field(ge=0)
    pace: float = Field(gt=0)  # 1.0, larger after "slower"


class SelfCare(_Record):
    """A self-care practice offered."""

    practice: str  # the card id, or "grounding-minute"
    topic: str | None = None


class Milestone(_Record):
    """A milestone celebrated, with the counts at that moment."""

    id: str
    checkins: int = Field(ge=0)
    gratitudes: int = Field(ge=0)
    notes: int = Field(ge=0)
    longest_streak: int = Field(ge=0)


class DeckSeen(_Record):
    """A card drawn from a deck (bookkeeping: hidden from lists and exports)."""

    deck: str
    item: str


class DeckReset(_Record):
    """Cards of a deck starting over once all were drawn (bookkeeping)."""

    deck: str
    items: list[str]


# Every kind Hearth stores, and its model (a union of parts where a kind is saved in parts).
KINDS: dict[str, Any] = {
    "checkin": Checkin,
    "gratitude": Gratitude,
    "note": Note,
    "note_heard": NoteHeard,
    "assessment": Assessment,
    "listening": Listening,
    "bedtime": Bedtime,
    "cooldown": Cooldown,
    "i_statement": IStatement,
    "empathy_practice": EmpathyPractice,
    "breathing": Breathing,
    "selfcare": SelfCare,
    "milestone": Milestone,
    "deck_seen": DeckSeen,
    "deck_reset": DeckReset,
}
_ADAPTERS = {kind: TypeAdapter(model) for kind, model in KINDS.items()}


def record(kind: str, data: dict) -> BaseModel | None:
    """The typed record of an entry's data; None for a kind without a model or data that
    does not fit it (older or hand-edited entries are still readable as plain data)."""
    adapter = _ADAPTERS.get(kind)
    if adapter is None:
        return None
    try:
        return adapter.validate_python(data)
    except ValidationError:
        return None


def shaped(kind: str, data: dict) -> dict:
    """The data to store: passed through the kind's model (same fields every time); as given,
    with an EntryShapeWarning, when it does not fit or the kind is unknown."""
    adapter = _ADAPTERS.get(kind)
    if adapter is None:
        warnings.warn(f"entry kind '{kind}' has no model in assistant/journal/kinds.py; "
                      "stored as given", EntryShapeWarning, stacklevel=3)
        return data
    try:
        typed = adapter.validate_python(data)
    except ValidationError as exc:
        problem = exc.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        warnings.warn(f"entry '{kind}' does not fit its model (field '{where}': "
                      f"{problem['msg']}); stored as given. Update assistant/journal/kinds.py "
                      "and the README", EntryShapeWarning, stacklevel=3)
        return data
    return as_data(typed)


def as_data(typed: BaseModel) -> dict:
    """A record as stored JSON data: the fields given (defaults are filled in when it is read
    back), named as written ("from", not "from_")."""
    return typed.model_dump(mode="json", by_alias=True, exclude_unset=True)
