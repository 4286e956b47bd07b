"""What `init` fills its templates from: a bundled buyer or vendor as the example, and the sub-criteria's titles."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..loader.yaml_source import load
from ..model.common import Text
from .bundle import bundle_root
from .inputs import bundled_profiles
from .knowledge import load_rule_base

__all__ = ["PROFILE_EXAMPLE", "VENDOR_EXAMPLE", "TemplateExample", "template_example"]

PROFILE_EXAMPLE = "dongguan-factory-smb"
VENDOR_EXAMPLE = "coreshub"


@dataclass(frozen=True)
class TemplateExample:
    """The example a template shows: whose it is, its YAML as plain data, and (for a vendor) each
    sub-criterion's title and report section, to say what each `sub` entry means."""

    kind: str  # profile or vendor
    example: str
    data: dict
    sub_criteria: dict[str, tuple[Text, str]] = field(default_factory=dict)


def template_example(kind: str) -> TemplateExample:
    """The example of a `profile` or a `vendor` template."""
    if kind == "profile":
        return TemplateExample(kind, PROFILE_EXAMPLE, load(bundled_profiles()[PROFILE_EXAMPLE]).data)
    data = load(bundle_root() / "profiles" / "vendors" / f"{VENDOR_EXAMPLE}.yaml").data
    subs = {rid: (rule.rule.title, rule.rule.source) for rid, rule in load_rule_base().by_id.items()}
    return TemplateExample(kind, VENDOR_EXAMPLE, data, subs)
