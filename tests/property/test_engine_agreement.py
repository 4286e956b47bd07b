"""durable_rules fires exactly the rules whose Python (three-valued) evaluation is true."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.compile.compiler import ruleset
from engine.compile.truth import TRUE, evaluate
from engine.compile.tree import build
from engine.errors import Location
from engine.model.fields import FIELDS
from engine.model.rules import Condition
from engine.runtime.durable_adapter import engine

from .strategies import condition, facts

EXAMPLES = int(os.environ.get("ZHISUAN_FUZZ_EXAMPLES", "60"))


class _Compiled:
    def __init__(self, rid, node):
        self.id, self.condition = rid, node
        self.reads = frozenset(leaf.leaf.field for leaf in node.leaves())


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(conds=st.lists(condition(), min_size=1, max_size=6), samples=st.lists(facts(), min_size=1, max_size=4))
def test_durable_fired_set_equals_python_evaluation(conds, samples):
    nowhere = lambda path: Location("generated.yaml")  # noqa: E731
    rules = [_Compiled(f"r{i}", build(Condition.model_validate(c), (), nowhere)) for i, c in enumerate(conds)]
    part = ruleset(rules)
    for fact in samples:
        expected = {r.id for r in rules if evaluate(r.condition, fact) == TRUE}
        # What evaluation sends (only the fields the stage reads) and the whole fact agree.
        assert engine().fire(part.name, part.definition, part.payload(fact)) == expected, (conds, fact)
        whole = {FIELDS[k].engine_name: v for k, v in fact.items()}
        assert engine().fire(part.name, part.definition, whole) == expected, (conds, fact)
