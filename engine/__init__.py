"""zhisuan: rules-engine decision support for the South China inclusive AI compute cloud market.

The public API is imported on first use, so that `import engine` (and with it the command
line's start-up, --help and Ctrl-C handling) does not load pydantic, rich or durable_rules.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "EvaluationError": ".errors",
    "LoadError": ".errors",
    "RuleError": ".errors",
    "UsageError": ".errors",
    "ZhisuanError": ".errors",
    "load_advice_knowledge": ".decide.knowledge",
    "load_rule_base": ".decide.knowledge",
    "load_vendors": ".decide.inputs",
    "CheckResult": ".model.decision",
    "VendorDecision": ".model.decision",
    "RankResult": ".model.ranking",
    "check": ".decide.check",
    "decide": ".decide.check",
    "RankOptions": ".decide.rank",
    "rank": ".decide.rank",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for."""
    if name not in _WHERE:
        raise AttributeError(f"module 'engine' has no attribute {name!r}")
    return getattr(import_module(_WHERE[name], __name__), name)
