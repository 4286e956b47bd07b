"""`zhisuan check`: is a vendor in the track, and why."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError
from ..loader.knowledge import load_rule_base
from ..loader.suggest import did_you_mean
from ..render.check_markdown import check_markdown
from ..render.check_view import render_check
from ..render.json_out import dumps
from ..messages import msg
from ..runtime.check import check, meets
from .exit_codes import Exit
from .vendor_set import vendor_set
from .output import add_output_options, emit, explain_level, with_filtered_traces


def add_parser(sub, ctx) -> None:
    """Register the check subcommand."""
    t = ctx.t
    p = sub.add_parser(
        "check",
        help=t("classify vendors: track, supplier type, T/P/A/C and F", "判定厂商：赛道、类型、T/P/A/C 与 F"),
        description=t(
            "Evaluate vendors against the four criteria (T, P, A, C) and twelve sub-criteria of the report. "
            "With no arguments every bundled vendor is checked. Exit 0 when the check is made, whatever "
            "the verdicts; 1 only when --fail-unless is given and a checked vendor falls short of it "
            "(for CI gates); 2 on bad input. --file - reads a vendor from standard input.",
            "按报告的四项标准（T、P、A、C）和十二项子标准判定厂商。不带参数时判定全部内置厂商。"
            "完成判定即退出码 0，无论结论如何；仅当给出 --fail-unless 且有厂商达不到时为 1（用于 CI 关卡）；"
            "输入错误为 2。--file - 从标准输入读取厂商。",
        ),
        epilog=t(
            "examples:\n  zhisuan check\n  zhisuan check datacanvas --explain full\n"
            "  zhisuan check --file my-vendor.yaml\n  zhisuan check --format json | jq .",
            "示例：\n  zhisuan check\n  zhisuan check datacanvas --explain full\n"
            "  zhisuan check --file my-vendor.yaml\n  zhisuan check --format json | jq .",
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("vendors", nargs="*", metavar="VENDOR", help=t("bundled vendor ids", "内置厂商 id"))
    p.add_argument(
        "--file",
        action="append",
        default=[],
        type=Path,
        metavar="YAML",
        help=t("check a vendor file, `-` for standard input (repeatable)", "判定一个厂商文件，`-` 为标准输入（可重复）"),
    )
    p.add_argument(
        "--fail-unless",
        choices=("core", "partial"),
        default=None,
        help=t(
            "exit 1 unless every checked vendor is core (or at least partial): a gate for CI",
            "除非每个被判定厂商都是核心（或至少部分）赛道，否则退出码为 1：用作 CI 关卡",
        ),
    )
    add_output_options(p, explain=True, t=t)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, env) -> int:
    """Run check and print the result."""
    base = load_rule_base(args.rules)
    everyone, from_files = vendor_set(args.file, args.lang)
    for vid in args.vendors:
        if vid not in everyone:
            raise UsageError(
                msg("error.unknown_vendor", args.lang, id=vid),
                hint=did_you_mean(vid, everyone) or msg("hint.vendor_ids", args.lang, ids=", ".join(sorted(everyone))),
            )
    if args.vendors or not args.file:
        chosen = list(dict.fromkeys(from_files + (args.vendors or sorted(everyone))))
    else:
        chosen = from_files
    result = check(base, [everyone[v] for v in chosen])
    level = explain_level(args)
    if args.format == "json":
        shown = result.model_copy(update={"vendors": with_filtered_traces(result.vendors, level)})
        env.stdout.write(dumps(shown.model_dump(mode="json")))
    elif args.format == "markdown":
        env.stdout.write(check_markdown(result, args.lang, level))
    else:
        emit(env, lambda console: render_check(console, result, args.lang, level))
    if args.fail_unless and not meets(result, args.fail_unless):
        return Exit.NEGATIVE
    return Exit.OK
