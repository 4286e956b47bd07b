"""`zhisuan ask`: the buyer answers questions (or a file of answers) and gets the ranking."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from ..errors import UsageError, printable
from ..messages import M
from .exit_codes import Exit
from .options import FORMATS, add_output_options, add_ranking_options, explain_level, ranking_options
from .recording import add_record_options, keep_ranking, recording

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
    from ..decide.inputs import check_save_target, resolve_profile, save_profile, vendor_set
    from ..decide.knowledge import load_advice_knowledge
    from ..decide.questionnaire import answers_from_profile, load_questionnaire, profile_data, read_answers
    from ..decide.rank import rank
    from ..model.profile import Profile
    from ..render.present import show
    from ..scoring.weights import parse_weight

    questionnaire = load_questionnaire(args.rules)
    if args.list_questions:
        show(env, "ask.questions", questionnaire, args.format, args.lang)
        return Exit.OK
    if args.save is not None:  # a bad target is said before the first question, not after the last
        check_save_target(args.save, args.force)
    interactive = args.answers is None
    if interactive and not (sys.stdin is not None and sys.stdin.isatty()):
        raise UsageError(M("ask.no_terminal"), hint=M("hint.ask_answers"))
    overrides = dict(parse_weight(w) for w in args.weight)
    start = answers_from_profile(questionnaire, resolve_profile(args.start).loaded.profile) if args.start else {}
    kb = load_advice_knowledge(args.rules)
    known = vendor_set(args.file)
    vendors = list(known.vendors.values())
    pid, name = _identity(args.save)
    if interactive:
        from ..decide.questionnaire import next_question
        from .ask_session import Session

        choose = next_question(questionnaire, kb, vendors, overrides, pid, name)
        answers, asked = Session(questionnaire, kb, vendors, args.lang, env, start, choose).run()
        source = "answers given in the terminal"
    else:
        answers, asked = read_answers(args.answers, questionnaire, start)
        source = f"answers {printable(str(args.answers))}"
    data = profile_data(questionnaire, answers, pid, name)
    profile = Profile.model_validate(data)
    level = explain_level(args)
    keep = recording(args)
    options = ranking_options(args, overrides, "full" if keep else level)
    result = rank(kb, profile, vendors, source, options)
    given = {q: answers[q] for q in asked if q in answers}  # a question answered `unknown` was asked, not answered
    if keep:
        result = keep_ranking(args, "ask", result, known, level, {"answers": given, "asked": asked})
    if args.top:
        result = result.model_copy(update={"ranking": result.ranking[: args.top]})
    if args.save is not None:
        save_profile(args.save, data, args.force)
    extra = {"ask": {"answers": given, "asked": asked, "profile": data}}
    # never through a pager: the questions and answers stay on the screen above it
    show(replace(env, pager=None), "rank", [result], args.format, args.lang, explain=level, extra=extra)
    return Exit.OK


def _identity(save: Path | None) -> tuple[str, dict]:
    """The profile's id and name: from the file it is saved to, else `buyer`."""
    from ..decide.inputs import profile_id_from
    from ..decide.questionnaire import BUYER_ID, BUYER_NAME

    if save is None:
        return BUYER_ID, BUYER_NAME

    stem = printable(save.stem)
    return profile_id_from(save), {"zh": stem, "en": stem}
