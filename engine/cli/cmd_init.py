"""`zhisuan init profile|vendor`: a commented YAML template to fill in, with an example in every field."""

from __future__ import annotations

import argparse

from ..messages import msg
from .exit_codes import Exit

KINDS = ("profile", "vendor")
PROFILE_EXAMPLE = "dongguan-factory-smb"
VENDOR_EXAMPLE = "coreshub"
# Keys whose meaning is the same wherever they appear.
COMMON = ("source", "reason", "evidence", "status")


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
    env.stdout.write(profile_template(args.lang) if args.kind == "profile" else vendor_template(args.lang))
    return Exit.OK


def profile_template(lang: str) -> str:
    """A buyer profile: every field, the bundled example's answer or `unknown`."""
    from ..decide.inputs import bundled_profiles
    from ..loader.yaml_source import load
    from ..model.profile import Profile
    from ..render.templates import allowed_values, commented

    example = load(bundled_profiles()[PROFILE_EXAMPLE]).data
    data = {"id": "my-company", "name": {"zh": "我的公司", "en": "My company"}}
    for key, field in Profile.model_fields.items():
        if key in data:
            continue
        value = example.get(key, "unknown" if field.default is None else field.get_default(call_default_factory=True))
        if isinstance(value, dict) and key != "weights":  # a section: every field of it
            inner = field.annotation.model_fields
            value = {k: value.get(k, "unknown") for k in inner}
        data[key] = value
    data["workloads"] = data["workloads"][:1]

    def comment(path: tuple) -> list[str]:
        lines = [msg(f"template.profile.{'.'.join(path)}", lang)] if _has(f"template.profile.{'.'.join(path)}") else []
        values = allowed_values(Profile, path)
        if values:
            lines.append(msg("template.allowed", lang, values=", ".join(values)))
        return lines

    return msg("template.profile_header", lang) + "\n" + commented(data, comment)


def vendor_template(lang: str) -> str:
    """A vendor: every field, with a bundled vendor's data as the example; each sub-criterion's definition."""
    from ..decide.bundle import bundle_root
    from ..decide.knowledge import load_rule_base
    from ..loader.yaml_source import load
    from ..model.vendor import Vendor
    from ..render.templates import allowed_values, commented

    example = load(bundle_root() / "profiles" / "vendors" / f"{VENDOR_EXAMPLE}.yaml").data
    data = {key: example.get(key) for key in Vendor.model_fields}
    data.update(id="my-vendor", name={"zh": "我的算力云", "en": "My compute cloud"})
    rules = load_rule_base().by_id

    def comment(path: tuple) -> list[str]:
        key = ".".join(path)
        lines = []
        if len(path) == 2 and path[0] == "sub" and path[1] in rules:
            lines.append(f"{path[1]}: {rules[path[1]].rule.title.get(lang)} [{rules[path[1]].rule.source}]")
        elif _has(f"template.vendor.{key}"):
            lines.append(msg(f"template.vendor.{key}", lang))
        elif path[-1] in COMMON and len(path) == 2:
            lines.append(msg(f"template.common.{path[-1]}", lang))
        values = allowed_values(Vendor, path)
        if values:
            lines.append(msg("template.allowed", lang, values=", ".join(values)))
        return lines

    return msg("template.vendor_header", lang, example=VENDOR_EXAMPLE) + "\n" + commented(data, comment)


def _has(key: str) -> bool:
    from ..messages import MESSAGES

    return key in MESSAGES
