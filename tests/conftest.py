"""Shared fixtures: a private data dir, espeak-ng speech, and a private PulseAudio null sink."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

# One catalogue cache for the whole run, away from the user's own cache directory; removed at
# the end when the run made it (it holds the context model's 90 MB graph when not linked).
_OWN_CACHE = None
if "HEARTH_CACHE_DIR" not in os.environ:
    _OWN_CACHE = tempfile.mkdtemp(prefix="hearth-cache-")
    os.environ["HEARTH_CACHE_DIR"] = _OWN_CACHE


def pytest_sessionstart(session):
    """Train the crisis guard's reader once, before any test starts a `hearth` process that
    would otherwise train it under its own timeout. A reader that `make` already trained in the
    user's cache (same intents, same corpus: the file name says so) is copied instead."""
    import platformdirs

    from assistant.understanding import load_matcher

    ours = Path(os.environ["HEARTH_CACHE_DIR"])
    user_cache = Path(platformdirs.user_cache_dir("hearth"))
    # The matcher's context rows of the templates (half a minute to compute) and the intent
    # reader trained on them (seconds) likewise.
    for trained in [*user_cache.glob("crisis-reader-*.npz"), *user_cache.glob("context-*.npy"),
                    *user_cache.glob("intent-reader-*.npz")]:
        if ".tmp." not in trained.name and not (ours / trained.name).exists():
            ours.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(trained, ours / trained.name)
    # The context model's optimised graph (90 MB): linked, not copied, when the user has it.
    for folder in user_cache.glob("context-model-*"):
        if not folder.name.endswith(".tmp") and not (ours / folder.name).exists():
            try:
                shutil.copytree(folder, ours / folder.name, copy_function=os.link)
            except OSError:
                shutil.rmtree(ours / folder.name, ignore_errors=True)  # built on first use
    load_matcher().crisis_reader()
    load_matcher().intent_reader()


def pytest_sessionfinish(session, exitstatus):
    if _OWN_CACHE:
        shutil.rmtree(_OWN_CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def private_dirs(tmp_path, monkeypatch):
    """Every test gets its own data dir and config path, so no test touches the user's files."""
    monkeypatch.setenv("HEARTH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HEARTH_CONFIG", str(tmp_path / "config.toml"))


def espeak(text: str, path: Path, voice: str = "en-us", rate: int = 160) -> Path:
    """Synthesize `text` to a WAV file with espeak-ng (22.05 kHz mono)."""
    subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(path), text], check=True
    )
    return path


@pytest.fixture
def speak(tmp_path):
    """speak("hello") -> Path of a WAV file with espeak-ng saying it."""
    counter = iter(range(10_000))

    def _speak(text: str, voice: str = "en-us", rate: int = 160) -> Path:
        return espeak(text, tmp_path / f"speech-{next(counter)}.wav", voice, rate)

    return _speak


@pytest.fixture(scope="session")
def null_sink():
    """A private PulseAudio server with a null sink `hearth_null`; its monitor is the default mic.

    Sets PULSE_SERVER/PULSE_SINK/PULSE_SOURCE for the whole test session, so sounddevice
    (PortAudio's ALSA `pulse` device) and any child process use it, never a real sound card.
    """
    from assistant.voice.nullsink import NullSink

    if not shutil.which("pulseaudio"):
        pytest.skip("pulseaudio is not installed (run scripts/install-system-packages.sh)")
    with NullSink() as sink:
        yield sink


@pytest.fixture(scope="session")
def pulse_server(null_sink):
    """The private PulseAudio server's address (see null_sink)."""
    return null_sink.server


@pytest.fixture
def chat(tmp_path):
    """chat(["let's check in", "7", ...]) -> (stdout, exit code) of `hearth chat --fast`.

    The partners are Sam and Alex (from a config file) unless `partners=None` is passed;
    the data dir is the test's own, so the journal can be opened afterwards.
    """
    import sys

    def _chat(lines, partners=("Sam", "Alex"), extra_config: str = "", timeout: float = 60):
        config = Path(os.environ["HEARTH_CONFIG"])
        body = f"partners = {list(partners)!r}\n".replace("'", '"') if partners else ""
        config.write_text(body + extra_config)
        done = subprocess.run(
            [sys.executable, "-m", "assistant", "chat", "--fast"],
            input="".join(f"{line}\n" for line in lines), capture_output=True, text=True,
            timeout=timeout,
        )
        return done.stdout + done.stderr, done.returncode

    return _chat


@pytest.fixture
def journal_after():
    """Open the test's journal (after a chat) to check what was stored."""
    from assistant.journal import Journal

    opened = []

    def _open():
        journal = Journal.open(Path(os.environ["HEARTH_DATA_DIR"]))
        opened.append(journal)
        return journal

    yield _open
    for journal in opened:
        journal.close()
