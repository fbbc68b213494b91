"""Conversation prompts: a question from decks/prompts.yaml (of the asked topic, if any), never
repeated until that part of the deck is used up; then "another one", or done.
"""

import re

from assistant.dialogue.context import Context
from assistant.dialogue.steps import Answer, Ask, Say, Script
from assistant.exercises.answer_words import is_no, is_skip, is_yes, words
from assistant.exercises.decks import draw, load_deck
from assistant.understanding.another import wants_another
from assistant.understanding.second_thoughts import final_say

INTENTS = ("prompt.conversation",)
NAME = "a conversation question"
COUPLES = True  # a couples exercise: left aside once abuse is mentioned
GROUP = "together"  # where "help" names it
ABOUT = (  # what "help with ..." says
    "I ask you both a question to talk about, light or deep. Say another for a new one, "
    "or done.")

DECK = "prompts"
SHORT_REPLY = 5  # words: longer answers are taken as conversation, not a reply to Hearth
SURE = 0.8  # a longer reply asks for a question only when the matcher is this sure
MAX_UNCLEAR = 3  # answers that are neither "another" nor "done" before closing kindly
_ANOTHER = {"another", "next", "more", "different", "new", "again"}
_DONE = {"done", "finished", "enough", "stop", "that's", "thanks", "thank", "bye", "goodnight"}
CLOSE = "Enjoy the conversation. I'm here when you want another."
# What this question expects, even where it would be a control elsewhere ("one more" is not
# "repeat", "done" is not "stop").
ANSWERS = ("one more", "another", "next", "more", "done", "enough", "finished")


# "meh we did that", "we've had this one", "boring": this question, not the exercise, is done.
_HAD_IT = re.compile(r"\b(?:did|done|had|heard|answered|talked about|covered) (?:that|this|it)"
                     r"(?: one)?(?: already| before)?$|\balready (?:did|done|had|heard|"
                     r"answered)\b|^(?:meh |nah |ugh )?(?:boring|pass)$")


_ABOUT_THE_QUESTION = re.compile(r"\b(?:good|great|nice|fun|interesting|lovely|tough|hard|"
                                 r"deep|big|tricky) (?:one|question)\b")


def decide(answer: Answer) -> str | None:
    """"another", "done", or None when the answer is neither (probably just conversation).
    The last words count: "done, no wait, another one" is another."""
    tokens = words(final_say(answer.text))
    said = set(tokens)
    if _ABOUT_THE_QUESTION.search(" ".join(tokens)):
        return None  # "ooh good one": they are taking it up, not asking for the next
    if len(tokens) <= SHORT_REPLY and (_HAD_IT.search(" ".join(tokens))
                                       or wants_another(final_say(answer.text))):
        return "another"  # "no not that one": this question is done with, not the exercise
    if len(tokens) <= SHORT_REPLY:  # a longer reply is the couple talking, not to Hearth
        if said & _ANOTHER:
            return "another"
        if said & _DONE or is_no(answer):
            return "done"
    if answer.intent in ("control.no", "control.stop"):
        return "done"
    short = len(tokens) <= SHORT_REPLY  # "haha good one, we talked about that ..." is talk
    if (answer.intent == "prompt.conversation" and (short or answer.match.confidence >= SURE)
            or answer.intent in ("control.yes", "control.skip") and short):
        return "another"
    if len(tokens) <= SHORT_REPLY and (is_yes(answer, strict=True) or is_skip(answer)):
        return "another"
    return None


def topic_asked(answer: Answer, topics: set[str]) -> str | None:
    """A topic named in the answer ("something fun"), from its slots or its words."""
    slot = answer.match.slots.get("topic") if answer.match else None
    if slot in topics:
        return slot
    named = [w for w in words(answer.text) if w in topics]
    return named[0] if named else None


def run(ctx: Context) -> Script:
    """Ask a fresh question, wait for "another one" or "done", repeat."""
    deck = load_deck(DECK)
    topic = ctx.slots.get("topic")
    if topic not in deck.topics():
        topic = None
    lead = "Here's one for you both."
    while True:
        item, saves = draw(ctx, deck, topic)
        # Not `yield from saves`: a list cannot receive the entry ids the runner sends back.
        for save in saves:  # noqa: UP028
            yield save
        yield Say(f"{lead} {item.text}", style="bright")
        if item.detail:
            yield Say(item.detail, style="bright")
        question = "Take your time. When you're ready, say another one, or done."
        for _ in range(MAX_UNCLEAR):
            answer = yield Ask(question, style="bright", answers=ANSWERS)
            if answer is None:
                yield Say(CLOSE, style="bright")
                return
            choice = decide(answer)
            if choice:
                break
            question = "Whenever you're ready: another one, or done?"
        else:
            yield Say(CLOSE, style="bright")
            return
        if choice == "done":
            yield Say(CLOSE, style="bright")
            return
        topic = topic_asked(answer, deck.topics()) or topic
        lead = "Here's another."
