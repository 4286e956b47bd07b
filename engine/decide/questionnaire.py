"""The questionnaire at work: answers parsed and checked, the profile they build, which question applies."""

from __future__ import annotations

import re
from typing import Any, Callable

from pathlib import Path

from ..compile.facts import PROFILE_INPUTS, profile_facts
from ..errors import LoadError, Problem, raise_all
from ..loader.validate import validate
from ..loader.yaml_source import load
from ..messages import M
from ..model.profile import MAX_CARDS, Profile
from ..model.questions import Question, QuestionCondition, Questionnaire
from ..suggest import allowed, closest, did_you_mean
from ..text import describe, first_unsafe
from .bundle import display_name, display_root, inside, rules_folder

__all__ = ["BUYER_ID", "BUYER_NAME", "NONE", "UNKNOWN", "answers_from_profile", "applies", "candidate_answers", "known_facts", "load_questionnaire", "most_decisive", "next_question", "parse_answer", "profile_data", "read_answers", "still_to_ask"]

UNKNOWN = "unknown"
BUYER_ID, BUYER_NAME = "buyer", {"zh": "客户", "en": "buyer"}  # a profile made from answers, unless saved to a file
NONE = "none"  # a multi question's answer for an empty list
_YES = {"yes", "y", "true", "1", "是", "对"}
_NO = {"no", "n", "false", "0", "否", "不"}
_NEED_WORDS: dict[str | bool, set[str]] = {"must": {"must", "m", "1", "必须"}, "wanted": {"wanted", "w", "2", "希望"},
                                           False: {"3", "不需要"}}
_CARDS = re.compile(r"^\s*\d+\s*([-–]\s*\d+\s*)?$")


def parse_answer(question: Question, raw: Any) -> Any:
    """The profile value an answer gives (None: unknown), or a Problem saying what is allowed.

    Choices may be given by value or by their number in the list (1, 2, …).
    """
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in ("", UNKNOWN)):
        if question.required:
            raise Problem(M("ask.required", id=question.id))
        return None
    parse = {
        "choice": _choice,
        "multi": _multi,
        "yes_no": _yes_no,
        "need": _need,
        "number": _number,
        "cards": _cards,
        "text": _text,
    }[question.kind]
    return parse(question, raw)


def _choice(question: Question, raw: Any) -> str:
    values = list(question.choices)
    text = str(raw).strip()
    if text in question.choices:
        return text
    # isdecimal, not isdigit: "²" is a digit that int() refuses; full-width "２" is decimal and welcome
    if text.isdecimal() and 1 <= int(text) <= len(values):
        return values[int(text) - 1]
    near = closest(text, values)
    if near:
        raise Problem(M("ask.not_a_choice_near", value=repr(text), near=repr(near), choices=", ".join(values)))
    raise Problem(M("ask.not_a_choice", value=repr(text), choices=", ".join(values)))


def _multi(question: Question, raw: Any) -> list[str]:
    items = raw if isinstance(raw, list) else re.split(r"[,，\s]+", str(raw).strip())
    items = [str(i).strip() for i in items if str(i).strip()]
    if items == [NONE]:
        return []
    return sorted({_choice(question, item) for item in items}, key=list(question.choices).index)


def _yes_no(question: Question, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise Problem(M("ask.not_yes_no", value=repr(str(raw))))


def _need(question: Question, raw: Any) -> str | bool:
    """`must`, `wanted`, or yes/no as a profile reads them (yes is the field's `true`); 1 2 3 number must, wanted, no."""
    if isinstance(raw, bool) or raw in ("must", "wanted"):
        return raw
    text = str(raw).strip().lower()
    for value, words in _NEED_WORDS.items():
        if text in words:
            return value
    if text in _YES - {"1"}:
        return True
    if text in _NO - {"0"}:
        return False
    raise Problem(M("ask.not_a_need", value=repr(str(raw))))


def _number(question: Question, raw: Any) -> float:
    try:
        value = float(raw) if not isinstance(raw, bool) else None
    except (TypeError, ValueError):
        value = None
    if value is None or not question.min <= value <= question.max or round(value, 4) != value:
        raise Problem(M("ask.not_a_number", value=repr(str(raw)), low=f"{question.min:g}", high=f"{question.max:g}"))
    return value


def _cards(question: Question, raw: Any) -> Any:
    """`8` or `4-16`: whole numbers from 1 to the profile's limit, the smaller first."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        low = high = raw
    elif isinstance(raw, str) and _CARDS.match(raw):
        parts = raw.replace(" ", "").replace("–", "-").split("-")
        low, high = int(parts[0]), int(parts[-1])
    else:
        raise Problem(M("ask.not_cards", value=repr(str(raw))))
    if not 1 <= low <= high <= MAX_CARDS:
        raise Problem(M("model.cards_range", limit=MAX_CARDS))
    return low if low == high else f"{low}-{high}"


def _text(question: Question, raw: Any) -> str:
    text = str(raw).strip()
    if len(text) > 100:
        raise Problem(M("ask.text_too_long"))
    bad = first_unsafe(text) or ("\t" if "\t" in text else None)  # one short line: not even a tab
    if bad is not None:
        raise Problem(M("model.control_character", code=describe(bad)))
    return text


def profile_data(questionnaire: Questionnaire, answers: dict[str, Any], pid: str, name: dict) -> dict:
    """The profile (as data) that `answers` (question id → parsed value) describe; unknowns left out."""
    data: dict[str, Any] = {"id": pid, "name": name}
    workload: dict[str, Any] = {}
    for question in questionnaire.questions:
        value = answers.get(question.id)
        if value is None:
            continue
        head, _, leaf = question.field.partition(".")
        if head == "workloads":
            workload[leaf] = value
        elif leaf:
            data.setdefault(head, {})[leaf] = value
        else:
            data[head] = value
    if "kind" in workload:  # a workload without a kind is no workload: its size stays unknown
        data["workloads"] = [workload]
    return data


def known_facts(questionnaire: Questionnaire, answers: dict[str, Any]) -> dict[str, Any]:
    """The profile.* facts of the answers so far ({} until segment and province are known)."""
    data = profile_data(questionnaire, answers, "buyer", {"zh": "客户", "en": "buyer"})
    if "segment" not in data or "province" not in data.get("location", {}):
        return {}
    return profile_facts(Profile.model_validate(data))


def applies(question: Question, facts: dict[str, Any]) -> bool:
    """True when every ask_if condition holds and no skip_if condition does."""
    return all(_holds(c, facts) for c in question.ask_if) and not any(_holds(c, facts) for c in question.skip_if)


def _holds(condition: QuestionCondition, facts: dict[str, Any]) -> bool:
    value = facts.get(condition.fact)
    if condition.known is not None:
        return (value is not None) == condition.known
    if value is None:
        return False
    if isinstance(value, list):
        return bool(value) and all(v in condition.in_ for v in value)
    return value in condition.in_


def still_to_ask(questionnaire: Questionnaire, answers: dict[str, Any]) -> list[Question]:
    """The questions not yet answered that apply to this buyer, in questionnaire order."""
    facts = known_facts(questionnaire, answers)
    return [q for q in questionnaire.questions if q.id not in answers and applies(q, facts)]


def answers_from_profile(questionnaire: Questionnaire, profile: Profile) -> dict[str, Any]:
    """The answers a profile gives to each question it knows (its first workload only)."""
    data = profile.model_dump(mode="json")
    answers: dict[str, Any] = {}
    for question in questionnaire.questions:
        head, _, leaf = question.field.partition(".")
        if head == "workloads":
            value = (data["workloads"] or [{}])[0].get(leaf)
        else:
            value = data[head][leaf] if leaf else data[head]
        if isinstance(value, dict) and set(value) == {"min", "max"}:  # a card range
            value = value["min"] if value["min"] == value["max"] else f"{value['min']}-{value['max']}"
        if value is not None:
            answers[question.id] = value
    return answers


def candidate_answers(question: Question) -> list[Any]:
    """The answers the look-ahead tries: every choice (for multi: none and each one), yes and no, must, wanted
    and no, or the probes."""
    if question.kind == "choice":
        return list(question.choices)
    if question.kind == "multi":
        return [[]] + [[c] for c in question.choices]
    if question.kind == "yes_no":
        return [True, False]
    if question.kind == "need":
        return ["must", "wanted", False]
    return [parse_answer(question, p) for p in question.probe]


def most_decisive(
    questionnaire: Questionnaire, answers: dict[str, Any], top3: Callable[[dict[str, Any]], tuple[str, ...]]
) -> Question | None:
    """The next question: the one whose possible answers would change the current top three most often.

    Required questions come first (nothing ranks without them); ties go to questionnaire
    order; `top3(answers)` is the engine's first three for a set of answers.
    """
    pending = still_to_ask(questionnaire, answers)
    if not pending:
        return None
    required = [q for q in pending if q.required]
    if required:
        return required[0]
    now = top3(answers)
    best, best_share = pending[0], -1.0
    for question in pending:
        tries = candidate_answers(question)
        if not tries:
            continue
        share = sum(top3({**answers, question.id: a}) != now for a in tries) / len(tries)
        if share > best_share:
            best, best_share = question, share
    return best


def load_questionnaire(rules_dir: Path | None = None) -> Questionnaire:
    """rules/questions.yaml: the questions of `zhisuan ask`, each checked to fill a profile field rules read."""
    path = rules_folder(rules_dir) / "questions.yaml"
    display = display_name(path, display_root(rules_dir))
    doc = load(inside(path, rules_folder(rules_dir), display), display)
    questionnaire = validate(Questionnaire, doc)
    for i, question in enumerate(questionnaire.questions):
        if question.field not in PROFILE_INPUTS:
            raise LoadError(
                M("load.question_field", id=question.id, field=repr(question.field)),
                doc.locate(("questions", i, "field")),
                did_you_mean(question.field, PROFILE_INPUTS) or M("hint.allowed", choices=", ".join(PROFILE_INPUTS)),
            )
    return questionnaire


def read_answers(path: Path, questionnaire: Questionnaire, start: dict) -> tuple[dict, list[str]]:
    """Answers by question id from a YAML file over `start`, each checked at its line, every problem at once;
    and the ids of the questions answered, in questionnaire order."""
    doc = load(path)
    if not isinstance(doc.data, dict):
        raise LoadError(M("ask.answers_not_mapping"), doc.locate(()), M("hint.answers_shape"))
    questions = questionnaire.by_id()
    answers, errors = dict(start), []
    for key, raw in doc.data.items():
        where = doc.locate((key,))
        question = questions.get(key)
        if question is None:
            errors.append(LoadError(M("ask.unknown_question", id=repr(key)), where, did_you_mean(key, questions) or allowed(questions)))
            continue
        try:
            answers[key] = parse_answer(question, raw)
        except Problem as exc:
            errors.append(LoadError(exc.msg, where))
    for question in questionnaire.questions:
        if question.required and answers.get(question.id) is None:
            errors.append(LoadError(M("ask.required", id=question.id), doc.locate(()), M("hint.answers_shape")))
    raise_all(errors)
    answers = {k: v for k, v in answers.items() if v is not None}
    return answers, [q.id for q in questionnaire.questions if q.id in answers]


def next_question(questionnaire: Questionnaire, kb, vendors: list, overrides: dict[str, float], pid: str,
                  name: dict) -> Callable[[dict[str, Any]], Question | None]:
    """The look-ahead of an interactive session: for the answers so far, the question to ask next
    (the one whose answer could most change the top three), each vendor's eligibility computed once."""
    from .rank import Eligibility, top_three

    eligibility = Eligibility(kb)

    def top3(given: dict) -> tuple[str, ...]:
        return top_three(kb, Profile.model_validate(profile_data(questionnaire, given, pid, name)), vendors, eligibility, overrides)

    return lambda given: most_decisive(questionnaire, given, top3)
