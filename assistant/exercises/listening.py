"""Reflective listening: one partner speaks in short turns, the other mirrors what they heard,
Hearth says kindly what was caught and missed, then validation and empathy, then swap.

Each turn is one "listening" entry, saved when the speaker has spoken and completed as the
mirror and the confirmation come (null until then):
    {"part": "mirror", "speaker", "listener", "speaker_words", "mirror", "caught", "missed",
     "verdict", "confirmed"}
("caught"/"missed": the speaker's parts the mirror kept or left out; "verdict": "good",
"partial" or "wrong", judged by meaning in assistant/understanding/mirror.py)
and the listener's validation and empathy as {"part": "validation", "speaker", "listener",
"validation", "empathy"}. A drawn topic is remembered in the "listening" deck.
"""

from assistant.dialogue.context import Context
from assistant.dialogue.steps import Answer, Ask, Save, Say, Script
from assistant.dialogue import reflection
from assistant.exercises.answer_words import (
    is_empty,
    is_no,
    is_skip,
    is_yes,
    join_words,
    words,
)
from assistant.exercises.decks import draw, load_deck
from assistant.understanding.corrections import restated
from assistant.understanding.mirror import MirrorCheck, compare_mirror, sounds_like_advice

INTENTS = ("exercise.reflective_listening",)
NAME = "reflective listening practice"
COUPLES = True  # a couples exercise: left aside once abuse is mentioned
GROUP = "together"  # where "help" names it
ABOUT = (  # what "help with ..." says
    "In listening practice, one of you talks and the other says back what they heard in "
    "their own words; I tell you kindly what was caught or missed, then you swap.")

MAX_TURNS = 3  # speaking turns per round before moving on to validation
SPOKEN_ALREADY = 6  # words: a longer answer to "suggest a topic?" is the speaker beginning
_SUGGEST = {"suggest", "suggestion", "topic", "idea", "pick", "choose", "give", "something"}


def _ask(question: str, partner: str | None = None, dictation: bool = True) -> Script:
    """The answer, or None when nobody answered (then the practice ends gently)."""
    return (yield Ask(question, mode="dictation" if dictation else "command", partner=partner))


def choose_speaker(answer: Answer, partners: list[str], asked_by: str | None) -> str:
    """Who speaks first, from "Alex", "me", "Alex first" or anything else (the first partner)."""
    said = words(answer.text)
    for name in partners:
        if name.lower() in said:
            return name
    if {"me", "i", "i'll", "myself"} & set(said) and asked_by in partners:
        return asked_by
    return partners[0]


_SUBJECTS = ("i ", "i'm", "i've", "i'd", "we ", "we're", "you ", "you're", "it ", "it's", "my ",
             "your ", "our ", "the ", "they ", "he ", "she ")
MISSED_NAMED = 2  # missed parts named at most, so the feedback stays short


def _as_told(part: str, speaker: str, listener: str) -> str:
    """One of the speaker's parts, told to the listener: "that Sam wishes you'd put the phone
    down" or "the part about when you corrected Sam"."""
    told = reflection.retell(reflection.core(part), speaker, listener, "partner", then_they=True)
    starts_with_subject = (part.lower() + " ").startswith(_SUBJECTS)
    return f"that {told}" if starts_with_subject else f"the part about {told}"


def feedback(speaker: str, listener: str, check: MirrorCheck) -> str:
    """A kind line on whether the mirror kept what the speaker meant, and what it missed."""
    if check.reason == "empty":
        return "Thank you."
    if check.reason == "keywords":
        return (f"Those are some of {speaker}'s words. Try saying it back as a sentence, the "
                f"way you understood it, as if you were telling {speaker} what you heard.")
    if check.reason == "reversed":
        return (f"Careful: that sounds like the opposite of what {speaker} said. {speaker} said "
                f"{_as_told(check.reversed[0], speaker, listener).removeprefix('that ')}.")
    if check.reason == "blame":
        return (f"That part is yours, not {speaker}'s: \"{check.added[0]}\". For now, say back "
                f"only what {speaker} said; your side comes when you swap.")
    missed = join_words([_as_told(p, speaker, listener) for p in check.missed[:MISSED_NAMED]])
    if check.reason == "off":
        return f"That's not quite it yet. {speaker} was saying {missed.removeprefix('that ')}."
    if check.reason == "missed":
        return f"You caught part of it. You didn't mention {missed}."
    return f"That's it: you kept what {speaker} meant, in your own words. Well listened."


def _mirror(speaker: str, listener: str, spoken: str) -> Script:
    """Ask the listener to say back what they heard; steer away from advice once."""
    mirror = yield from _ask(f"{listener}, what did you hear? You could begin with: "
                             "what I heard is.", listener)
    if mirror is not None and sounds_like_advice(mirror.text):
        mirror = yield from _ask(
            f"That sounds like a suggestion, and those can wait. For now, just say back what "
            f"{speaker} said, in your own words.", listener)
    if mirror is None:
        return None
    check = (compare_mirror(spoken, mirror.text) if not is_skip(mirror)
             else MirrorCheck("wrong", "empty"))
    yield Say(feedback(speaker, listener, check))
    return mirror, check


def _round(speaker: str, listener: str, already_said: Answer | None = None) -> Script:
    """One speaker, up to MAX_TURNS turns, then validation and empathy; None when nobody
    answered. `already_said`: the speaker began before being asked to."""
    spoken = already_said or (
        yield from _ask(f"{speaker}, go ahead. A few sentences at a time is plenty.", speaker))
    for _turn in range(MAX_TURNS):
        if spoken is None:
            return None
        if is_skip(spoken) or is_empty(spoken):
            break
        # One entry per turn, saved as soon as the speaker has spoken and completed as the
        # mirror and the confirmation come, so a stop or a crash keeps every word said.
        turn = {"part": "mirror", "speaker": speaker, "listener": listener,
                "speaker_words": spoken.text.strip(), "mirror": None, "caught": [],
                "missed": [], "verdict": None, "confirmed": None}
        saved = yield Save("listening", dict(turn), partner=speaker)
        mirrored = yield from _mirror(speaker, listener, spoken.text)
        if mirrored is None:
            return None
        mirror, check = mirrored
        turn.update(mirror=mirror.text.strip(), caught=check.caught, missed=check.missed,
                    verdict=check.verdict)
        saved = yield Save("listening", dict(turn), partner=speaker, replaces=saved)
        confirm = yield from _ask(f"{speaker}, did {listener} get that?", speaker,
                                  dictation=False)
        if confirm is None:
            return None
        confirmed, correction = is_yes(confirm), None
        if not confirmed and not is_skip(confirm):
            # "no, I said ..." says it again; "no that's the opposite" only comments
            correction = restated(confirm.text)
            if correction is None:
                again_said = yield from _ask(f"What would you like {listener} to hear again?",
                                             speaker)
                if again_said is None:
                    return None
                # "yes", "the same": hear the first words again, not "yes" as what was said.
                plain = is_yes(again_said) or is_no(again_said) or is_skip(again_said)
                correction = (spoken.text if plain or reflection.is_filler(again_said.text)
                              else again_said.text)
            turn["speaker_words"] = f"{spoken.text.strip()} / {correction}"
            saved = yield Save("listening", dict(turn), partner=speaker, replaces=saved)
            mirrored = yield from _mirror(speaker, listener, correction)
            if mirrored is None:
                return None
            again, check = mirrored
            mirror = Answer(f"{mirror.text} / {again.text}")
            confirm = yield from _ask(f"{speaker}, did {listener} get it this time?", speaker,
                                      dictation=False)
            if confirm is None:
                return None
            confirmed = is_yes(confirm)  # one correction per turn is enough to go on
        turn.update(mirror=mirror.text.strip(), caught=check.caught, missed=check.missed,
                    verdict=check.verdict, confirmed=confirmed)
        yield Save("listening", turn, partner=speaker, replaces=saved)
        if _turn == MAX_TURNS - 1:
            break
        more = yield from _ask(f"{speaker}, is there more?", speaker)
        if more is None:
            return None
        if is_yes(more) and len(words(more.text)) <= 3:
            spoken = yield from _ask("Go ahead.", speaker)
        elif is_no(more) or is_skip(more) or len(words(more.text)) <= 3:
            break
        else:
            spoken = more  # they simply carried on talking

    validation = yield from _ask(
        f"{listener}, now let {speaker} know what makes sense about how they feel. You might "
        "start with: it makes sense that you'd feel that way, because.", listener)
    if validation is not None and sounds_like_advice(validation.text):
        validation = yield from _ask(
            "Let's leave solutions for another time. What part of it makes sense to you?",
            listener)
    if validation is None:
        return None
    answered = {"part": "validation", "speaker": speaker, "listener": listener,
                "validation": None if is_skip(validation) else validation.text.strip(),
                "empathy": None}
    saved = yield Save("listening", dict(answered), partner=listener)  # kept before the next
    empathy = yield from _ask(
        f"And what do you imagine {speaker} might be feeling? You could try: I imagine you "
        "might feel.", listener)
    if empathy is None:
        return None
    answered["empathy"] = None if is_skip(empathy) else empathy.text.strip()
    yield Save("listening", answered, partner=listener, replaces=saved)
    yield Say(f"Thank you, {listener}. And thank you, {speaker}, for sharing that.")
    return True


def run(ctx: Context) -> Script:
    """Choose roles and maybe a topic, run a round each way, and close."""
    if len(ctx.partners) < 2:
        yield Say("Reflective listening takes two: one of you talks while the other listens "
                  "and says back what they heard. When your partner can join you, ask me "
                  "again. Until then, I can guide some breathing or a moment of self-care.")
        return
    first, second = ctx.partners[0], ctx.partners[1]
    yield Say("Let's practise listening. One of you talks, the other says back what they "
              "heard. No fixing or advice for now, just hearing each other. Then you swap.")
    ended = "Let's leave it there for now. What you shared is kept."
    who = yield from _ask(f"Who would like to speak first, {first} or {second}?",
                          dictation=False)
    # Someone who starts talking instead of saying who goes first ("I feel like I do all the
    # housework ...") is the speaker, and what they said is where the round starts.
    talking = who is not None and len(words(who.text)) > SPOKEN_ALREADY and not any(
        name.lower() in words(who.text) for name in (first, second))
    offer = who if talking or who is None else (
        yield from _ask("Would you like me to suggest a gentle topic?", dictation=False))
    if offer is None:
        yield Say(ended)
        return
    speaker = choose_speaker(who, [first, second], ctx.speaker)
    listener = second if speaker == first else first
    began = None  # the speaker started talking instead of answering about a topic
    said = words(offer.text)
    if len(said) > SPOKEN_ALREADY and not {"suggest", "suggestion", "topic"} & set(said):
        began = offer
        yield Say(f"Let's start with that. {listener}, listen for what {speaker} feels and "
                  "needs.")
    elif is_yes(offer) or _SUGGEST & set(words(offer.text)) and not is_no(offer):
        item, saves = draw(ctx, load_deck("listening"))
        # Not `yield from saves`: a list cannot receive the entry ids the runner sends back.
        for save in saves:  # noqa: UP028
            yield save
        yield Say(f"Here's one: {item.text}")
    else:
        yield Say("All right, whatever is on your mind is welcome.")
    if (yield from _round(speaker, listener, began)) is None:
        yield Say(ended)
        return
    yield Say(f"Now let's swap. {listener}, it's your turn to speak, and {speaker} listens.")
    if (yield from _round(listener, speaker)) is None:
        yield Say(ended)
        return
    yield Say("That's the practice. Being heard without being fixed is a quiet kind of care. "
              "Thank you both.")
