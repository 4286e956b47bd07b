"""`zhisuan schema vendor|profile|rules`: JSON Schema for editors."""

from __future__ import annotations

import argparse

from .exit_codes import Exit

SCHEMAS = ("profile", "rules", "vendor")


def add_parser(sub, ctx) -> None:
    """Register the schema subcommand."""
    t = ctx.t
    p = sub.add_parser("schema", help=t("help.schema.summary"))
    p.add_argument("kind", choices=SCHEMAS)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, env) -> int:
    """Print the schema."""
    from ..model.profile import Profile
    from ..model.rules import RuleFile
    from ..model.vendor import Vendor
    from ..render.present import show

    model = {"vendor": Vendor, "profile": Profile, "rules": RuleFile}[args.kind]
    show(env, "schema", model.model_json_schema(by_alias=True), "json", args.lang)
    return Exit.OK
