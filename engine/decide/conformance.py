"""The advice conformance table: each piece of the report's buying advice and how the rules encode it."""

from __future__ import annotations

from pathlib import Path

from ..errors import RuleError
from ..loader.validate import validate
from ..loader.yaml_source import load
from ..messages import M
from ..model.conformance import Conformance
from ..suggest import did_you_mean
from .bundle import display_name, display_root, inside, rules_folder
from .inputs import load_vendors
from .knowledge import AdviceKnowledge

__all__ = ["load_conformance"]


def load_conformance(kb: AdviceKnowledge, rules_dir: Path | None = None) -> Conformance:
    """rules/conformance.yaml, with every rule, figure, policy and vendor id it names checked."""
    path = rules_folder(rules_dir) / "conformance.yaml"
    display = display_name(path, display_root(rules_dir))
    doc = load(inside(path, rules_folder(rules_dir), display), display)
    table = validate(Conformance, doc)
    known = {
        "encoded_by": set(kb.all_rules()),
        "context": {f.id for f in kb.figures.figures} | {p.id for p in kb.policies.policies},
        "risks": {lv.vendor.id for lv in load_vendors() if lv.vendor.risks},
    }
    for i, item in enumerate(table.advice):
        for key, ids in known.items():
            for j, name in enumerate(getattr(item, key)):
                if name not in ids:
                    raise RuleError(
                        M("rule.conformance_unknown", item=item.id, key=key, name=repr(name)),
                        doc.locate(("advice", i, key, j)),
                        did_you_mean(name, ids),
                    )
    return table
