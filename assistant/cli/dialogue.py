"""Commands: chat (typed), listen (voice)."""


def register(sub) -> None:
    """Add this module's commands to the `hearth` parser."""
    p = sub.add_parser("chat", help="talk with Hearth by typing")
    p.add_argument("--speak", action="store_true", help="also speak the replies aloud")
    p.add_argument("--fast", action="store_true", help="shrink every wait (for scripted tests)")
    p.set_defaults(func=cmd_chat)


def cmd_chat(args) -> int:
    from assistant.dialogue.session import chat

    return chat(data_dir_override=args.data_dir, speak=args.speak, fast=args.fast)
