"""Gratitude: each partner names something specific they appreciate about the other, and why.

Saved as a "gratitude" entry {about, text, why} the moment the first answer is given (the
"why" is added to the same entry when it comes); if the partner
agrees, also kept as a "note" {to, text, from, heard, audio_path} for the other to hear later.
"""

from assistant.dialogue import reflection
from assistant.dialogue.context import Context
from assistant.dialogue.steps import Answer, Ask, Save, Say, Script
from assistant.exercises.answer_words import is_empty, is_skip, is_yes, words
from assistant.exercises.partners import SOMEONE, turns

INTENTS = ("exercise.gratitude",)
NAME = "a gratitude round"
COUPLES = True  # a couples exercise: left aside once abuse is mentioned
GROUP = "together"  # where "help" names it
ABOUT = (  # what "help with ..." says
    "In a gratitude round, each of you names one specific thing you appreciate about the "
    "other, and why it matters. I can keep it as a note too.")

# Words that carry no particular moment: "you're nice", "everything", "I love you".
_GENERAL = {
    "you", "you're", "youre", "are", "is", "so", "very", "really", "just", "always", "nice",
    "great", "good", "kind", "sweet", "lovely", "amazing", "awesome", "wonderful", "the", "best",
    "everything", "anything", "all", "of", "it", "i", "love", "like", "appreciate", "that",
    "being", "a", "an", "person", "cool", "fine", "ok", "okay", "my", "partner", "and", "thing",
    "things", "stuff", "lot", "much", "guess", "um", "uh", "well", "hmm", "dunno", "know",
    "don't", "for", "to", "be", "there", "here", "with", "me", "how", "what", "who",
}


def is_vague(text: str) -> bool:
    """Too short or too general to picture a moment ("you're nice", "everything")."""
    specific = [w for w in words(text) if w not in _GENERAL]
    return len(specific) < 2


def reflect(giver: str, receiver: str, text: str, why: str | None) -> str:
    """Told to the receiver: Sam's "you made me tea" -> "Alex, Sam appreciates that you made
    Sam tea." Words not to take literally are not read back as praise."""
    what = reflection.appreciated(text, giver, receiver, "partner")
    if what is None:
        return f"{receiver}, {giver} shared something they appreciate about you."
    line = f"{receiver}, {giver} appreciates {what}"
    if why and not reflection.unsure(why, (giver, receiver)):
        # The partner's he- or she-words are read from the appreciation, which names them.
        pronouns = reflection.partner_pronouns(text) or None
        said = reflection.addressed(reflection.core(reflection.without_because(why)), receiver,
                                    pronouns)
        reason = reflection.retell(said, giver, receiver, "partner")
        line += f". It matters to {giver} because {reason}"
    return line + "."


def _one_partner(giver: str, receiver: str | None) -> Script:
    """Ask, nudge once if vague, ask why, reflect, save, offer a note. Returns False to end.

    `receiver` None: a person on their own appreciates someone close to them; no note is offered.
    """
    answer: Answer | None = yield Ask(
        f"{giver}, what's one thing you appreciate about {receiver or SOMEONE}? The more "
        "specific, the better.", mode="dictation", partner=giver)
    if answer is None:
        return False
    if is_skip(answer) or is_empty(answer) or reflection.is_filler(answer.text):
        yield Say(f"That's all right, {giver}.")  # "no", "nothing really": a pass
        return True
    text = answer.text.strip()
    # Saved at once and completed as the answers come: a stop or a crash keeps what was said.
    saved = yield Save("gratitude", {"about": receiver, "text": text, "why": None},
                       partner=giver)
    if is_vague(text):
        more = yield Ask("That's lovely. Can you think of one moment lately that showed it?",
                         mode="dictation", partner=giver)
        if more is None:
            return False
        if not (is_skip(more) or is_empty(more)):
            text = f"{text}; {more.text.strip()}"
            saved = yield Save("gratitude", {"about": receiver, "text": text, "why": None},
                               partner=giver, replaces=saved)
    why_answer = yield Ask("And why does that mean something to you?", mode="dictation",
                           partner=giver)
    if why_answer is None:
        return False
    why = None
    if not (is_skip(why_answer) or is_empty(why_answer)):
        why = why_answer.text.strip()
        yield Save("gratitude", {"about": receiver, "text": text, "why": why}, partner=giver,
                   replaces=saved)
    if receiver is None:
        yield Say(f"Thank you, {giver}. Noticing moments like that is worth the pause.")
        return True
    yield Say(reflect(giver, receiver, text, why))

    keep = yield Ask(f"Would you like me to keep that as a note for {receiver} to hear later?",
                     partner=giver)
    if is_yes(keep):
        note = text if not why else f"{text}, {why}"
        yield Save("note", {"to": receiver, "text": note, "from": giver, "heard": False,
                            "audio_path": None}, partner=giver)
        yield Say(f"Kept. {receiver} can hear it whenever they ask for their notes.")
    return keep is not None


def run(ctx: Context) -> Script:
    """One appreciation from each partner about the other."""
    pairs = turns(ctx.partners)
    if len(pairs) > 1:
        yield Say("Let's take a moment for appreciation. Each of you will name one thing you "
                  "value in the other, and why it matters.")
    else:
        yield Say("Let's take a moment for appreciation: one thing you value in someone, and "
                  "why it matters.")
    for giver, receiver in pairs:
        go_on = yield from _one_partner(giver, receiver)
        if not go_on:
            yield Say("We can come back to this another time. What you said is kept.")
            return
    if len(pairs) > 1:
        yield Say("Thank you both. Hearing what the other notices is a gift worth coming "
                  "back to.")
