"""zhisuan: rules-engine decision support for the South China inclusive AI compute cloud market."""

from .errors import EvaluationError, LoadError, RuleError, UsageError, ZhisuanError
from .loader.knowledge import load_advice_knowledge, load_rule_base, load_vendors
from .model.decision import CheckResult, VendorDecision
from .model.ranking import RankResult
from .runtime.check import check, decide
from .runtime.rank import RankOptions, rank

__all__ = [
    "CheckResult",
    "EvaluationError",
    "LoadError",
    "RankOptions",
    "RankResult",
    "RuleError",
    "UsageError",
    "VendorDecision",
    "ZhisuanError",
    "check",
    "decide",
    "load_advice_knowledge",
    "load_rule_base",
    "load_vendors",
    "rank",
]
