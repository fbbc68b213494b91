"""Commands: transcribe, devices, models."""

import json
from pathlib import Path


def register(sub) -> None:
    """Add this module's commands to the `hearth` parser."""
    p = sub.add_parser("transcribe", help="the words in audio files (WAV, FLAC, OGG)")
    p.add_argument("files", type=Path, nargs="+", metavar="FILE", help="the audio files")
    p.add_argument("--mode", choices=("command", "dictation"), default="command",
                   help="command: Hearth's requests (fast); dictation: free speech")
    p.add_argument("--engine", choices=("pocketsphinx", "vosk"),
                   help="speech engine (default: vosk when a model is present)")
    p.add_argument("--json", action="store_true",
                   help="one JSON object per file: file, transcript, engine, mode, confidence")
    p.add_argument("--intents", type=Path, metavar="DIR",
                   help="command grammar from your own hassil-style intents folder (adds "
                        "intent and slots to --json)")
    p.set_defaults(func=cmd_transcribe)

    p = sub.add_parser("devices", help="list microphones and speakers")
    p.set_defaults(func=cmd_devices)

    p = sub.add_parser("models", help="list speech models and voices, or download one")
    models = p.add_subparsers(dest="models_command", metavar="ACTION")
    listing = models.add_parser("list", help="the speech models present (the default action)")
    listing.set_defaults(func=cmd_models_list)
    fetch = models.add_parser("download", help="fetch a Vosk model or a Piper voice "
                              "(uses the network)")
    fetch.add_argument("name", nargs="?", help="model name (default: the small US English one), "
                       "or a Piper voice such as en_US-lessac-medium")
    fetch.add_argument("--url", help="download from this address instead of the Vosk site "
                       "(for a Piper voice: the .onnx file's, its .onnx.json beside it)")
    fetch.add_argument("--sha256", help="refuse the download unless it has this checksum")
    fetch.set_defaults(func=cmd_models_download)
    p.set_defaults(func=cmd_models_list)


def _settings():
    from assistant.config import load_settings

    return load_settings()


def cmd_transcribe(args) -> int:
    from assistant.speech.service import transcribe_files

    for result in transcribe_files(args.files, args.mode, args.engine, _settings(), args.intents):
        print(json.dumps(result) if args.json else result["transcript"], flush=True)
    return 0


def cmd_devices(args) -> int:
    from assistant.audio.devices import list_devices

    from assistant.errors import AudioError

    devices = list_devices()
    if not devices:
        raise AudioError("no audio devices found; plug in a microphone and speaker, or check "
                         "that PulseAudio/PipeWire is running")
    for d in devices:
        roles = [r for r, n in (("in", d.inputs), ("out", d.outputs)) if n]
        default = [r for r, yes in (("default in", d.is_default_input),
                                    ("default out", d.is_default_output)) if yes]
        extra = f"  ({', '.join(default)})" if default else ""
        print(f"{d.index:3d}  {d.name}  [{'/'.join(roles)}, {d.default_rate:.0f} Hz]{extra}")
    return 0


def cmd_models_list(args) -> int:
    from assistant.speech.models import KNOWN_MODELS, list_models

    found = list_models(_settings(), args.data_dir)
    for model in found:
        state = f"unusable: {model.problem}" if model.problem else "ready"
        print(f"{model.engine:12s} {model.name:32s} {state}  {model.path}")
    present = {m.name for m in found}
    for name, about in KNOWN_MODELS.items():
        if name not in present:
            print(f"{'vosk':12s} {name:32s} not downloaded: {about} "
                  f"(`hearth models download {name}`)")
    from assistant.voice.piper_voices import model_lines

    print("\n".join(model_lines()))
    return 0


def cmd_models_download(args) -> int:
    from assistant.config import data_dir
    from assistant.speech.models import DEFAULT_MODEL, download_model
    from assistant.voice.piper_voices import PIPER_VOICE_NAME, download_voice

    if args.name and PIPER_VOICE_NAME.match(args.name):
        path = download_voice(args.name, data_dir(args.data_dir) / "voices", url=args.url,
                              sha256=args.sha256)
        print(f"ready: {path}")
        return 0
    path = download_model(args.name or DEFAULT_MODEL, data_dir(args.data_dir) / "models",
                          url=args.url, sha256=args.sha256)
    print(f"ready: {path}")
    return 0


def understand_audio(args) -> int:
    """`hearth understand --audio F1.wav [F2.wav ...]`: one JSON line per file."""
    from assistant.speech.service import understand_files

    for result in understand_files(args.audio, args.engine, _settings()):
        print(json.dumps(result), flush=True)
    return 0


def eval_spoken(args) -> int:
    """`hearth eval --speak FILE.tsv`: spoken intent accuracy over the test voices
    (espeak-ng, Piper, Festival)."""
    from assistant.errors import InputError
    from assistant.speech.service import evaluate_spoken

    voices = [v.strip() for v in args.voices.split(",") if v.strip()]
    try:
        rates = [int(r) for r in args.rates.split(",") if r.strip()]
    except ValueError as exc:
        raise InputError(f"--rates must be whole numbers separated by commas ({exc})") from exc
    report = evaluate_spoken(args.file, voices, rates, args.snr, args.engine, _settings())
    print(json.dumps(report.to_json(), indent=2) if args.json else report.render())
    return 0
