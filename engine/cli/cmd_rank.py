"""`zhisuan rank`: vendors ranked for a buyer, with the trace that justifies each place."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError
from ..messages import M, msg
from .exit_codes import Exit
from .options import FORMATS, add_output_options, add_ranking_options, explain_level, ranking_options
from .recording import add_record_options, keep_ranking, recording


def add_parser(sub, ctx) -> None:
    """Register the rank subcommand."""
    t = ctx.t
    p = sub.add_parser(
        "rank",
        help=t("help.rank.summary"),
        description=t("help.rank.description"),
        epilog=t("help.rank.examples"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("profile", nargs="?", metavar="PROFILE", help=t("help.rank.profile"))
    p.add_argument("--profiles", type=Path, default=None, metavar="DIR", help=t("help.rank.profiles"))
    add_ranking_options(p, t)
    add_output_options(p, explain=True, t=t, formats=FORMATS + ("jsonl",))
    add_record_options(p, t)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, env) -> int:
    """Rank and print: one profile, or every profile in --profiles DIR against one vendor base."""
    from ..decide.inputs import profiles_in, resolve_profile, vendor_set
    from ..decide.knowledge import load_advice_knowledge
    from ..decide.rank import Eligibility, most_excluding, own_weights_add_up, rank
    from ..render.present import show, warn
    from ..scoring.weights import parse_weight

    if args.profiles is not None and args.profile is not None:
        raise UsageError(M("usage.profiles_alone"), hint=M("hint.profiles_alone"))
    if args.format == "jsonl" and args.profiles is None:
        raise UsageError(M("usage.rank_jsonl"), hint=M("hint.rank_jsonl"))
    overrides = dict(parse_weight(w) for w in args.weight)
    if args.profiles is not None:
        profiles, notice = profiles_in(args.profiles), None
    else:
        resolved = resolve_profile(args.profile)
        profiles, notice = [(resolved.loaded, resolved.source)], resolved.notice
    kb = load_advice_knowledge(args.rules)
    known = vendor_set(args.file)
    for loaded, _ in profiles:
        own_weights_add_up(kb, loaded)
    level = explain_level(args)
    keep = recording(args)  # a record keeps the full trace, whatever the output shows
    options = ranking_options(args, overrides, "full" if keep else level)
    eligibility = Eligibility(kb)  # each vendor's eligibility once, whatever the number of profiles
    results = []
    for loaded, source in profiles:
        result = rank(kb, loaded.profile, list(known.vendors.values()), source, options, eligibility)
        if keep:
            result = keep_ranking(args, "rank", result, known, level)
        results.append(result.model_copy(update={"ranking": result.ranking[: args.top]}) if args.top else result)
    show(env, "rank", results, args.format, args.lang, explain=level, many=args.profiles is not None)
    if notice:
        warn(env, notice.text(args.lang))
    for result in results:
        if not result.ranking:  # an empty ranking is an answer too: say why, exit 0
            rule, n = most_excluding(result)
            warn(env, msg("rank.all_excluded", args.lang, rule=rule, n=n))
    return Exit.OK

