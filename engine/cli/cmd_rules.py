"""`zhisuan rules list|show|advice`: what each rule says, where it comes from, and the report's advice it encodes."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError
from ..messages import msg
from .exit_codes import Exit
from .output import add_output_options, emit


def add_parser(sub, ctx) -> None:
    """Register `rules list`, `rules show`, `rules advice` and `rules version`."""
    t = ctx.t
    p = sub.add_parser(
        "rules",
        help=t("help.rules.list_rules_or_show"),
        description=t("help.rules.the_eligibility_rules_check"),
    )
    inner = ctx.subparsers(p, dest="rules_command", metavar="{list,show,advice,version,lint,coverage}")
    lp = inner.add_parser("list", help=t("help.rules.every_rule_with_its"))
    add_output_options(lp, explain=False, t=t)
    lp.set_defaults(run=run_list)
    sp = inner.add_parser("show", help=t("help.rules.one_rule_in_full"))
    sp.add_argument("rule_id", metavar="RULE")
    add_output_options(sp, explain=False, t=t)
    sp.set_defaults(run=run_show)
    ap = inner.add_parser(
        "advice",
        help=t("help.rules.every_piece_of_the"),
        description=t("help.rules.the_advice_conformance_table"),
    )
    add_output_options(ap, explain=False, t=t)
    ap.set_defaults(run=run_advice)
    vp = inner.add_parser("version", help=t("help.rules.version"), description=t("help.rules.version_description"))
    add_output_options(vp, explain=False, t=t)
    vp.set_defaults(run=run_version)
    lp = inner.add_parser("lint", help=t("help.rules.lint"), description=t("help.rules.lint_description"))
    add_output_options(lp, explain=False, t=t, formats=("table", "json"))
    lp.set_defaults(run=run_lint)
    cp = inner.add_parser("coverage", help=t("help.rules.coverage"), description=t("help.rules.coverage_description"))
    cp.add_argument("--profiles", type=Path, default=None, metavar="DIR", help=t("help.rules.coverage_profiles"))
    add_output_options(cp, explain=False, t=t, formats=("table", "json"))
    cp.set_defaults(run=run_coverage)


def run_version(args: argparse.Namespace, env) -> int:
    """Print the rules version and every file it covers with its sha256."""
    from ..decide.identity import rules_identity
    from ..render.json_out import dumps

    identity = rules_identity(args.rules)
    if args.format == "json":
        files = [{"file": name, "sha256": sha} for name, sha in identity.files]
        env.stdout.write(dumps({"rules_version": identity.version, "files": files}))
        return Exit.OK
    lines = [f"{msg('check.rules_version', args.lang)} {identity.version}"]
    lines += [f"  {sha[:12]}  {name}" for name, sha in identity.files]
    env.stdout.write("\n".join(lines) + "\n")
    return Exit.OK


def run_lint(args: argparse.Namespace, env) -> int:
    """Print every finding with its file:line; exit 1 when there is one."""
    from ..decide.lint import lint_rules
    from ..render.json_out import dumps

    findings, rules = lint_rules(args.rules)
    if args.format == "json":
        env.stdout.write(dumps({"rules": rules, "findings": [
            {"check": f.check, "file": f.error.location.file if f.error.location else None,
             "line": f.error.location.line if f.error.location else None,
             "message": f.error.message_in(args.lang), "hint": f.error.hint_in(args.lang)} for f in findings]}))
    elif findings:
        lines = []
        for f in findings:
            hint = f.error.hint_in(args.lang)
            where = f"{f.error.location}: " if f.error.location else ""
            lines.append(f"{where}{f.check}: {f.error.message_in(args.lang)}" + (f" ({hint})" if hint else ""))
        load = sum(f.check == "load" for f in findings)
        lines.append(msg("lint.found", args.lang, n=len(findings), load=load))
        env.stdout.write("\n".join(lines) + "\n")
    else:
        env.stdout.write(msg("lint.clean", args.lang, n=rules) + "\n")
    return Exit.NEGATIVE if findings else Exit.OK


def run_coverage(args: argparse.Namespace, env) -> int:
    """Print, per rule, how often it fired and how often leaving it out changes an outcome."""
    from dataclasses import asdict

    from ..decide.coverage import rule_coverage
    from ..render.console import make_table, print_table
    from ..render.json_out import dumps
    from .cmd_rank import profile_corpus

    found = rule_coverage(args.rules, profile_corpus(args.profiles))
    never = [r.rule for r in found.rules if not r.fired]
    idle = [r.rule for r in found.rules if r.fired and r.changed == 0]
    if args.format == "json":
        env.stdout.write(dumps({"vendors": found.vendors, "profiles": found.profiles, "never_fired": never,
                                "never_changed": idle, "rules": [asdict(r) for r in found.rules]}))
        return Exit.OK
    lang = args.lang

    def changed(r) -> str:
        if not r.fired:
            return "-"
        return msg("coverage.needed", lang) if r.changed is None else f"{r.changed}/{r.out_of}"

    def draw(console) -> None:
        keys = ("coverage.col_rule", "coverage.col_base", "coverage.col_fired", "coverage.col_changed", "coverage.col_where")
        table = make_table(console, *(msg(key, lang) for key in keys))
        bases = {"eligibility": msg("coverage.eligibility", lang), "advice": msg("coverage.advice", lang)}
        for r in found.rules:
            table.add_row(r.rule, bases[r.base], str(r.fired), changed(r), r.location)
        print_table(console, table)
        console.print(msg("coverage.corpus", lang, vendors=found.vendors, profiles=found.profiles))
        console.print(msg("coverage.never_fired", lang, n=len(never), rules=", ".join(never) or "-"))
        console.print(msg("coverage.never_changed", lang, n=len(idle), rules=", ".join(idle) or "-"))

    emit(env, draw)
    return Exit.OK


def run_list(args: argparse.Namespace, env) -> int:
    """Print every rule: eligibility, then advice."""
    from ..decide.knowledge import load_advice_knowledge
    from ..render.console import make_table, print_table
    from ..render.json_out import dumps
    from ..render.markdown import markdown_table
    from ..render.rules_view import file_order, rule_headers, rule_json, rule_rows

    kb = load_advice_knowledge(args.rules)
    rules = kb.all_rules()
    if args.format == "json":
        ordered = sorted(rules.values(), key=file_order)
        env.stdout.write(dumps({"rules_version": kb.version, "rules": [rule_json(r) for r in ordered]}))
        return Exit.OK
    headers, rows = rule_headers(args.lang), rule_rows(rules, args.lang)
    if args.format == "markdown":
        env.stdout.write("\n".join(markdown_table(headers, rows)) + "\n")
        return Exit.OK

    def draw(console) -> None:
        table = make_table(console, *headers, wrap=(1, 2))
        for row in rows:
            table.add_row(*row)
        print_table(console, table)

    emit(env, draw)
    return Exit.OK


def run_show(args: argparse.Namespace, env) -> int:
    """Print one rule."""
    from ..decide.knowledge import load_advice_knowledge
    from ..suggest import did_you_mean
    from ..render.json_out import dumps
    from ..render.rules_view import rule_detail, rule_json

    rules = load_advice_knowledge(args.rules).all_rules()
    by_lower = {rid.lower(): r for rid, r in rules.items()}  # ids never differ only in case
    rule = rules.get(args.rule_id) or by_lower.get(args.rule_id.lower())
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


def run_advice(args: argparse.Namespace, env) -> int:
    """Print the advice conformance table."""
    from ..decide.conformance import load_conformance
    from ..decide.knowledge import load_advice_knowledge
    from ..render.console import make_table, print_table
    from ..render.json_out import dumps
    from ..render.markdown import markdown_table
    from ..render.rules_view import advice_headers, advice_rows

    kb = load_advice_knowledge(args.rules)
    table = load_conformance(kb, args.rules)
    if args.format == "json":
        env.stdout.write(dumps({"rules_version": kb.version, **table.model_dump(mode="json")}))
        return Exit.OK
    encoded = sum(1 for item in table.advice if item.not_encoded is None)
    summary = msg("advice.summary", args.lang, n=len(table.advice), encoded=encoded, not_encoded=len(table.advice) - encoded)
    if args.format == "markdown":
        rows = advice_rows(table, args.lang, quotes=True)
        env.stdout.write("\n".join(markdown_table(advice_headers(args.lang, True), rows) + ["", summary]) + "\n")
        return Exit.OK

    def draw(console) -> None:
        advice, section, how = advice_headers(args.lang, False)
        grid = make_table(console, advice, how, wrap=(0, 1))
        for item, (item_id, where, encoding) in zip(table.advice, advice_rows(table, args.lang, quotes=False)):
            said = item.quote if args.lang == "zh" else item.advice
            grid.add_row(f"{said}\n{where} · {item_id}", encoding)
        print_table(console, grid)
        console.print(summary)

    emit(env, draw)
    return Exit.OK
