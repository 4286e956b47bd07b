"""`zhisuan init profile|vendor`: a commented YAML template to fill in, with an example in every field."""

from __future__ import annotations

import argparse

from .exit_codes import Exit

KINDS = ("profile", "vendor")


def add_parser(sub, ctx) -> None:
    """Register the init subcommand."""
    t = ctx.t
    p = sub.add_parser(
        "init",
        help=t("help.init.summary"),
        description=t("help.init.description"),
        epilog=t("help.init.examples"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("kind", choices=KINDS, metavar="KIND", help=t("help.init.kind"))
    p.set_defaults(run=run)


def run(args: argparse.Namespace, env) -> int:
    """Print the template."""
    from ..decide.templates import template_example
    from ..render.present import show

    show(env, "init.template", template_example(args.kind), "table", args.lang)
    return Exit.OK
