"""The terminal side of `zhisuan ask`: one question at a time, `?`, `back`, `done`, a live top three."""

from __future__ import annotations

import sys
import textwrap
from typing import Any, Callable

from ..errors import Problem, UsageError
from ..messages import msg

HELP, BACK, DONE = "?", "back", "done"
KIND_HINT = {"yes_no": "y/n", "need": "must/wanted/no", "cards": "8 | 4-16", "text": "…"}


class Session:
    """Asks the question `choose` picks, one at a time, until none is left or the buyer says done."""

    def __init__(self, questionnaire, kb, vendors, lang: str, env, start: dict[str, Any],
                 choose: Callable[[dict[str, Any]], Any], read_line: Callable[[], str] | None = None) -> None:
        self.questionnaire, self.kb, self.vendors, self.lang, self.env = questionnaire, kb, vendors, lang, env
        self.answers: dict[str, Any] = dict(start)
        self.asked: list[str] = []
        self.choose = choose  # answers so far → the next question, or None
        self.read_line = read_line or sys.stdin.readline

    def run(self) -> tuple[dict[str, Any], list[str]]:
        """The answers (unknowns left out) and the ids of the questions asked, in order."""
        from ..decide.questionnaire import still_to_ask

        self._say(msg("ask.intro", self.lang))
        while True:
            question = self.choose(self.answers)
            if question is None:
                break
            left = len(still_to_ask(self.questionnaire, self.answers))
            if not self._ask(question, len(self.asked) + 1, len(self.asked) + left):
                break
        return {k: v for k, v in self.answers.items() if v is not None}, self.asked

    def _ask(self, question, number: int, total: int) -> bool:
        """Ask until a valid answer (True) or `done` (False)."""
        from ..decide.questionnaire import parse_answer

        self._say(f"\n[{number}/{total}] {question.text.get(self.lang)}  ({msg('ask.commands', self.lang)})")
        if question.choices:
            items = [f"{i}) {label.get(self.lang)} [{value}]" for i, (value, label) in enumerate(question.choices.items(), 1)]
            width = max(40, getattr(self.env, "width", 80) - 2)
            self._say(textwrap.fill("   ".join(items), width, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False))
        while True:
            default = question.default or ("" if question.required else "unknown")
            hint = KIND_HINT.get(question.kind, "")
            line = self._read(f"{msg('ask.answer', self.lang)}{' ' + hint if hint else ''} [{default}]: ")
            if line == HELP:
                self._say(f"  {question.help.get(self.lang)}  [{question.source}]")
                continue
            if line == BACK:
                if self.asked:
                    last = self.asked.pop()
                    self.answers.pop(last, None)
                    self._say(msg("ask.went_back", self.lang, id=last))
                    return True
                self._say(msg("ask.nothing_to_undo", self.lang))
                continue
            if line == DONE:
                if self._can_rank():
                    return False
                self._say(msg("ask.needs_basics", self.lang))
                continue
            try:
                value = parse_answer(question, line or question.default or "")
            except Problem as exc:
                self._say("  " + exc.msg.text(self.lang))
                continue
            self.answers[question.id] = value
            self.asked.append(question.id)
            self._top_three()
            return True

    def _read(self, question: str) -> str:
        from ..render.present import prompt

        prompt(self.env, question)
        line = self.read_line()
        if not line:  # end of input: nothing is saved, nothing ranked
            raise UsageError(msg("ask.eof", self.lang))
        return line.strip()

    def _can_rank(self) -> bool:
        return all(self.answers.get(q.id) is not None for q in self.questionnaire.questions if q.required)

    def _top_three(self) -> None:
        """After each answer: the current top three and why #1 leads, from the engine's own ranking."""
        if not self._can_rank():
            return
        from ..decide.questionnaire import BUYER_ID, BUYER_NAME, profile_data
        from ..decide.rank import RankOptions, rank
        from ..model.profile import Profile
        from ..render.present import show

        data = profile_data(self.questionnaire, self.answers, BUYER_ID, BUYER_NAME)
        live = RankOptions(weights={}, draws=0, explain="off", assessment_draws=0, assessment_pairs=False)  # the line needs singles only
        result = rank(self.kb, Profile.model_validate(data), self.vendors, "live", live)
        show(self.env, "rank.live", result, "table", self.lang)

    def _say(self, text: str) -> None:
        from ..render.present import prompt

        prompt(self.env, text + "\n")

