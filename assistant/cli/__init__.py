"""Argument parsing only: each command calls one function elsewhere.

Each module in this package owns a few commands and adds them with `register(subparsers)`.
"""

import argparse
import logging
import sys

from assistant import __version__
from assistant.errors import HearthError

from . import dialogue, doctor, journal, speech, understanding, voice

COMMAND_MODULES = (dialogue, understanding, speech, voice, journal, doctor)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hearth", description="Hearth: an offline voice companion for couples."
    )
    parser.add_argument("--version", action="version", version=f"hearth {__version__}")
    parser.add_argument("--verbose", "-v", action="store_true", help="log what happens")
    parser.add_argument("--data-dir", help="where the journal lives (default: user data dir)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING)
    if args.command is None:  # plain `hearth` is the hands-free session
        args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "listen"])
    try:
        return args.func(args) or 0
    except HearthError as exc:
        print(f"hearth: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`hearth ... | head`): not an error
        sys.stderr.close()
        return 0
