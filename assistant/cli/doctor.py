"""Commands: doctor."""


def register(sub) -> None:
    """Add this module's commands to the `hearth` parser."""
    p = sub.add_parser("doctor", help="check microphone, speaker, speech, voice, journal")
    p.set_defaults(func=cmd_doctor)


def cmd_doctor(args) -> int:
    from assistant.doctor import render, run_checks

    checks = run_checks(args.data_dir)
    print(render(checks))
    return 0 if all(c.ok for c in checks) else 1
