"""Score the matcher (or any utterance -> IntentMatch function) on a TSV of labelled utterances.

The TSV has a header and three columns: utterance, intent, slots (`pattern=box;minutes=4`).
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import InputError
from assistant.understanding.result import IntentMatch

CRISIS = "safety.crisis"
NONE = "none"


@dataclass(frozen=True)
class EvalRow:
    """One labelled utterance."""

    text: str
    intent: str
    slots: dict


def parse_slots(cell: str) -> dict:
    """`pattern=box;minutes=4` -> {"pattern": "box", "minutes": 4}."""
    slots: dict = {}
    for pair in filter(None, (p.strip() for p in cell.split(";"))):
        key, sep, value = pair.partition("=")
        if not sep:
            raise ValueError(f"slot {pair!r} is not key=value")
        slots[key.strip()] = int(value) if value.strip().isdigit() else value.strip()
    return slots


def read_tsv(path: Path) -> list[EvalRow]:
    """Read a labelled TSV; errors name the file and line."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror})", str(path)) from exc
    except UnicodeDecodeError as exc:
        raise InputError("is not UTF-8 text", str(path)) from exc
    rows = []
    for number, line in enumerate(lines, start=1):
        cells = line.split("\t")
        if number == 1 and cells[0].strip().lower() == "utterance":
            continue
        if not line.strip():
            continue
        if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
            raise InputError("expected utterance<TAB>intent[<TAB>slots]", f"{path}:{number}")
        try:
            slots = parse_slots(cells[2] if len(cells) > 2 else "")
        except ValueError as exc:
            raise InputError(str(exc), f"{path}:{number}") from exc
        rows.append(EvalRow(cells[0].strip(), cells[1].strip(), slots))
    if not rows:
        raise InputError("has no labelled utterances", str(path))
    return rows


@dataclass
class EvalReport:
    """What `hearth eval` prints."""

    total: int = 0
    correct: int = 0
    slot_rows: int = 0
    slot_correct: int = 0
    none_rows: int = 0
    false_accepts: int = 0
    crisis_rows: int = 0
    crisis_caught: int = 0
    confusion: dict = field(default_factory=lambda: defaultdict(Counter))
    errors: list = field(default_factory=list)  # (text, expected, got, confidence)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def to_json(self) -> dict:
        """The figures as a JSON-ready dict."""
        ratio = lambda a, b: round(a / b, 4) if b else None  # noqa: E731
        return {
            "utterances": self.total,
            "accuracy": ratio(self.correct, self.total),
            "slot_accuracy": ratio(self.slot_correct, self.slot_rows),
            "out_of_scope_false_accepts": ratio(self.false_accepts, self.none_rows),
            "crisis_recall": ratio(self.crisis_caught, self.crisis_rows),
            "errors": [dict(zip(("text", "expected", "got", "confidence"), e))
                       for e in self.errors],
        }

    def render(self) -> str:
        """A readable report: the headline figures, then confusion for intents with errors."""
        j = self.to_json()
        pct = lambda v: "n/a" if v is None else f"{100 * v:.1f}%"  # noqa: E731
        lines = [
            f"utterances             {self.total}",
            f"intent accuracy        {pct(j['accuracy'])} ({self.correct}/{self.total})",
            f"slot accuracy          {pct(j['slot_accuracy'])} "
            f"({self.slot_correct}/{self.slot_rows} rows with slots)",
            f"out-of-scope accepted  {pct(j['out_of_scope_false_accepts'])} "
            f"({self.false_accepts}/{self.none_rows})",
            f"crisis recall          {pct(j['crisis_recall'])} "
            f"({self.crisis_caught}/{self.crisis_rows})",
        ]
        confused = {k: v for k, v in self.confusion.items() if set(v) != {k}}
        if confused:
            lines.append("confusion (expected -> got: count)")
            for expected in sorted(confused):
                got = ", ".join(f"{g}: {n}" for g, n in confused[expected].most_common())
                lines.append(f"  {expected} -> {got}")
        if self.errors:
            lines.append("errors")
            lines += [f"  {t!r}: expected {e}, got {g} ({c:.2f})" for t, e, g, c in self.errors]
        return "\n".join(lines)


def evaluate(rows: Iterable[EvalRow], understand: Callable[[str], IntentMatch]) -> EvalReport:
    """Run every row through `understand` and tally the figures."""
    report = EvalReport()
    for row in rows:
        match = understand(row.text)
        report.total += 1
        report.confusion[row.intent][match.intent] += 1
        if match.intent == row.intent:
            report.correct += 1
        else:
            report.errors.append((row.text, row.intent, match.intent, match.confidence))
        if row.slots:
            report.slot_rows += 1
            report.slot_correct += match.intent == row.intent and match.slots == row.slots
        if row.intent == NONE:
            report.none_rows += 1
            report.false_accepts += match.intent != NONE
        if row.intent == CRISIS:
            report.crisis_rows += 1
            report.crisis_caught += match.intent == CRISIS
    return report


def answer_label(kind: str, text: str) -> str:
    """How the answer interpreter reads `text`, written as the labels of the answer sets
    (tests/data/answers_*.tsv): yes/no/unclear, true/false, minutes, names, "score/word"."""
    from assistant.understanding import answers

    if kind == "yesno":
        return answers.read_yes_no(text)
    if kind == "unmistakable":
        return str(answers.is_unmistakable_yes(text)).lower()
    if kind == "skip":
        return str(answers.is_skip(text)).lower()
    if kind == "minutes":
        value = answers.read_minutes(text)
        return "none" if value is None else str(value)
    if kind == "names":
        return ",".join(answers.read_names(text))
    mood = answers.read_mood(text)
    if mood is None:
        return "none"
    return f"{mood.score}/{mood.word}" if mood.word else str(mood.score)


MOOD_BANDS = {"low": range(1, 5), "middling": range(5, 7), "high": range(7, 11)}


def answer_agrees(kind: str, text: str, expected: str) -> bool:
    """Whether the interpreter reads `text` as labelled: moods as "score/word" (both must
    match), a plain score, none, or a band when no number is said (low = 1-4, middling = 5-6,
    high = 7-10); names as a comma list in any case."""
    from assistant.understanding import answers

    if kind == "mood" and expected in MOOD_BANDS:
        mood = answers.read_mood(text)
        return mood is not None and mood.score in MOOD_BANDS[expected]
    got = answer_label(kind, text)
    if kind == "mood" and expected.isdigit():
        return got.split("/")[0] == expected
    if kind == "names":
        return got.lower().replace(" ", "") == expected.lower().replace(" ", "")
    return got == expected
