"""Commands: understand, eval, bench."""

import json
import sys
from pathlib import Path


def register(sub) -> None:
    """Add this module's commands to the `hearth` parser."""
    p = sub.add_parser("understand", help="what Hearth understands from text (JSON)")
    p.add_argument("text", nargs="*", help="the utterance (words may be given unquoted)")
    p.add_argument("--jsonl", action="store_true", help="one utterance per stdin line")
    p.add_argument("--explain", action="store_true", help="also show the top candidates")
    p.add_argument("--audio", nargs="+", type=Path, metavar="FILE",
                   help="understand speech in these audio files (one JSON line each)")
    p.add_argument("--engine", choices=("pocketsphinx", "vosk"), help="speech engine for --audio")
    p.set_defaults(func=cmd_understand)

    p = sub.add_parser("eval", help="score understanding on a labelled TSV file")
    p.add_argument("file", type=Path, help="utterance<TAB>intent<TAB>slots, with a header")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--speak", action="store_true",
                   help="speak each line with the --voices and recognise it (spoken accuracy)")
    p.add_argument("--voices", default="en-us,en-gb,en-us+m3",
                   help="voices, comma-separated: espeak-ng names (en-us, en-gb-scotland+m4), "
                        "piper:NAME (piper:en_US-joe-medium) or festival:NAME "
                        "(festival:kal_diphone)")
    p.add_argument("--rates", default="160", help="speaking rates in words/min, comma-separated")
    p.add_argument("--snr", type=float, help="add pink noise at this signal-to-noise ratio (dB)")
    p.add_argument("--engine", choices=("pocketsphinx", "vosk"), help="speech engine for --speak")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("bench", help="measure speed and latency; prints a report")
    p.add_argument("--quick", action="store_true", help="fewer repetitions")
    p.add_argument("--only", action="append", help="run only this benchmark (repeatable)")
    p.add_argument("--out", type=Path, help="also write the report to this file")
    p.set_defaults(func=cmd_bench)


def cmd_understand(args) -> int:
    import gc

    if args.audio:
        from assistant.cli.speech import understand_audio

        return understand_audio(args)
    # Loading allocates the catalogue and the models' tables, a hundred thousand containers
    # kept to the end: the cycle collector would walk them over and over for nothing (a tenth
    # of a cold start). One utterance and exit needs no collector; --jsonl turns it on once
    # loaded.
    gc.disable()
    from assistant.understanding.cli_io import understand_lines, understand_text
    if args.jsonl:
        return understand_lines(sys.stdin.buffer, sys.stdout, sys.stderr, explain=args.explain)
    print(json.dumps(understand_text(" ".join(args.text), explain=args.explain)))
    return 0


def cmd_eval(args) -> int:
    if args.speak:
        from assistant.cli.speech import eval_spoken

        return eval_spoken(args)
    from assistant.understanding import understand
    from assistant.understanding.evaluate import evaluate, read_tsv

    report = evaluate(read_tsv(args.file), understand)
    print(json.dumps(report.to_json(), indent=2) if args.json else report.render())
    return 0


def cmd_bench(args) -> int:
    from assistant.benchmarks.report import run_benchmarks

    report = run_benchmarks(only=args.only, quick=args.quick)
    print(report)
    if args.out:
        args.out.write_text(report + "\n", encoding="utf-8")
    return 0
