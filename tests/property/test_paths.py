"""For random vendors: every path `check` reports reaches its target when made to the vendor file and
decided again by the engine, and no set of fewer changes to the vendor's own facts does (a brute force
over every own change the fact catalogue allows, independent of the search's own candidates)."""

from __future__ import annotations

import os
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.compile.facts import vendor_facts
from engine.decide.check import decide, track_meets
from engine.decide.qualify import MAX_CHANGES, apply_changes
from engine.model.decision import Change
from engine.model.fields import FIELDS
from engine.model.vocabulary import ALL_SUBS
from engine.runtime.evaluate import run_facts

from ..conftest import patched_vendor

ASSESSED = ["datacanvas", "coreshub", "alibaba", "huawei", "baidu", "volcano", "sensetime"]
LISTS = {"pricing": "pricing.values", "chips": "chips.values"}
ONE_VALUE = {"activation": "activation.value", "contract.min_commitment": "contract.min_commitment"}
# Without ZHISUAN_SLOW_TESTS a "no path" answer is proved for up to two changes; with it, up to three.
NO_PATH_PROOF = MAX_CHANGES if os.environ.get("ZHISUAN_SLOW_TESTS") == "1" else 2


def _subset(values) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(values), unique=True).map(sorted)


KEEP = object()  # the bundled vendor's own value


def _sometimes(strategy: st.SearchStrategy) -> st.SearchStrategy:
    """The bundled value three times in four, else one drawn from `strategy`: near misses of core, not only far ones."""
    return st.sampled_from((KEEP, KEEP, KEEP, None)).flatmap(lambda keep: st.just(KEEP) if keep is KEEP else strategy)


@st.composite
def random_vendor(draw):
    """A bundled vendor with some of its own facts (pricing, chips, capabilities, activation, commitment, statuses)
    drawn at random, each possibly unknown."""
    patch = {path: draw(_sometimes(st.none() | _subset(FIELDS[fact].values))) for fact, path in LISTS.items()}
    patch["contract.min_commitment"] = draw(_sometimes(st.sampled_from((*FIELDS["contract.min_commitment"].values, "unknown"))))
    activation = draw(_sometimes(st.none() | st.sampled_from(FIELDS["activation"].values)))
    patch["activation"] = activation if activation is KEEP else activation and {"value": activation, "source": "report:§04 CoresHub overview"}
    flags = draw(_sometimes(st.none() | _subset(("unified_scheduling", "ai_paas", "elastic_scaling", "maas"))))
    patch["capabilities"] = flags if flags in (KEEP, None) else [{"flag": f, "source": "report:§04 CoresHub overview"} for f in flags]
    patch |= {f"sub.{s}.status": draw(_sometimes(st.sampled_from(("met", "not_met", "unknown")))) for s in ALL_SUBS}
    return patched_vendor(draw(st.sampled_from(ASSESSED)), {k: v for k, v in patch.items() if v is not KEEP})


def _every_own_change(vendor) -> list[Change]:
    """Each single change the catalogue allows to the vendor's own facts (a status only ever becomes met)."""
    facts = vendor_facts(vendor)
    found = [Change(field=f, action="add", value=v, at=p, subs=[]) for f, p in LISTS.items()
             for v in FIELDS[f].values if v not in facts.get(f, ())]
    found += [Change(field="capabilities", action="add", value=v, at="capabilities", subs=[])
              for v in FIELDS["capabilities"].values if v not in facts.get("capabilities", ())]
    found += [Change(field=f, action="set", value=v, at=p, subs=[]) for f, p in ONE_VALUE.items()
              for v in FIELDS[f].values if v != facts.get(f)]
    found += [Change(field=f"sub.{s}.status", action="set", value="met", at=f"sub.{s}.status", subs=[])
              for s in ALL_SUBS if facts.get(f"sub.{s}.status") != "met"]
    return found


def _reaches(base, vendor, changes, target) -> bool:
    if len({c.field for c in changes if c.action == "set"}) < sum(c.action == "set" for c in changes):
        return False  # one fact set twice is not a change set
    facts, _ = run_facts(base, vendor_facts(apply_changes(vendor, changes)), vendor.id, conditions=False, durable=False)
    return track_meets(facts.get("track", "undetermined"), target)


@settings(max_examples=15, deadline=None)
@given(vendor=random_vendor())
def test_paths_reach_their_target_and_nothing_smaller_does(rule_base, vendor):
    decision = decide(rule_base, vendor, "off", paths=True)
    if decision.track == "core":
        assert decision.path_to is None
        return
    universe = _every_own_change(vendor)
    for path_to in decision.path_to:
        size = len(path_to.paths[0]) if path_to.paths else NO_PATH_PROOF + 1
        for path in path_to.paths:
            assert len(path) == size  # every listed path is of the one smallest size
            assert track_meets(decide(rule_base, apply_changes(vendor, path), "off").track, path_to.target)
        for fewer in range(1, size):
            assert not any(_reaches(rule_base, vendor, combo, path_to.target) for combo in combinations(universe, fewer)), fewer
        if size == 1:  # and every single change that reaches it is reported
            assert len(path_to.paths) + path_to.more == sum(_reaches(rule_base, vendor, (c,), path_to.target) for c in universe)
