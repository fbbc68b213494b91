"""Command acceptance on real people's voices (../shared/speech-benchmark), clean and with the
benchmark's kitchen noise at 24 to 6 dB, through Hearth's command grammar built from the
benchmark's grammar. Clips 0, 4, 8, ... (file-name order) are the ones the command settings
were tuned on; the others are reported apart as held out.

Each clip is heard the way `hearth transcribe --intents` hears it: the grammar, then Whisper's
second hearing, whose words replace the grammar's sentence when they are a crisis or (Whisper
sure) another sentence of the grammar; the grammar alone is reported beside it. Whisper
triples the run's cost."""

from assistant.errors import InputError

NAME = "real-speech"
TUNED_EVERY = 4  # clips whose index is a multiple of this were looked at while tuning
ENDPOINT_SILENCES = (0.18, 0.21, 0.24, 0.3)  # 30 ms voice-detector frames: 6, 7, 8, 10


def run(quick: bool) -> list[tuple[str, str]]:
    """Acceptance per condition (tuned and held-out clips apart), real-time factor."""
    from assistant.config import Settings
    from assistant.speech import make_recognizer
    from assistant.speech import real_speech as bench
    from assistant.speech.grammar_intents import load_intents, read_command
    from assistant.speech.pocketsphinx_engine import PocketSphinxRecognizer

    reason = bench.missing_reason()
    if reason:
        raise InputError(reason)
    grammar = bench.grammar_dir()
    intents = load_intents(grammar)
    recognizer = make_recognizer(Settings(), "pocketsphinx", intents=grammar)  # for Whisper
    grammar_alone = PocketSphinxRecognizer(grammar, second_hearing=False)
    every = TUNED_EVERY if quick else 1
    clips = bench.load_clips(every=every, offset=1 if quick else 0)  # quick: held-out only
    noise = bench.kitchen_noise()
    levels = (12, 6) if quick else bench.NOISE_LEVELS_DB

    alone_heard: list[str] = []  # the grammar's sentence for each clip heard, in order

    def hear(audio):
        from assistant.audio.endpoint import trim_silence

        first = grammar_alone.transcribe(audio, "command")
        alone_heard.append(first.text)
        return recognizer.second_opinion(first, True, trim_silence(audio)[0]).text

    def meaning(text):
        command = read_command(text, intents)
        return command.intent, command.slots

    # Clips come in file-name order; in a quick run they are all held-out ones.
    tuned = set() if quick else {c.name for i, c in enumerate(clips) if i % TUNED_EVERY == 0}
    figures = [("clips", f"{len(clips)}" + (" (held-out only, quick run)" if quick else
                                             f" ({len(tuned)} tuned on, "
                                             f"{len(clips) - len(tuned)} held out)"))]
    for snr in (None, *levels):
        label = "clean" if snr is None else f"kitchen {snr} dB"
        alone_heard.clear()
        score = bench.score_condition(label, clips, hear, meaning, snr, noise)
        alone = sum(meaning(text) == (clip.intent, clip.slots)
                    for clip, text in zip(clips, alone_heard))
        missed = {name for name, _ in score.misses}
        held = [c.name for c in clips if c.name not in tuned]
        held_ok = sum(1 for n in held if n not in missed)
        detail = f"held out {100 * held_ok / len(held):.1f}% ({held_ok}/{len(held)})"
        if tuned:
            tuned_ok = len(tuned) - len(tuned & missed)
            detail += f", tuned {100 * tuned_ok / len(tuned):.1f}% ({tuned_ok}/{len(tuned)})"
        figures.append((f"command acceptance, {label}",
                        f"{100 * score.acceptance:.1f}% ({score.accepted}/{score.total}); "
                        f"{detail}; grammar alone {100 * alone / len(clips):.1f}%; "
                        f"real-time factor {score.cpu_seconds / score.audio_seconds:.3f}"))
    # How long a pause ends a spoken request: shorter answers sooner, but cuts people off.
    for silence in ENDPOINT_SILENCES:
        cut = sum(bench.cut_in_two(clip, silence) for clip in clips)
        figures.append((f"requests cut in two by a {silence:.2f} s trailing silence",
                        f"{100 * cut / len(clips):.1f}% ({cut}/{len(clips)})"))
    # Free speech: what dictation recovers of the words people certainly said.
    # (PocketSphinx's general model is slow: a quarter of the clips.)
    engines = [("pocketsphinx", grammar_alone, clips[::4])]
    if getattr(recognizer, "_neural", None) is not None:
        engines.insert(0, ("whisper tiny.en", recognizer._neural, clips[::2] if quick else clips))
    for name, engine, some in engines:
        recall, rtf = bench.slot_word_recall(
            some, lambda audio: engine.transcribe(audio, "dictation").text)
        figures.append((f"dictation slot-word recall, clean, {name} ({len(some)} clips)",
                        f"{100 * recall:.1f}%; real-time factor {rtf:.3f}"))
    return figures
