"""`zhisuan vendors [show ID …]` and `zhisuan compare A B [C …]`: look at the vendors, one by one or side by side."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError
from ..messages import M
from .exit_codes import Exit
from .options import FORMATS, add_output_options
from .vendor_files import warn_template_values


def add_parser(sub, ctx) -> None:
    """Register `vendors` and `compare`."""
    t = ctx.t
    p = _command(sub, t, "vendors", run_vendors, ("help.vendors.summary", "help.vendors.description", "help.vendors.examples"))
    p.add_argument("words", nargs="*", metavar="show VENDOR", help=t("help.vendors.show"))
    c = _command(sub, t, "compare", run_compare, ("help.compare.summary", "help.compare.description", "help.compare.examples"))
    c.add_argument("vendors", nargs="+", metavar="VENDOR", help=t("help.compare.vendors"))


def _command(sub, t, name: str, run, keys: tuple[str, str, str]) -> argparse.ArgumentParser:
    """One of the two commands, with its help (summary, description, examples), --file and the output options."""
    summary, description, examples = (t(k) for k in keys)
    p = sub.add_parser(name, help=summary, description=description, epilog=examples,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--file", action="append", default=[], type=Path, metavar="YAML", help=t("help.check.file"))
    add_output_options(p, explain=False, t=t, formats=FORMATS)
    p.set_defaults(run=run)
    return p


def run_vendors(args: argparse.Namespace, env) -> int:
    """List every vendor, or show the ones after `show`."""
    from ..decide.check import check
    from ..decide.inputs import vendor_set
    from ..decide.knowledge import load_rule_base
    from ..render.present import show

    if args.words and args.words[0] != "show":
        raise UsageError(M("usage.vendors_words", words=" ".join(args.words)), hint=M("hint.vendors_show", id=args.words[0]))
    base, known = load_rule_base(args.rules), vendor_set(args.file)
    warn_template_values(env, known, args.lang)
    if not args.words:
        show(env, "vendors", check(base, [known.vendors[v] for v in sorted(known.vendors)], "off"), args.format, args.lang)
        return Exit.OK
    ids = args.words[1:]
    if not ids:
        raise UsageError(M("usage.vendors_show_ids"), hint=M("hint.vendor_ids", ids=", ".join(sorted(known.vendors))))
    chosen = known.chosen(ids)
    result = check(base, [known.vendors[v] for v in chosen], "off", paths=True)
    show(env, "vendors.show", (result, [known.vendors[v] for v in chosen]), args.format, args.lang)
    return Exit.OK


def run_compare(args: argparse.Namespace, env) -> int:
    """Show two or more vendors side by side."""
    from ..decide.check import check
    from ..decide.inputs import vendor_set
    from ..decide.knowledge import load_rule_base
    from ..render.present import show

    base, known = load_rule_base(args.rules), vendor_set(args.file)
    warn_template_values(env, known, args.lang)
    chosen = known.chosen(args.vendors)
    if len(chosen) < 2:
        raise UsageError(M("usage.compare_two"), hint=M("hint.vendor_ids", ids=", ".join(sorted(known.vendors))))
    vendors = [known.vendors[v] for v in chosen]
    show(env, "vendors.compare", (check(base, vendors, "off", paths=True), vendors), args.format, args.lang)
    return Exit.OK
