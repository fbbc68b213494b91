"""Where speech models live, whether they are complete, and fetching a Vosk model.

Vosk models are searched, in order: the configured `vosk_model`, the project's models/ folder
(HEARTH_MODELS_DIR), then `<data dir>/models`. `download_model` is the only network use in Hearth.
"""

import hashlib
import logging
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

from assistant.config import Settings, data_dir
from assistant.errors import ModelError
from assistant.paths import models_dir

logger = logging.getLogger(__name__)

_BASE_URL = "https://alphacephei.com/vosk/models/"
# Models that work with command grammars (dynamic graph) and fit a small home machine.
KNOWN_MODELS = {
    "vosk-model-small-en-us-0.15": "US English, small (40 MB), fast; the recommended one",
    "vosk-model-en-us-0.22-lgraph": "US English, medium (128 MB), more accurate dictation",
}
DEFAULT_MODEL = "vosk-model-small-en-us-0.15"


@dataclass(frozen=True)
class ModelInfo:
    """One speech model Hearth can use."""

    engine: str  # "pocketsphinx" or "vosk"
    name: str  # directory name or "en-us (built in)"
    path: Path  # where it is
    problem: str = ""  # why it cannot be used; "" when it is complete


def vosk_model_problem(path: Path) -> str:
    """What is missing from a Vosk model directory, or "" when it looks complete."""
    if not path.exists():
        return "does not exist"
    if not path.is_dir():
        return "is not a directory"
    missing = [part for part in ("am/final.mdl", "conf/mfcc.conf") if not (path / part).is_file()]
    graph = path / "graph"
    if not ((graph / "HCLG.fst").is_file() or (graph / "HCLr.fst").is_file()):
        missing.append("graph/HCLG.fst or graph/HCLr.fst")
    return f"is incomplete (missing {', '.join(missing)})" if missing else ""


def vosk_search_dirs(data_override: str | Path | None = None) -> list[Path]:
    """Folders that may hold Vosk model directories, in the order they are searched."""
    return [models_dir(), data_dir(data_override) / "models"]


def find_vosk_model(settings: Settings, data_override: str | Path | None = None) -> Path | None:
    """The Vosk model to use: the configured one (which must be complete), else the first
    complete one found; None when there is none."""
    if settings.vosk_model is not None:
        path = Path(settings.vosk_model).expanduser()
        problem = vosk_model_problem(path)
        if problem:
            raise ModelError(
                f"the Vosk model {problem}; run `hearth models download` or fix 'vosk_model' "
                "in the config file", str(path)
            )
        return path
    for folder in vosk_search_dirs(data_override):
        if folder.is_dir():
            for candidate in sorted(folder.iterdir()):
                if candidate.name.startswith("vosk-model") and not vosk_model_problem(candidate):
                    return candidate
    return None


def list_models(settings: Settings, data_override: str | Path | None = None) -> list[ModelInfo]:
    """Every speech model present, complete or not."""
    from pocketsphinx import get_model_path

    found = [ModelInfo("pocketsphinx", "en-us (built in)", Path(get_model_path("en-us")))]
    seen = set()
    candidates = [Path(settings.vosk_model).expanduser()] if settings.vosk_model else []
    for folder in vosk_search_dirs(data_override):
        if folder.is_dir():
            candidates += [p for p in sorted(folder.iterdir()) if p.name.startswith("vosk-model")]
    for path in candidates:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            found.append(ModelInfo("vosk", path.name, path, vosk_model_problem(path)))
    return found


def download_model(
    name: str = DEFAULT_MODEL,
    dest: Path | None = None,
    url: str | None = None,
    sha256: str | None = None,
    progress: bool = True,
) -> Path:
    """Fetch a Vosk model zip, verify it, and unpack it into `dest` (the data dir's models/)."""
    from tqdm import tqdm

    dest = dest or data_dir() / "models"
    url = url or f"{_BASE_URL}{name}.zip"
    target = dest / name
    if target.exists() and not vosk_model_problem(target):
        logger.info("%s is already present", target)
        return target
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest, prefix=".download-") as tmp:
        archive = Path(tmp) / f"{name}.zip"
        digest = hashlib.sha256()
        try:
            with urllib.request.urlopen(url, timeout=30) as response, open(archive, "wb") as out:
                total = int(response.headers.get("Content-Length") or 0) or None
                with tqdm(total=total, unit="B", unit_scale=True, desc=name,
                          disable=not progress) as bar:
                    while block := response.read(1 << 16):
                        out.write(block)
                        digest.update(block)
                        bar.update(len(block))
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise ModelError(
                f"could not download {url} ({getattr(exc, 'reason', exc)}); check the network "
                f"connection, or download the zip by hand and unpack it into {dest}"
            ) from exc
        if sha256 and digest.hexdigest() != sha256.lower():
            raise ModelError(f"the download of {url} is corrupt (checksum mismatch); try again")
        try:
            with zipfile.ZipFile(archive) as bundle:
                broken = bundle.testzip()
                if broken:
                    raise ModelError(f"the download of {url} is corrupt ({broken}); try again")
                bundle.extractall(tmp)
        except zipfile.BadZipFile as exc:
            raise ModelError(f"the download of {url} is not a zip archive; try again") from exc
        unpacked = Path(tmp) / name
        if not unpacked.is_dir():
            dirs = [p for p in Path(tmp).iterdir() if p.is_dir()]
            unpacked = dirs[0] if len(dirs) == 1 else Path(tmp)
        problem = vosk_model_problem(unpacked)
        if problem:
            raise ModelError(f"the archive from {url} is not a Vosk model: it {problem}")
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(unpacked), target)
    return target
