"""Commands: chat (typed), listen (voice)."""


def register(sub) -> None:
    """Add this module's commands to the `hearth` parser."""
    p = sub.add_parser("chat", help="talk with Hearth by typing")
    p.add_argument("--speak", action="store_true", help="also speak the replies aloud")
    p.add_argument("--fast", action="store_true", help="shrink every wait (for scripted tests)")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("listen", help="talk with Hearth hands-free (the default command)")
    p.add_argument("--engine", choices=("pocketsphinx", "vosk"), help="speech recogniser")
    p.add_argument("--input-device", help="microphone name or index (see `hearth devices`)")
    p.add_argument("--output-device", help="speaker name or index (see `hearth devices`)")
    p.add_argument("--wake-phrase", help="only take requests that start with this phrase")
    p.set_defaults(func=cmd_listen)


# After Ctrl-C the session closes its journal and devices, then the process leaves. A
# background hearing still running in a native thread pool (CTranslate2, onnxruntime) can keep
# the interpreter's own exit waiting for it; the session is over by then, so nothing is lost by
# not waiting. Should the closing itself hang, the process still ends this many seconds after
# Ctrl-C (with the stacks written to stderr, to say where).
CLOSE_WITHIN_SECONDS = 10


def cmd_listen(args) -> int:
    import faulthandler
    import logging
    import os
    import signal
    import sys

    from assistant.dialogue.session import listen

    def interrupted(signum, frame):
        faulthandler.dump_traceback_later(CLOSE_WITHIN_SECONDS, exit=True)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupted)
    try:
        code = listen(data_dir_override=args.data_dir, engine=args.engine,
                      input_device=_device(args.input_device),
                      output_device=_device(args.output_device), wake_phrase=args.wake_phrase)
    except KeyboardInterrupt:
        code = 130
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _device(spec: str | None) -> str | int | None:
    return int(spec) if spec is not None and spec.isdigit() else spec


def cmd_chat(args) -> int:
    from assistant.dialogue.session import chat

    return chat(data_dir_override=args.data_dir, speak=args.speak, fast=args.fast)
