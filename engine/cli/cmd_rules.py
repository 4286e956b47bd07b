"""`zhisuan rules list|show|advice|version|lint|coverage`: what each rule says and where it comes from, the report's advice it encodes, and the rules' health."""

from __future__ import annotations

import argparse
from pathlib import Path

from .exit_codes import Exit
from .options import add_output_options


def add_parser(sub, ctx) -> None:
    """Register `rules list`, `show`, `advice`, `version`, `lint` and `coverage`."""
    t = ctx.t
    p = sub.add_parser("rules", help=t("help.rules.summary"), description=t("help.rules.description"))
    inner = ctx.subparsers(p, dest="rules_command", metavar="{list,show,advice,version,lint,coverage}")
    lp = inner.add_parser("list", help=t("help.rules.list"))
    add_output_options(lp, explain=False, t=t)
    lp.set_defaults(run=run_list)
    sp = inner.add_parser("show", help=t("help.rules.show"))
    sp.add_argument("rule_id", metavar="RULE")
    sp.add_argument("--compiled", action="store_true", help=t("help.rules.compiled"))
    add_output_options(sp, explain=False, t=t)
    sp.set_defaults(run=run_show)
    ap = inner.add_parser("advice", help=t("help.rules.advice"), description=t("help.rules.advice_description"))
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


def run_list(args: argparse.Namespace, env) -> int:
    """Print every rule: eligibility, then advice."""
    from ..decide.knowledge import load_advice_knowledge
    from ..render.present import show

    show(env, "rules.list", load_advice_knowledge(args.rules), args.format, args.lang)
    return Exit.OK


def run_show(args: argparse.Namespace, env) -> int:
    """Print one rule (with --compiled: its durable ruleset, pattern and evaluation tree)."""
    from ..decide.knowledge import compiled_form, load_advice_knowledge
    from ..render.present import show

    kb = load_advice_knowledge(args.rules)
    compiled = compiled_form(kb, args.rule_id) if args.compiled else None
    show(env, "rules.show", compiled.rule if compiled else kb.rule(args.rule_id), args.format, args.lang, compiled=compiled)
    return Exit.OK


def run_advice(args: argparse.Namespace, env) -> int:
    """Print the advice conformance table."""
    from ..decide.conformance import load_conformance
    from ..decide.knowledge import load_advice_knowledge
    from ..render.present import show

    kb = load_advice_knowledge(args.rules)
    show(env, "rules.advice", load_conformance(kb, args.rules), args.format, args.lang, version=kb.version)
    return Exit.OK


def run_version(args: argparse.Namespace, env) -> int:
    """Print the rules version and every file it covers with its sha256."""
    from ..decide.identity import rules_identity
    from ..render.present import show

    show(env, "rules.version", rules_identity(args.rules), args.format, args.lang)
    return Exit.OK


def run_lint(args: argparse.Namespace, env) -> int:
    """Print every finding with its file:line; exit 1 when there is one."""
    from ..decide.lint import lint_rules
    from ..render.present import show

    report = lint_rules(args.rules)
    show(env, "rules.lint", report, args.format, args.lang)
    return Exit.NEGATIVE if report.findings else Exit.OK


def run_coverage(args: argparse.Namespace, env) -> int:
    """Print, per rule, how often it fired and how often leaving it out changes an outcome."""
    from ..decide.coverage import rule_coverage
    from ..decide.inputs import profile_corpus
    from ..render.present import show

    show(env, "rules.coverage", rule_coverage(args.rules, profile_corpus(args.profiles)), args.format, args.lang)
    return Exit.OK
