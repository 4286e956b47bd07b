"""`zhisuan ask`: answers files, saved profiles that round-trip, and a real terminal session."""

from __future__ import annotations

import json
import os
import re
import sys

import pexpect
import pytest
import yaml

from engine.compile.facts import PROFILE_INPUTS
from engine.decide.inputs import bundled_profiles, load_profile_file
from engine.decide.knowledge import load_advice_knowledge
from engine.decide.questionnaire import load_questionnaire
from engine.decide.questionnaire import answers_from_profile

from .conftest import run_cli

QUESTIONS = load_questionnaire()
KB = load_advice_knowledge()
STORIES = ["dongguan-factory-smb", "nanning-asean-trade-smb", "shenzhen-finance-large", "sanya-tourism-medium"]


def _ranking(document: dict) -> list:
    return [(r["vendor"], r["score"]) for r in document["ranking"]]


def test_every_input_an_advice_rule_reads_has_a_question_and_every_question_a_real_field():
    reads = set().union(*(r.reads for r in KB.advice.by_id.values()))
    needed = {path for path, facts in PROFILE_INPUTS.items() if set(facts) & reads}
    asked = {q.field for q in QUESTIONS.questions}
    assert needed <= asked, sorted(needed - asked)
    assert asked <= set(PROFILE_INPUTS)


@pytest.mark.parametrize("story", STORIES)
def test_a_profile_replayed_as_answers_ranks_as_the_profile_does(story, tmp_path):
    """Segments and provinces differ: small/Dongguan, small/Nanning, large/Shenzhen, medium/Sanya."""
    profile = load_profile_file(bundled_profiles()[story]).profile
    answers = answers_from_profile(QUESTIONS, profile)
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    saved = tmp_path / f"{story}.yaml"
    asked = run_cli("ask", "--answers", str(path), "--save", str(saved), "--format", "json", "--draws", "0", "--assessment-draws", "20")
    assert asked.code == 0, asked.err
    document = json.loads(asked.out)
    direct = json.loads(run_cli("rank", story, "--format", "json", "--draws", "0").out)
    # The questionnaire asks for one main workload; these four rank the same on their first.
    assert _ranking(document) == _ranking(direct)
    # The saved file loads with `rank` and gives the identical ranking.
    again = json.loads(run_cli("rank", str(saved), "--format", "json", "--draws", "0").out)
    assert _ranking(again) == _ranking(document)
    assert document["ask"]["asked"] == [q.id for q in QUESTIONS.questions if q.id in answers]


def test_save_never_overwrites_without_force(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("segment: micro\nprovince: hainan\n", encoding="utf-8")
    target = tmp_path / "mine.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    refused = run_cli("ask", "--answers", str(answers), "--save", str(target), "--lang", "en")
    assert refused.code == 2 and "not overwritten" in refused.err and target.read_text() == "keep me\n"
    assert run_cli("ask", "--answers", str(answers), "--save", str(target), "--force").code == 0
    assert yaml.safe_load(target.read_text())["location"] == {"province": "hainan"}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".zhisuan-")] == []  # no temp file left


def test_bad_answers_are_named_at_their_lines_all_at_once(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("segment: smal\nprovince: guangdong\nbudjet: low\ncards: lots\n", encoding="utf-8")
    result = run_cli("ask", "--answers", str(answers), "--lang", "en")
    assert result.code == 2 and "Traceback" not in result.err
    assert f"{answers}:1: " in result.err and "did you mean 'small'" in result.err
    assert f"{answers}:3: " in result.err and "did you mean 'budget'" in result.err
    assert f"{answers}:4: " in result.err and "not a card count" in result.err


def test_without_a_terminal_or_answers_it_says_so_instead_of_hanging():
    result = run_cli("ask", "--lang", "en")  # the test's stdin is not a terminal
    assert result.code == 2 and "--answers FILE" in result.err


def test_list_questions_names_every_question_and_its_field():
    listed = json.loads(run_cli("ask", "--list-questions", "--format", "json").out)
    assert [(q["id"], q["field"]) for q in listed] == [(q.id, q.field) for q in QUESTIONS.questions]


# ------------------------------------------------------------------ a real terminal


def _spawn(*args: str) -> pexpect.spawn:
    env = dict(os.environ, COLUMNS="100", TERM="dumb", ZHISUAN_LANG="en")
    return pexpect.spawn(sys.executable, ["-m", "engine", "ask", "--lang", "en", *args], env=env, encoding="utf-8", timeout=60)


def _hinge(answers: dict) -> str:
    """What the live line says of #1 and our assessments for `answers`: a single change that flips it, or none."""
    from engine.decide.inputs import load_vendors
    from engine.decide.questionnaire import BUYER_ID, BUYER_NAME, profile_data
    from engine.decide.rank import RankOptions, rank
    from engine.model.profile import Profile

    data = profile_data(QUESTIONS, answers, BUYER_ID, BUYER_NAME)
    result = rank(KB, Profile.model_validate(data), [lv.vendor for lv in load_vendors()], "live",
                  RankOptions(weights={}, draws=0, explain="off", assessment_draws=0, assessment_pairs=False))
    if result.assessments.first.holds_up_to:
        return "no single change of our assessments changes #1"
    return "#1 hinges on one of our assessments: "  # then the first change, in the table's words


def _decisive(answers: dict) -> str:
    """The question the session should ask next for `answers` (the look-ahead, run in-process)."""
    from engine.decide.inputs import load_vendors
    from engine.decide.questionnaire import most_decisive, profile_data
    from engine.decide.rank import Eligibility, top_three
    from engine.model.profile import Profile

    vendors, eligibility = [lv.vendor for lv in load_vendors()], Eligibility(KB)

    def top3(given: dict) -> tuple:
        data = profile_data(QUESTIONS, given, "mine", {"zh": "mine", "en": "mine"})
        return top_three(KB, Profile.model_validate(data), vendors, eligibility, {})

    return most_decisive(QUESTIONS, answers, top3)


def test_a_terminal_session_with_a_bad_answer_help_back_and_done(tmp_path):
    saved = tmp_path / "mine.yaml"
    child = _spawn("--save", str(saved), "--draws", "0", "--top", "3")
    child.expect(r"\[1/\d+\] What kind of buyer are you\?")
    child.sendline("smal")
    child.expect("did you mean 'small'")  # asked again, with the allowed values
    child.sendline("3")
    child.expect(r"\[2/\d+\] Which province must the compute serve\?")
    child.expect(r"\[guangdong\]: ")
    child.sendline("?")
    child.expect(r"report:§03 regional indicators")
    child.sendline("")  # the default
    child.expect(r"top three now: 1 DataCanvas")
    child.expect(r"#1 leads mainly because: \S")  # with a one-line reason
    child.expect(re.escape(_hinge({"segment": "small", "province": "guangdong"})))  # whether #1 rests on one assessment
    third = _decisive({"segment": "small", "province": "guangdong"})
    child.expect(r"\[3/\d+\] " + re.escape(third.text.en))  # the most decisive question comes next
    child.sendline("back")
    child.expect("took back the answer to province")
    child.expect("Which province must the compute serve")
    child.sendline("guangxi")
    fourth = _decisive({"segment": "small", "province": "guangxi"})
    child.expect(r"\[3/\d+\] " + re.escape(fourth.text.en))
    child.sendline("done")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Vendors ranked for mine" in child.before
    saved_profile = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert saved_profile["segment"] == "small" and saved_profile["location"] == {"province": "guangxi"}
    again = json.loads(run_cli("rank", str(saved), "--format", "json", "--draws", "0").out)
    first = again["ranking"][0]["name"]["en"]
    assert f"1 {first}" in re.sub(r"\s+", " ", child.before)  # the ranking printed is the saved profile's


def test_ctrl_c_leaves_with_130_and_no_file(tmp_path):
    saved = tmp_path / "mine.yaml"
    child = _spawn("--save", str(saved))
    child.expect("What kind of buyer")
    child.sendline("2")
    child.expect("Which province")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130 and not saved.exists()
    assert list(tmp_path.iterdir()) == []


def test_end_of_input_is_exit_2_and_no_file(tmp_path):
    saved = tmp_path / "mine.yaml"
    child = _spawn("--save", str(saved))
    child.expect("What kind of buyer")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2 and "nothing saved" in child.before and not saved.exists()


def test_from_starts_with_what_the_profile_says_and_answers_override_it(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("budget: high\n", encoding="utf-8")
    result = run_cli("ask", "--from", "dongguan-factory-smb", "--answers", str(answers), "--format", "json", "--draws", "0")
    assert result.code == 0, result.err
    built = json.loads(result.out)["ask"]["profile"]
    original = answers_from_profile(QUESTIONS, load_profile_file(bundled_profiles()["dongguan-factory-smb"]).profile)
    assert built["segment"] == original["segment"] and built["location"]["city"] == original["city"]
    assert built["commercial"]["budget"] == "high" != original.get("budget")


def _typed(value) -> str:
    """An answer as a buyer types it."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value) or "none"
    return str(value)


@pytest.mark.parametrize(
    "story",
    ["shenzhen-finance-large", "sanya-tourism-medium", "nanning-asean-trade-smb"],  # large/GD, medium/HI, small/GX
)
def test_three_buyer_stories_through_a_terminal(story, tmp_path):
    """Answers from a bundled buyer, asked in the look-ahead's order; the saved file and the ranking follow."""
    truth = answers_from_profile(QUESTIONS, load_profile_file(bundled_profiles()[story]).profile)
    saved = tmp_path / "mine.yaml"
    child = _spawn("--save", str(saved), "--draws", "0")
    given: dict = {}
    for _ in range(5):  # the two required questions, then three chosen by the look-ahead
        question = _decisive(given)
        child.expect(r"\[\d+/\d+\] " + re.escape(question.text.en))
        child.expect(r"\]: ")
        child.sendline(_typed(truth[question.id]) if question.id in truth else "unknown")
        given[question.id] = truth.get(question.id)
    child.expect(r"\]: ")
    child.sendline("done")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved_profile = load_profile_file(saved).profile
    assert saved_profile.segment == truth["segment"] and saved_profile.location.province == truth["province"]
    again = json.loads(run_cli("rank", str(saved), "--format", "json", "--draws", "0").out)
    shown = re.sub(r"\s+", " ", child.before)
    assert f"1 {again['ranking'][0]['name']['en']}" in shown


@pytest.mark.parametrize(
    "answer, says",
    [("cards: 16-4", "cards"), ("cards: 0", "cards"), ("cards: 1000000", "cards"), ('city: "Shen\\u001bzhen"', "U+001B"),
     ("domestic_share: .33333", "four decimals"), ("bursty: maybe", "yes or no"), ("regimes: [financial, banking]", "banking"),
     ('latency: "²"', "'²'")],  # a digit int() refuses (found by the hypothesis fuzz)
)
def test_each_bad_answer_is_exit_2_at_its_line_never_a_crash(answer, says, tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(f"segment: small\nprovince: guangdong\nworkload: inference\n{answer}\n", encoding="utf-8")
    result = run_cli("ask", "--answers", str(path), "--lang", "en")
    assert result.code == 2 and f"{path}:4: " in result.err and says in result.err, result.err
    assert "Traceback" not in result.err and "internal error" not in result.err


def test_a_choice_by_full_width_number_is_taken(tmp_path):
    def asked(segment: str) -> str:
        path = tmp_path / "a.yaml"
        path.write_text(f"segment: {segment}\nprovince: guangdong\n", encoding="utf-8")
        result = run_cli("ask", "--answers", str(path), "--format", "json", "--draws", "0")
        assert result.code == 0, result.err
        return json.loads(result.out)["profile"]["segment"]

    assert asked('"２"') == asked("2")  # what a Chinese input method types, and the plain digit
