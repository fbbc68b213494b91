"""The intent catalogue: intents/*.yaml (hassil template syntax), expanded into sentences.

Every template is expanded once into plain sentences: the matcher compares utterances with
these, the speech engines build their command grammars from them, and slot lists give the
synonyms the slot extractor looks for. Building takes seconds, so the result is kept in the
user's cache directory, keyed by a hash of the intent files and of the code that builds it; any
edit to either rebuilds it. It is kept as a pickle: every start loads it, and a pickle of these
plain lists and records loads in half the time the same JSON took to parse and convert.
"""

import hashlib
import logging
import os
import pickle
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import platformdirs

from assistant.paths import intents_dir

log = logging.getLogger(__name__)

INTENT_IDS = (
    "checkin.start", "exercise.breathing", "exercise.gratitude", "exercise.reflective_listening",
    "ritual.bedtime", "prompt.conversation", "coach.empathy", "coach.i_statement",
    "assessment.distance", "conflict.cooldown", "note.leave", "note.play", "progress.review",
    "idea.shared_activity", "idea.affection", "selfcare.guide", "help.professional",
    "safety.crisis", "control.stop", "control.pause", "control.resume", "control.repeat",
    "control.slower", "control.skip", "control.help", "control.yes", "control.no", "data.forget",
)
# What a crisis is about; it chooses the resources read out (see the shared contract).
CONCERNS = ("self_harm", "abuse", "violence", "partner_at_risk", "support_other", "unspecified")
OUT_OF_SCOPE = "none"  # templates under this ID are known off-topic requests
_NUMBER = re.compile(r"\b\d+\b")
_BUILD_CODE = ("catalogue.py", "compile.py", "expand.py", "normalise.py")


def mask_numbers(text: str) -> str:
    """Replace every number with N: which number was said is a slot, not a different intent."""
    return _NUMBER.sub("N", text)


@dataclass(frozen=True)
class Template:
    """One expanded template sentence."""

    intent: str
    text: str  # normalised, numbers masked: what the matcher compares against
    source: str  # the file it came from
    indirect: bool = False  # tells a need or situation rather than asking (see compile.py)


@dataclass
class Catalogue:
    """The loaded catalogue: expanded templates, slot synonyms and crisis phrases."""

    templates: list[Template]
    slot_phrases: dict[str, list[tuple[str, str]]]  # list name -> (normalised phrase, value)
    slot_ranges: dict[str, tuple[int, int]]  # range list name -> (lowest, highest)
    intent_slots: dict[str, list[str]]  # intent -> the slot lists its templates use
    # concern -> patterns; a pattern is a list of parts (said in this order, a few words apart
    # at most), each part a list of normalised alternative phrases
    crisis_patterns: dict[str, list[list[list[str]]]]
    crisis_defusers: list[str]  # normalised phrases that make an overlapping crisis phrase benign
    crisis_examples: dict[str, list[str]]  # concern -> normalised sentences for the meaning check
    spoken_examples: list[tuple[str, str]] = field(default_factory=list)

    def examples(self) -> list[tuple[str, str]]:
        """(intent, sentence) pairs with numbers as words, for speech grammars and tests."""
        return self.spoken_examples

    def vocabulary(self) -> set[str]:
        """Every word an in-scope command can contain."""
        return {word for _, text in self.spoken_examples for word in text.split()}

    def template_columns(self) -> tuple[list[str], list[str], list[bool]]:
        """Every template's text, intent and indirect mark, as three lists (what the matcher
        keeps); from the pickled columns when the templates were never needed as records."""
        if "templates" not in self.__dict__:
            intents, texts, _, indirect = self.__dict__["_columns"]
            return texts, intents, indirect
        return ([t.text for t in self.templates], [t.intent for t in self.templates],
                [t.indirect for t in self.templates])

    # Pickled (the cache, see `load_catalogue`) with the templates as four lists of plain
    # values: loading 24,000 records one by one was 25 ms of every start, and the matcher only
    # needs the columns. The records are made again on first use of `templates`.
    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        templates = state.pop("templates", None)
        if templates is not None:
            state["_columns"] = ([t.intent for t in templates], [t.text for t in templates],
                                 [t.source for t in templates], [t.indirect for t in templates])
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def __getattr__(self, name: str):
        columns = self.__dict__.get("_columns")
        if name != "templates" or columns is None:
            raise AttributeError(name)
        self.templates = [Template(*row) for row in zip(*columns)]
        del self._columns
        return self.templates


def _fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in [*(here / name for name in _BUILD_CODE), *paths]:
        digest.update(path.name.encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"unreadable")  # the build will say what is wrong with it
    return digest.hexdigest()[:24]


def cache_dir() -> Path:
    """Where built catalogues and grammars are kept (HEARTH_CACHE_DIR overrides)."""
    return Path(os.environ.get("HEARTH_CACHE_DIR") or platformdirs.user_cache_dir("hearth"))


def keep_in_cache(path: Path, save, kind: str, keep: int) -> None:
    """Write a file of the cache directory atomically (`save` writes to the temporary path it
    is given: a reader never sees half a file) and keep only the `keep` newest files of its
    kind (a glob: other catalogues, e.g. a test's, have their own); failure is only logged."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.stem}.{os.getpid()}.tmp{path.suffix}")
        save(temporary)
        temporary.replace(path)
        older = sorted(path.parent.glob(kind), key=lambda f: f.stat().st_mtime)
        for stale in older[:-keep]:
            stale.unlink(missing_ok=True)
    except OSError as exc:
        log.info("could not cache %s: %s", path, exc)


def read_array(path: Path, shape: tuple[int | None, ...], dtype: str = "float32"):
    """An array kept in the cache directory as .npy, mapped into memory rather than read: the
    pages a start never touches are never read (most of a 10-25 MB table, for one line), and
    the numbers are the ones saved, bit for bit. None when the file is missing, cut short or of
    another shape or type (`None` in `shape` allows any length there): the caller rebuilds it."""
    import numpy as np

    try:
        array = np.load(path, mmap_mode="r")
    except (OSError, ValueError, EOFError):
        return None
    if (array.dtype != np.dtype(dtype) or array.ndim != len(shape)
            or any(want is not None and want != got for want, got in zip(shape, array.shape))):
        return None
    return np.asarray(array)  # a plain ndarray over the mapping (np.memmap's wrappers cost)


def catalogue_key(directory: Path | None = None) -> str:
    """What names a built catalogue in the cache: its folder and a hash of its files and of the
    code that builds it."""
    directory = Path(directory or intents_dir())
    place = hashlib.sha256(str(directory.resolve()).encode()).hexdigest()[:8]
    return f"{place}-{_fingerprint(sorted(directory.glob('*.yaml')))}"


def read_pickled(path: Path, kind: type):
    """What is pickled at `path` if it is a `kind`, else None (none kept yet, or damaged: the
    caller builds afresh)."""
    try:
        kept = pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - unpickling a cut or garbled file can raise almost anything
        return None
    return kept if isinstance(kept, kind) else None


@cache
def load_catalogue(directory: Path | None = None) -> Catalogue:
    """Load and validate every intents/*.yaml; a broken file names the file and the intent."""
    directory = Path(directory or intents_dir())
    paths = sorted(directory.glob("*.yaml"))
    key = catalogue_key(directory)
    place = key.split("-")[0]
    cached = cache_dir() / f"catalogue-{key}.pickle"
    if paths and (catalogue := read_pickled(cached, Catalogue)) is not None:
        return catalogue
    from assistant.understanding.compile import build_catalogue

    catalogue = build_catalogue(directory, paths)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(pickle.dumps(catalogue, protocol=pickle.HIGHEST_PROTOCOL))
        temporary.replace(cached)  # atomic: a reader never sees half a file
        for stale in [*cached.parent.glob(f"catalogue-{place}-*.pickle"),
                      *cached.parent.glob(f"catalogue-{place}-*.json")]:  # older builds
            if stale != cached:
                stale.unlink(missing_ok=True)
    except OSError as exc:
        log.info("could not cache the catalogue at %s: %s", cached, exc)
    return catalogue
