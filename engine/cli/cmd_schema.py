"""`zhisuan schema vendor|rules`: JSON Schema for editors."""

from __future__ import annotations

import argparse

from ..model.profile import Profile
from ..model.rules import RuleFile
from ..model.vendor import Vendor
from ..render.json_out import dumps
from .exit_codes import Exit

SCHEMAS = {"vendor": Vendor, "profile": Profile, "rules": RuleFile}


def add_parser(sub, ctx) -> None:
    """Register the schema subcommand."""
    t = ctx.t
    p = sub.add_parser("schema", help=t("help.schema.print_a_json_schema"))
    p.add_argument("kind", choices=sorted(SCHEMAS))
    p.set_defaults(run=run)


def run(args: argparse.Namespace, env) -> int:
    """Print the schema."""
    env.stdout.write(dumps(SCHEMAS[args.kind].model_json_schema(by_alias=True)))
    return Exit.OK
