"""Commands: journal list, export, forget, plot, encrypt, decrypt."""

import argparse
import sys
from pathlib import Path




def _commands():
    # Imported when a journal command runs, so other commands start without SQLite and pydantic.
    from assistant.journal import commands

    return commands


def register(sub) -> None:
    """Add this module's commands to the `hearth` parser."""
    journal = sub.add_parser("journal", help="read, export or forget the private journal")
    actions = journal.add_subparsers(dest="journal_command", metavar="ACTION", required=True)

    show = actions.add_parser("list", help="the stored entries, oldest first")
    show.add_argument("--kind", help="only this kind of entry (checkin, gratitude, note, ...)")
    show.add_argument("--partner", help="only this partner's entries")
    show.add_argument("--days", type=_positive, help="only today and the N-1 days before")
    show.add_argument("--limit", type=_positive, help="only the newest N entries")
    show.add_argument("--all", action="store_true", help="include deck bookkeeping entries")
    show.set_defaults(func=_list)

    export = actions.add_parser("export", help="everything stored, as JSON or Markdown")
    form = export.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="JSON (the default)")
    form.add_argument("--markdown", action="store_true", help="a readable Markdown document")
    export.add_argument("--out", type=Path, help="write to this file instead of stdout")
    export.add_argument("--all", action="store_true", help="include deck bookkeeping entries")
    export.set_defaults(func=_export)

    forget = actions.add_parser("forget", help="delete everything stored (asks first)")
    forget.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    forget.set_defaults(func=_forget)

    encrypt = actions.add_parser("encrypt", help="encrypt entries at rest with a passphrase")
    encrypt.set_defaults(func=_encrypt)
    decrypt = actions.add_parser("decrypt", help="store entries in plain text again")
    decrypt.set_defaults(func=_decrypt)

    plot = actions.add_parser("plot", help="draw each partner's mood over time to a PNG")
    plot.add_argument("--out", type=Path, help="PNG to write (default hearth-moods.png)")
    plot.add_argument("--days", type=_positive, help="only today and the N-1 days before")
    plot.set_defaults(func=_plot)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return value


def _list(args) -> int:
    print(_commands().list_entries(
        args.data_dir, args.kind, args.partner, args.days, args.limit, args.all
    ))
    return 0


def _export(args) -> int:
    text = _commands().export_journal(args.data_dir, markdown=args.markdown,
                                   include_bookkeeping=args.all)
    if args.out:
        _commands().write_private(args.out, text)
        print(f"Wrote {args.out}", file=sys.stderr)
    else:
        print(text, end="" if text.endswith("\n") else "\n")
    return 0


def _forget(args) -> int:
    if not args.yes:
        path = _commands().journal_path(args.data_dir)
        if not sys.stdin.isatty():
            print("hearth: journal forget needs --yes when not run from a terminal; "
                  "nothing was deleted", file=sys.stderr)
            return 2
        answer = input(f"Delete everything in {path}? This cannot be undone. Type 'yes': ")
        if answer.strip().lower() != "yes":
            print("Nothing was deleted.")
            return 1
    path = _commands().forget_everything(args.data_dir)
    print(f"Everything in {path} has been deleted.")
    return 0


def _plot(args) -> int:
    out, points = _commands().plot_journal(args.data_dir, args.out, args.days)
    print(f"Wrote {out} ({points} check-in mood{'s' if points != 1 else ''})")
    return 0


def _encrypt(args) -> int:
    path, count = _commands().encrypt_journal(args.data_dir)
    print(f"{path} is now encrypted ({count} entries sealed). Keep the passphrase safe: "
          "without it the entries cannot be read.")
    return 0


def _decrypt(args) -> int:
    path, count = _commands().decrypt_journal(args.data_dir)
    print(f"{path} is no longer encrypted ({count} entries stored in plain text).")
    return 0
