"""What `init` fills its templates from: a bundled buyer or vendor as the example, and the sub-criteria's titles."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from ..loader.yaml_source import load
from ..messages import msg
from ..model.common import Text
from .bundle import bundle_root
from .inputs import bundled_profiles
from .knowledge import load_rule_base

__all__ = ["PROFILE_EXAMPLE", "TEMPLATE_ID", "VENDOR_EXAMPLE", "TemplateExample", "neutral_vendor", "template_example",
           "template_leftovers"]

PROFILE_EXAMPLE = "dongguan-factory-smb"
VENDOR_EXAMPLE = "coreshub"  # the shape the vendor template follows; none of its facts stay in it
TEMPLATE_ID = "my-vendor"
_MARKS = ("替换：", "REPLACE:")  # how every placeholder text of the vendor template begins, in each language
_KEPT_CAPABILITIES = ("unified_scheduling", "ai_paas", "elastic_scaling")  # the ones the eligibility rules read


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
    return TemplateExample(kind, VENDOR_EXAMPLE, neutral_vendor(data), subs)


def neutral_vendor(data: dict) -> dict:
    """A bundled vendor's data made into a template nobody can take for data: not in the report, every
    text a placeholder to replace, every fact our assessment with a reason to write, every status unknown.

    The values (chips, pricing, shares, ratings) stay as examples of their form: each one's reason is a
    placeholder, so `template_leftovers` finds it until the reason is written.
    """
    out = copy.deepcopy(data)
    out.update(id=TEMPLATE_ID, name=_placeholder("placeholder.name"), assessed_in_report=False, declared_type=None,
               declared_type_source=None, notes=[], risks=[])
    out["nodes"] = [{**node, "city": _placeholder("placeholder.city")} if "city" in node else node for node in out["nodes"][:1]]
    out["capabilities"] = [c for c in out["capabilities"] or () if c["flag"] in _KEPT_CAPABILITIES]
    for sub in out["sub"].values():
        sub["status"] = "unknown"
    _assessed(out)
    return out


def _assessed(value: Any) -> None:
    """Every block with a provenance becomes an assessment whose reason (and evidence) is a placeholder."""
    if isinstance(value, list):
        for item in value:
            _assessed(item)
    elif isinstance(value, dict):
        if "source" in value:
            value.update(source="assessment", reason=_placeholder("placeholder.reason"))
            if "evidence" in value:
                value["evidence"] = _placeholder("placeholder.evidence")
        for item in value.values():
            _assessed(item)


def _placeholder(key: str) -> dict[str, str]:
    """The catalogue's text to replace (a name, a city, a reason, an evidence), in both languages."""
    return {lang: msg(key, lang) for lang in ("zh", "en")}


def template_leftovers(data: Any, path: tuple = ()) -> list[tuple]:
    """The paths in a vendor file's data that still hold the template's placeholders (or its id)."""
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in template_leftovers(value, (*path, key))]
    if isinstance(data, list):
        return [found for i, value in enumerate(data) for found in template_leftovers(value, (*path, i))]
    if isinstance(data, str) and (data.startswith(_MARKS) or (path == ("id",) and data == TEMPLATE_ID)):
        return [path[:-1] if path[-1] in ("zh", "en") else path]  # a text is one value, whichever language is left
    return []
