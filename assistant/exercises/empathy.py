"""Empathy coaching: why validating comes before fixing, phrases for the user's situation, and
an optional practice where the user says what the partner said and hears an empathetic reply.

Stores only which situation was discussed ("empathy_practice"), never the words: the other
partner may read the journal.
"""

import re

from assistant.dialogue import reflection
from assistant.dialogue.context import Context
from assistant.dialogue.steps import Ask, Save, Say, Script
from assistant.exercises.phrases import EmpathyPhrases, EmpathySituation, empathy_phrases
from assistant.exercises.answer_words import is_yes
from assistant.exercises.replies import mentions_any, wants_another

INTENTS = ("coach.empathy",)
NAME = "tips on supporting your partner"
COUPLES = True  # a couples exercise: left aside once abuse is mentioned
GROUP = "coaching"  # where "help" names it
ABOUT = (  # what "help with ..." says
    "Tell me what your partner is going through, and I'll suggest things to say that show "
    "you understand, before any fixing.")

PHRASES_PER_SITUATION = 3

def reflect(text: str) -> str:
    """Turn a partner's words around: "I'm tired of my boss" -> "you're tired of your boss"."""
    return reflection.swap_voices(text)


def echo_of(partner_said: str) -> str:
    """What goes into a reply's {echo}: their feeling as theirs, or their view as their view."""
    turned = reflect(partner_said)
    if re.match(r"(?i)you\b|you're\b|you've\b|you'd\b|you'll\b|your\b", turned):
        return turned
    return f"you feel that {turned}"


def situation_for(text: str, phrases: EmpathyPhrases) -> EmpathySituation:
    """The situation whose keywords appear most often in the text (the default when none do)."""
    best, best_hits = phrases.situation(phrases.default), 0
    for situation in phrases.situations:
        hits = sum(mentions_any(text, [word]) for word in situation.keywords)
        if hits > best_hits:
            best, best_hits = situation, hits
    return best


def suggested_reply(partner_said: str, situation: EmpathySituation) -> str:
    """An empathetic reply to what the partner said, in the situation's words."""
    return situation.reply.format(echo=echo_of(partner_said.strip().rstrip(".!?")))


def run(ctx: Context) -> Script:
    """Why validate first, phrases for the situation, then optional reply practice."""
    phrases = empathy_phrases()
    for line in phrases.why:
        yield Say(line, style="warm")
    answer = yield Ask("What is your partner going through right now? A sentence is enough.",
                       mode="dictation", partner=ctx.speaker, style="warm")
    if answer is None:
        yield Say("That's alright. Whenever you want some words to offer, just ask.", style="warm")
        return
    situation = situation_for(answer.text, phrases)
    yield Say(f"That sounds like {situation.name}. Here are a few things you could say.",
              style="warm")
    for line in situation.phrases[:PHRASES_PER_SITUATION]:
        yield Say(line, style="warm")
    practised = 0
    answer = yield Ask("Would you like to practise? You say what your partner said, and I'll "
                       "suggest a reply.", partner=ctx.speaker)
    while answer is not None and (is_yes(answer) if practised == 0 else wants_another(answer)):
        said = yield Ask("Go ahead: what did your partner say, in their words?",
                         mode="dictation", partner=ctx.speaker)
        if said is None:
            break
        practised += 1
        fitting = situation_for(said.text, phrases)
        if fitting.id == phrases.default:  # nothing specific: stay with the situation described
            fitting = situation
        yield Say(f"You might try: {suggested_reply(said.text, fitting)}", style="warm")
        yield Say("Put it in your own words, and let your voice be soft.", style="warm")
        answer = yield Ask("Another one?", partner=ctx.speaker)
    yield Save("empathy_practice", {"situation": situation.id, "practised": practised},
               partner=ctx.speaker)
    yield Say("Listening first is a gift. You're doing something kind by learning it.",
              style="warm")
