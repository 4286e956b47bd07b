"""`zhisuan rank`: vendors ranked for a buyer, with the trace that justifies each place."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from ..errors import LoadError, Location, UsageError, printable
from ..messages import M, msg
from .argparse_zh import words
from .exit_codes import Exit
from .cmd_audit import add_record_options, keep_record, recording
from .output import FORMATS, add_output_options, at_level, emit, explain_level


def add_parser(sub, ctx) -> None:
    """Register the rank subcommand."""
    t = ctx.t
    p = sub.add_parser(
        "rank",
        help=t("help.rank.rank_vendors_for_a"),
        description=t("help.rank.rank_the_bundled_vendors"),
        epilog=t("help.rank.profile_is_a_yaml"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("profile", nargs="?", metavar="PROFILE", help=t("help.rank.profile_file_or_bundled"))
    p.add_argument("--profiles", type=Path, default=None, metavar="DIR", help=t("help.rank.profiles_dir"))
    add_ranking_options(p, t)
    add_output_options(p, explain=True, t=t, formats=FORMATS + ("jsonl",))
    add_record_options(p, t)
    p.set_defaults(run=run)


def add_ranking_options(p: argparse.ArgumentParser, t) -> None:
    """--top, --weight, --file, --seed, --draws: how a ranking is made and shown (rank and ask)."""
    p.add_argument("--top", type=_positive, default=None, metavar="N", help=t("help.rank.show_the_first_n"))
    p.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="D=W",
        help=t("help.rank.override_one_dimension_s"),
    )
    p.add_argument("--file", action="append", default=[], type=Path, metavar="YAML", help=t("help.rank.add_a_vendor_file"))
    p.add_argument("--seed", type=_whole, default=0, help=t("help.rank.seed_of_the_stability"))
    p.add_argument("--draws", type=_draws, default=1000, help=t("help.rank.stability_draws_0_100000"))


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(words("must be a whole number")) from None


def _positive(text: str) -> int:
    value = _whole(text)
    if value < 1:
        raise argparse.ArgumentTypeError(words("must be 1 or more"))
    return value


def _draws(text: str) -> int:
    value = _whole(text)
    if not 0 <= value <= 100_000:
        raise argparse.ArgumentTypeError(words("must be from 0 to 100000"))
    return value


def profile_arg(arg: str | None, lang: str):
    """The profile, where it came from, and a notice to print after the result (or None)."""
    from ..decide.bundle import bundle_root
    from ..decide.inputs import SAMPLE_PROFILE, bundled_profiles, load_profile_file
    from ..suggest import did_you_mean

    bundled = bundled_profiles()
    if arg is None:
        path = bundled[SAMPLE_PROFILE]
        display = str(path.relative_to(bundle_root())) if path.is_relative_to(bundle_root()) else str(path)
        notice = msg("rank.sample", lang, id=SAMPLE_PROFILE, path=display)
        return load_profile_file(path, display), f"bundled sample {SAMPLE_PROFILE}", notice
    if arg == "-":
        return load_profile_file(Path(arg)), "<stdin>", None
    path = Path(arg)
    if not path.exists() and arg in bundled:
        return load_profile_file(bundled[arg], f"profiles/customers/{arg}.yaml"), f"bundled {arg}", None
    if not path.exists():
        raise LoadError(
            msg("rank.unknown_profile", lang, arg=arg),
            Location(arg),
            did_you_mean(arg, bundled) or M("hint.profile_choices", ids=", ".join(bundled)),
        )
    return load_profile_file(path), printable(str(arg)), None


def run(args: argparse.Namespace, env) -> int:
    """Rank and print: one profile, or every profile in --profiles DIR against one vendor base."""
    from ..decide.knowledge import load_advice_knowledge
    from ..decide.rank import Eligibility, RankOptions, rank
    from ..scoring.weights import parse_weight
    from .vendor_set import vendor_set

    if args.profiles is not None and args.profile is not None:
        raise UsageError(msg("usage.profiles_alone", args.lang), hint=msg("hint.profiles_alone", args.lang))
    if args.format == "jsonl" and args.profiles is None:
        raise UsageError(msg("usage.rank_jsonl", args.lang), hint=msg("hint.rank_jsonl", args.lang))
    overrides = dict(parse_weight(w) for w in args.weight)
    if args.profiles is not None:
        profiles, notice = profiles_in(args.profiles), None
    else:
        loaded, source, notice = profile_arg(args.profile, args.lang)
        profiles = [(loaded, source)]
    kb = load_advice_knowledge(args.rules)
    known = vendor_set(args.file, args.lang)
    vendors = known.vendors
    for loaded, _ in profiles:
        _own_weights_add_up(kb, loaded)
    level = explain_level(args)
    keep = recording(args)  # a record keeps the full trace, whatever the output shows
    options = RankOptions(weights=overrides, draws=args.draws, seed=args.seed, explain="full" if keep else level)
    eligibility = Eligibility(kb)  # each vendor's eligibility once, whatever the number of profiles
    results = []
    for loaded, source in profiles:
        result = rank(kb, loaded.profile, list(vendors.values()), source, options, eligibility)
        if keep:
            result = recorded(args, "rank", result, known, level)
        results.append(result.model_copy(update={"ranking": result.ranking[: args.top]}) if args.top else result)
    show_rankings(args, env, results, level, many=args.profiles is not None)
    if notice:
        env.stderr.write(notice + "\n")
    for result in results:
        if not result.ranking:  # an empty ranking is an answer too: say why, exit 0
            counts = Counter(r.rule for e in result.excluded for r in e.reasons)
            rule, n = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counts else ("-", 0)
            env.stderr.write(msg("rank.all_excluded", args.lang, rule=rule, n=n) + "\n")
    return Exit.OK


def recorded(args: argparse.Namespace, kind: str, result, known, level: str, extra: dict | None = None):
    """Keep a ranking of the vendors of `known` (a VendorSet) as a decision record (full trace); return it as the output shows it."""
    document = result.model_dump(mode="json")
    subjects = [result.profile["id"]] + [r.vendor for r in result.ranking]
    vendors = [known.vendors[vid] for vid in sorted(known.vendors)]
    inputs = {"profile": result.profile, "vendors": [v.model_dump(mode="json") for v in vendors],
              "vendor_sources": known.sources(known.vendors), **(extra or {})}
    keep_record(args, kind, document, subjects, inputs)
    return at_level(result, level)


def _own_weights_add_up(kb, loaded) -> None:
    """The profile's own weights, before the command line's: a zero sum is the file's fault."""
    from ..scoring.weights import resolve_weights

    try:
        resolve_weights(kb.weights, loaded.profile, {})
    except UsageError:
        raise LoadError(M("usage.weights_zero"), loaded.doc.locate(("weights",)), M("hint.positive_weight")) from None


def profiles_in(folder: Path) -> list:
    """Every `*.yaml` profile in `folder`, by file name, with where it came from; all errors at once."""
    from ..decide.inputs import load_profile_file
    from ..errors import ZhisuanError, flatten, raise_all

    if not folder.is_dir():
        raise LoadError(M("load.not_a_folder"), Location(printable(str(folder))), M("hint.check_path"))
    found, errors = [], []
    for path in sorted(folder.glob("*.yaml")):
        try:
            found.append((load_profile_file(path), printable(str(path))))
        except ZhisuanError as exc:
            errors += flatten(exc)
    raise_all(errors)
    if not found:
        raise LoadError(M("load.no_profiles"), Location(printable(str(folder))), M("hint.profiles_dir"))
    return found


def profile_corpus(folder: Path | None) -> list:
    """(profile, name) for every profile in `folder`, or for every bundled buyer when it is None."""
    from ..decide.inputs import bundled_profiles, load_profile_file

    if folder is not None:
        return [(loaded.profile, source) for loaded, source in profiles_in(folder)]
    return [(load_profile_file(path).profile, name) for name, path in bundled_profiles().items()]


def show_rankings(args, env, results: list, level: str, many: bool) -> None:
    """Print rankings in the chosen format (one document, or one per profile)."""
    from ..render.json_out import dumps, dumps_line
    from ..render.rank_view import rank_markdown, render_rank

    if args.format == "jsonl":
        for result in results:
            env.stdout.write(dumps_line(result.model_dump(mode="json")))
    elif args.format == "json":
        documents = [r.model_dump(mode="json") for r in results]
        env.stdout.write(dumps(documents if many else documents[0]))
    elif args.format == "markdown":
        env.stdout.write("\n".join(rank_markdown(r, args.lang, level) for r in results))
    else:
        def draw(console) -> None:
            for result in results:
                if many:  # which profile each ranking is for
                    console.rule(result.profile_source, style="bold")
                render_rank(console, result, args.lang, level)

        emit(env, draw)
