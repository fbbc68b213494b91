"""Commands: say, voices."""

from pathlib import Path


def register(sub) -> None:
    """Add this module's commands to the `hearth` parser."""
    p = sub.add_parser("say", help="speak text aloud (or write it to a WAV file)")
    p.add_argument("text", nargs="+", help="the words to speak (may be given unquoted)")
    p.add_argument("--voice", help="voice profile name (see `hearth voices`)")
    p.add_argument("--out", type=Path, metavar="F.wav", help="write a WAV file instead of playing")
    p.set_defaults(func=cmd_say)

    p = sub.add_parser("voices", help="list the voice profiles in voices/")
    p.set_defaults(func=cmd_voices)


def cmd_say(args) -> int:
    from assistant.config import load_settings
    from assistant.voice.commands import say_text

    say_text(load_settings(), " ".join(args.text), voice=args.voice, out=args.out)
    return 0


def cmd_voices(args) -> int:
    from assistant.config import load_settings
    from assistant.voice.commands import describe_voices

    print("\n".join(describe_voices(load_settings())))
    return 0
