"""`zhisuan rules list|show`: what each rule says and where it comes from."""

from __future__ import annotations

import argparse

from ..errors import UsageError
from ..loader.knowledge import load_advice_knowledge
from ..loader.suggest import did_you_mean
from ..render.console import make_table
from ..render.json_out import dumps
from ..render.messages import msg
from ..render.rules_view import rule_detail, rule_headers, rule_json, rule_rows, file_order
from .exit_codes import Exit
from .output import add_output_options, emit


def add_parser(sub, ctx) -> None:
    """Register `rules list` and `rules show`."""
    t = ctx.t
    p = sub.add_parser(
        "rules",
        help=t("list rules or show one", "列出规则或查看一条规则"),
        description=t(
            "The eligibility rules (check) and the advice rules (rank), each with its report source and "
            "the file:line where it is written.",
            "赛道判定规则（check）与选型建议规则（rank），各附报告出处及所在文件行号。",
        ),
    )
    inner = ctx.subparsers(p, dest="rules_command", metavar="{list,show}")
    lp = inner.add_parser("list", help=t("every rule with its source and file:line", "全部规则及其来源和位置"))
    add_output_options(lp, explain=False, t=t)
    lp.set_defaults(run=run_list)
    sp = inner.add_parser("show", help=t("one rule in full, e.g. `rules show T1`", "查看一条规则，如 `rules show T1`"))
    sp.add_argument("rule_id", metavar="RULE")
    add_output_options(sp, explain=False, t=t)
    sp.set_defaults(run=run_show)


def run_list(args: argparse.Namespace, env) -> int:
    """Print every rule: eligibility, then advice."""
    kb = load_advice_knowledge(args.rules)
    rules = kb.all_rules()
    if args.format == "json":
        ordered = sorted(rules.values(), key=file_order)
        env.stdout.write(dumps({"rules_version": kb.version, "rules": [rule_json(r) for r in ordered]}))
        return Exit.OK
    headers, rows = rule_headers(args.lang), rule_rows(rules, args.lang)
    if args.format == "markdown":
        lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
        env.stdout.write("\n".join(lines) + "\n")
        return Exit.OK

    def draw(console) -> None:
        table = make_table(console, *headers, wrap=(1, 2))
        for row in rows:
            table.add_row(*row)
        console.print(table)

    emit(env, draw)
    return Exit.OK


def run_show(args: argparse.Namespace, env) -> int:
    """Print one rule."""
    rules = load_advice_knowledge(args.rules).all_rules()
    rule = rules.get(args.rule_id)
    if rule is None:
        raise UsageError(
            msg("error.unknown_rule", args.lang, id=args.rule_id), hint=did_you_mean(args.rule_id, rules) or msg("hint.rules_list", args.lang)
        )
    if args.format == "json":
        env.stdout.write(dumps(rule_json(rule)))
    elif args.format == "markdown":
        env.stdout.write("```\n" + rule_detail(rule, args.lang) + "```\n")
    else:
        env.stdout.write(rule_detail(rule, args.lang))
    return Exit.OK
