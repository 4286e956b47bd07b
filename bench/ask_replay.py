"""How many questions `zhisuan ask` needs: the bundled profiles replayed as answer sets.

Run: python bench/ask_replay.py

For each bundled buyer, a session is simulated: the next question is chosen as `zhisuan ask`
chooses it (the most decisive one), and the buyer answers as the profile does (`unknown`
where the profile does not say). After each answer the engine's top three is taken; the
count is the number of answers after which the top three no longer changes. The same is
done asking in questionnaire order, for comparison. Also prints the time of a step.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.compile.facts import PROFILE_INPUTS  # noqa: E402
from engine.decide.inputs import bundled_profiles, load_profile_file, load_vendors  # noqa: E402
from engine.decide.knowledge import load_advice_knowledge  # noqa: E402
from engine.decide.questionnaire import (  # noqa: E402
    answers_from_profile, load_questionnaire, most_decisive, profile_data, still_to_ask,
)
from engine.decide.rank import Eligibility, top_three  # noqa: E402
from engine.model.profile import Profile  # noqa: E402

QUESTIONS = load_questionnaire()
KB = load_advice_knowledge()
VENDORS = [lv.vendor for lv in load_vendors()]
ELIGIBILITY = Eligibility(KB)


def top3(answers: dict) -> tuple[str, ...]:
    """The engine's first three for these answers."""
    data = profile_data(QUESTIONS, answers, "p", {"zh": "p", "en": "p"})
    return top_three(KB, Profile.model_validate(data), VENDORS, ELIGIBILITY, {})


def replay(truth: dict, choose) -> tuple[int, int, list[float]]:
    """(answers until the top three stops changing, questions asked, seconds per step)."""
    answers: dict = {}
    tops, steps = [], []
    while True:
        start = time.perf_counter()
        question = choose(answers)
        if question is None:
            break
        answers[question.id] = truth.get(question.id)  # None: the buyer does not know
        tops.append(top3(answers) if "segment" in answers and "province" in answers else None)
        steps.append(time.perf_counter() - start)
    settled = next(i for i in range(len(tops), 0, -1) if i == 1 or tops[i - 1] != tops[i - 2])
    return settled, len(tops), steps


def main() -> None:
    """Print one row per bundled buyer and the medians."""
    decisive = lambda answers: most_decisive(QUESTIONS, answers, top3)  # noqa: E731
    in_order = lambda answers: next(iter(still_to_ask(QUESTIONS, answers)), None)  # noqa: E731
    print("| buyer | answers known | settled after (look-ahead) | settled after (questionnaire order) | asked |")
    print("|---|---|---|---|---|")
    settled_a, settled_b, all_steps = [], [], []
    for name, path in bundled_profiles().items():
        truth = answers_from_profile(QUESTIONS, load_profile_file(path).profile)
        a, asked, steps = replay(truth, decisive)
        b, _, _ = replay(truth, in_order)
        settled_a.append(a)
        settled_b.append(b)
        all_steps += steps
        print(f"| {name} | {len(truth)} | {a} | {b} | {asked} |")
    print(f"\nmedian settled after: look-ahead {statistics.median(settled_a)}, questionnaire order "
          f"{statistics.median(settled_b)}; questions {len(QUESTIONS.questions)}, profile fields {len(PROFILE_INPUTS)}")
    print(f"a step (choose the next question): median {statistics.median(all_steps) * 1e3:.0f} ms, "
          f"max {max(all_steps) * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
