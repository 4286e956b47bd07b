"""`zhisuan ask`: the buyer answers questions (or a file of answers) and gets the ranking."""

from __future__ import annotations

import argparse
import os
from dataclasses import replace
import sys
import tempfile
from pathlib import Path

from ..errors import LoadError, Location, UsageError, printable, raise_all
from ..messages import M, msg
from .cmd_audit import add_record_options, recording
from .cmd_rank import add_ranking_options, recorded
from .exit_codes import Exit
from .output import FORMATS, add_output_options, explain_level

DEFAULT_NAME = {"zh": "客户", "en": "buyer"}


def add_parser(sub, ctx) -> None:
    """Register the ask subcommand."""
    t = ctx.t
    p = sub.add_parser(
        "ask",
        help=t("help.ask.summary"),
        description=t("help.ask.description"),
        epilog=t("help.ask.examples"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--answers", type=Path, default=None, metavar="YAML", help=t("help.ask.answers"))
    p.add_argument("--from", dest="start", default=None, metavar="PROFILE", help=t("help.ask.from"))
    p.add_argument("--save", type=Path, default=None, metavar="YAML", help=t("help.ask.save"))
    p.add_argument("--force", action="store_true", help=t("help.ask.force"))
    p.add_argument("--list-questions", action="store_true", help=t("help.ask.list_questions"))
    add_ranking_options(p, t)
    add_output_options(p, explain=True, t=t, formats=FORMATS)
    add_record_options(p, t)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, env) -> int:
    """Ask (or read the answers), build the profile, rank, print; save the profile if asked."""
    from ..decide.knowledge import load_advice_knowledge
    from ..decide.questionnaire import load_questionnaire
    from ..decide.questionnaire import answers_from_profile, profile_data
    from ..decide.rank import RankOptions, rank
    from ..model.profile import Profile
    from ..render.json_out import dumps
    from ..scoring.weights import parse_weight
    from .cmd_rank import profile_arg, show_rankings
    from .vendor_set import vendor_set

    questionnaire = load_questionnaire(args.rules)
    if args.list_questions:
        _list_questions(args, env, questionnaire)
        return Exit.OK
    if args.save is not None and args.save.exists() and not args.force:
        raise UsageError(msg("ask.save_exists", args.lang, path=printable(str(args.save))), hint=msg("hint.save_force", args.lang))
    interactive = args.answers is None
    if interactive and not sys.stdin.isatty():
        raise UsageError(msg("ask.no_terminal", args.lang), hint=msg("hint.ask_answers", args.lang))
    overrides = dict(parse_weight(w) for w in args.weight)
    start = answers_from_profile(questionnaire, profile_arg(args.start, args.lang)[0].profile) if args.start else {}
    kb = load_advice_knowledge(args.rules)
    known = vendor_set(args.file, args.lang)
    vendors = list(known.vendors.values())
    pid, name = _identity(args.save)
    if interactive:
        from ..decide.questionnaire import most_decisive
        from ..decide.rank import Eligibility, top_three
        from .ask_session import Session

        eligibility = Eligibility(kb)  # each vendor's eligibility once for the whole session

        def top3(given: dict) -> tuple[str, ...]:
            return top_three(kb, Profile.model_validate(profile_data(questionnaire, given, pid, name)), vendors, eligibility, overrides)

        choose = lambda given: most_decisive(questionnaire, given, top3)  # noqa: E731
        answers, asked = Session(questionnaire, kb, vendors, args.lang, env, start, choose).run()
        source = "answers given in the terminal"
    else:
        answers, asked = _read_answers(args.answers, questionnaire, start)
        source = f"answers {printable(str(args.answers))}"
    data = profile_data(questionnaire, answers, pid, name)
    profile = Profile.model_validate(data)
    level = explain_level(args)
    keep = recording(args)
    options = RankOptions(weights=overrides, draws=args.draws, seed=args.seed, explain="full" if keep else level)
    result = rank(kb, profile, vendors, source, options)
    if keep:
        result = recorded(args, "ask", result, known, level, {"answers": {q: answers[q] for q in asked}, "asked": asked})
    if args.top:
        result = result.model_copy(update={"ranking": result.ranking[: args.top]})
    if args.save is not None:
        _save(args.save, data, args.force, args.lang)
    if args.format == "json":
        document = result.model_dump(mode="json")
        document["ask"] = {"answers": {q: answers[q] for q in asked}, "asked": asked, "profile": data}
        env.stdout.write(dumps(document))
    else:  # never through a pager: the questions and answers stay on the screen above it
        show_rankings(args, replace(env, pager=None), [result], level, many=False)
    return Exit.OK


def _identity(save: Path | None) -> tuple[str, dict]:
    """The profile's id and name: from the file it is saved to, else `buyer`."""
    if save is None:
        return "buyer", DEFAULT_NAME
    from ..decide.inputs import profile_id_from

    stem = printable(save.stem)
    return profile_id_from(save), {"zh": stem, "en": stem}


def _read_answers(path: Path, questionnaire, start: dict) -> tuple[dict, list[str]]:
    """Answers by question id from a YAML file, each checked at its line; every problem at once."""
    from ..decide.questionnaire import parse_answer
    from ..loader.yaml_source import load
    from ..messages import Problem
    from ..suggest import allowed, did_you_mean

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


def _save(path: Path, data: dict, force: bool, lang: str) -> None:
    """Write the profile atomically (a temp file beside it, then rename); never over a file without --force."""
    import yaml

    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(prefix=".zhisuan-", suffix=".yaml", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8") as fh:
            fh.write(text)
        if not force and path.exists():  # appeared while we were asking
            os.unlink(temp)
            raise UsageError(msg("ask.save_exists", lang, path=printable(str(path))), hint=msg("hint.save_force", lang))
        os.replace(temp, path)
    except OSError as exc:
        raise LoadError(M("load.cannot_write", reason=exc.strerror or str(exc)), Location(printable(str(path))), M("hint.check_path")) from None


def _list_questions(args, env, questionnaire) -> None:
    from ..render.json_out import dumps

    if args.format == "json":
        env.stdout.write(dumps([q.model_dump(mode="json", by_alias=True, exclude_defaults=True) for q in questionnaire.questions]))
        return
    lines = []
    for i, q in enumerate(questionnaire.questions, 1):
        if q.choices:
            choices = " | ".join(q.choices)
        elif q.kind == "number":
            choices = f"{q.min:g}–{q.max:g}"
        else:
            choices = {"yes_no": "yes | no", "cards": "8 | 4-16", "text": "…"}[q.kind]
        lines.append(f"{i:>2} {q.id:<18} {q.field:<30} {choices}")
        lines.append(f"   {q.text.get(args.lang)}")
    env.stdout.write("\n".join(lines) + "\n")
