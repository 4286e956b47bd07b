"""`ask --list-questions`: every question of the questionnaire, with the profile field it fills and its answers."""

from __future__ import annotations

from ..blocks import Block, Verbatim
from . import View

KIND_ANSWERS = {"yes_no": "yes | no", "need": "must | wanted | no", "cards": "8 | 4-16", "text": "…"}


def questions_blocks(questionnaire, lang: str, fmt: str) -> list[Block]:
    """Two lines per question: number, id, field and allowed answers; then its text."""
    lines = []
    for i, q in enumerate(questionnaire.questions, 1):
        if q.choices:
            choices = " | ".join(q.choices)
        elif q.kind == "number":
            choices = f"{q.min:g}–{q.max:g}"
        else:
            choices = KIND_ANSWERS[q.kind]
        lines.append(f"{i:>2} {q.id:<18} {q.field:<30} {choices}")
        lines.append(f"   {q.text.get(lang)}")
    return [Verbatim(tuple(lines))]


def questions_document(questionnaire, lang: str) -> list[dict]:
    """The questions as written in questions.yaml (defaults left out)."""
    return [q.model_dump(mode="json", by_alias=True, exclude_defaults=True) for q in questionnaire.questions]


VIEWS = {"questions": View(blocks=questions_blocks, document=questions_document)}
