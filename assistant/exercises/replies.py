"""Reading the short replies the coaching and idea scripts need, on top of answer_words:
a yes/no for a questionnaire, "another one" or "done", minutes, a partner's name.
"""

import re

from text_to_num import alpha2digit

from assistant.dialogue.steps import Answer
from assistant.exercises.answer_words import is_no, is_skip, is_yes, words
from assistant.understanding.another import wants_another as asks_for_another
from assistant.understanding.second_thoughts import final_say

# In a questionnaire, "sometimes" or "a bit" still means the sign is there.
_SOMEWHAT_YES = ("sometimes", "often", "a bit", "a little", "kind of", "kinda", "mostly",
                 "i do", "i am", "i have", "they do", "they have", "it has", "we do", "true",
                 "a lot", "lately", "yes", "yeah", "sure")
_SOMEWHAT_NO = ("never", "rarely", "not really", "not at all", "i don't", "i haven't",
                "they don't", "they haven't", "we don't", "it hasn't", "false", "hardly")
_MORE = ("another", "one more", "something else", "a different one", "different", "more",
         "again", "next")
_DONE = ("done", "stop", "that's all", "that's it", "enough", "finished", "i'm done",
         "we're done", "that's good", "that's enough", "that one", "thanks", "thank you")


def _phrase(answer: Answer) -> str:
    return " ".join(words(answer.text))


def _starts(phrase: str, options: tuple[str, ...]) -> bool:
    return any(phrase == o or phrase.startswith(o + " ") for o in options)


def yes_no(answer: Answer) -> bool | None:
    """True for yes (or "sometimes"), False for no (or "rarely"), None when unclear."""
    if is_no(answer):
        return False
    if is_yes(answer):
        return True
    phrase = _phrase(answer)
    if _starts(phrase, _SOMEWHAT_NO):
        return False
    if _starts(phrase, _SOMEWHAT_YES):
        return True
    return None


# Turning an idea down is asking for another: "meh we did that", "not that one".
_NOT_THIS = ("meh", "nah", "no", "nope", "not that", "not this", "not really", "did that",
             "done that", "we did", "we've done", "boring", "don't like", "do not like",
             "not for us", "not feeling", "hmm no", "something else", "skip", "pass")


def card_reply(answer: Answer, yes_means: str = "done") -> str | None:
    """What someone wants after an idea: "another" or "done" (None when unclear). A yes means
    `yes_means`: "done" after "how does that sound?", "another" after "another one?"."""
    said = final_say(answer.text)
    phrase = " ".join(words(said))
    if _starts(phrase, _MORE) or any(p in f" {phrase} " for p in (" one more ", " another ")):
        return "another"
    if yes_means == "done" and asks_for_another(said):  # "ok what else", "meh", "not that one"
        return "another"
    if yes_means == "done":
        if any(f" {p} " in f" {phrase} " for p in _NOT_THIS) or is_skip(answer):
            return "another"
        if _starts(phrase, _DONE) or is_yes(answer) or answer.intent == "control.stop":
            return "done"
        return None
    if wants_done(answer):
        return "done"
    return "another" if wants_another(answer) else None


def wants_another(answer: Answer) -> bool:
    """Another one, next, skip, or a plain yes to "another one?"."""
    return is_skip(answer) or is_yes(answer) or _starts(_phrase(answer), _MORE)


def wants_done(answer: Answer) -> bool:
    """No, done, stop, that's enough."""
    return answer.intent == "control.stop" or is_no(answer) or _starts(_phrase(answer), _DONE)


def minutes_in(answer: Answer) -> int | None:
    """A number of minutes in the answer ("thirty", "45 minutes", "an hour"), or None."""
    if answer.match and isinstance(answer.match.slots.get("minutes"), int):
        return answer.match.slots["minutes"]
    text = alpha2digit(_phrase(answer), "en")
    if re.search(r"\bhalf (an )?hour\b", text):
        return 30
    if re.search(r"\b(an|one) hour\b", text):
        return 60
    found = re.search(r"\b(\d{1,3})\b", text)
    if not found:
        return None
    value = int(found.group(1))
    return value * 60 if re.search(rf"\b{value} hours?\b", text) else value


def partner_named(answer: Answer, partners: list[str]) -> str | None:
    """Which of the partners the answer names ("it's Sam", "Alex here"), or None."""
    phrase = _phrase(answer)
    for name in partners:
        if re.search(rf"\b{re.escape(name.lower())}\b", phrase):
            return name
    return None


def mentions_any(text: str, phrases: list[str]) -> bool:
    """True when any of the words or phrases appears in the text as whole words."""
    low = text.lower().replace("\u2019", "'")
    return any(re.search(rf"(?<![\w']){re.escape(p.lower())}(?![\w'])", low) for p in phrases)


# Words in an answer that mean the person may not be safe: the script hands over to the
# safety path (the runner's crisis guard sees every utterance too; this catches answers to
# "are you safe?" and "is that happening?" that the guard may not treat as a crisis alone).
FEAR_WORDS = ["scared", "afraid", "frightened", "fear", "unsafe", "not safe", "hit", "hits",
              "hitting", "hurt me", "hurts me", "pushed me", "push me", "choke", "choked",
              "threaten", "threatens", "threatened", "threatening", "violent", "violence",
              "abuse", "abusive", "abused", "controls me", "controlling"]
