"""What understanding returns: nouns only, shared by the matcher, the CLI and the dialogue."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Candidate:
    """One intent the matcher considered, with its best template."""

    intent: str  # intent ID from the catalogue
    score: float  # similarity in [0, 1]: the blend of `semantic` and `fuzzy`
    template: str  # the expanded template sentence that scored best
    semantic: float | None = None  # cosine of the meanings (embedding model), in [-1, 1]
    fuzzy: float | None = None  # rapidfuzz character ratio, in [0, 1]
    indirect: bool = False  # the template tells a need or situation rather than asking
    contextual: float | None = None  # cosine in context (MiniLM), when the match was re-read
    reader: float | None = None  # the intent reader's probability, when the match was re-read


@dataclass(frozen=True)
class IntentMatch:
    """The matcher's answer for one utterance."""

    text: str  # the utterance as given
    intent: str  # an intent ID, or "none" when out of scope
    confidence: float  # in [0, 1]
    slots: dict = field(default_factory=dict)  # normalised: minutes int, pattern, topic
    near_tie: str | None = None  # a second intent almost as likely: ask "did you mean ...?"
    candidates: tuple[Candidate, ...] = ()  # best first, for --explain
    concern: str | None = None  # for safety.crisis: "self_harm", "abuse", ... (never journaled)
    indirect: bool = False  # matched a need or situation ("my heart is racing"), not a request
    in_context: bool = False  # decided by the re-reading in context: the fast match was unsure
    danger: float | None = None  # the crisis reader's probability of any concern, when it read

    def to_json(self) -> dict:
        """The public JSON shape: text, intent, confidence, slots."""
        return {
            "text": self.text,
            "intent": self.intent,
            "confidence": round(self.confidence, 3),
            "slots": self.slots,
        }
