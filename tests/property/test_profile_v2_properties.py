"""Invariants of profile v2 in `rank`: unknown is never guessed, and no filter empties a ranking on its own."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.compile.facts import PROFILE_INPUTS, profile_facts, unknown_inputs
from engine.decide.knowledge import load_advice_knowledge
from engine.model.profile import Profile
from engine.decide.rank import RankOptions, rank

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
KB = load_advice_knowledge()
MISSING = object()


def _maybe(values: st.SearchStrategy) -> st.SearchStrategy:
    """A value, `unknown`, or the key left out."""
    return st.one_of(values, st.just("unknown"), st.just(MISSING))


def _section(**fields) -> st.SearchStrategy:
    return st.fixed_dictionaries({k: _maybe(v) for k, v in fields.items()}).map(
        lambda d: {k: v for k, v in d.items() if v is not MISSING}
    )


cards = st.one_of(st.integers(1, 5000), st.tuples(st.integers(1, 100), st.integers(0, 4000)).map(lambda t: f"{t[0]}-{t[0] + t[1]}"))
workload = _section(bursty=st.booleans(), cards=cards).flatmap(
    lambda d: st.sampled_from(["large_training", "fine_tuning", "inference", "rag", "hpc"]).map(lambda k: {"kind": k, **d})
)


@st.composite
def v2_profiles(draw) -> Profile:
    """Random v2 profiles: segment and province always, any other field known, `unknown` or left out."""
    data = {
        "segment": draw(st.sampled_from(["individual_developer", "micro", "small", "medium", "large", "government", "university"])),
        "location": {"province": draw(st.sampled_from(["guangdong", "guangxi", "hainan", "hong_kong", "macau"])),
                     **draw(_section(city=st.sampled_from(["Zhuhai", "南宁", "Shenzhen", "Qionghai"])))},
        **draw(_section(
            industry=st.sampled_from(["manufacturing", "finance", "internet_content", "research", "government", "healthcare"]),
            workloads=st.lists(workload, min_size=1, max_size=3),
            latency=st.sampled_from(["city_1ms", "province_5ms", "relaxed"]),
            existing_cloud=st.sampled_from(["none", "alibaba", "qingcloud_private", "other_private"]),
            vouchers=st.lists(st.sampled_from(["zhuhai", "nanning"]), max_size=2, unique=True),
        )),
        "chips": draw(_section(cuda_code=st.booleans(), domestic=st.sampled_from(["none", "preferred", "required"]),
                               domestic_share_target=st.sampled_from([0.3, 0.7, 1.0]))),
        "commercial": draw(_section(budget=st.sampled_from(["low", "medium", "high"]),
                                    contract=st.sampled_from(["pay_as_you_go", "small_prepay", "annual"]),
                                    free_trial=st.booleans())),
        "compliance": draw(_section(data_residency=st.booleans(), cross_border_data=st.booleans(),
                                    regimes=st.lists(st.sampled_from(["financial", "government", "medical"]), max_size=3, unique=True))),
        "needs": draw(_section(self_service=st.booleans(), industry_solution=st.booleans(), maas_api=st.booleans(),
                               green_compute=st.booleans(), overseas=st.booleans(),
                               lock_in_aversion=st.sampled_from(["low", "medium", "high"]))),
    }
    return Profile.model_validate(data)


def _rank(profile, vendors):
    return rank(KB, profile, vendors, "test", RankOptions(weights={}, draws=0, assess=False))


@SETTINGS
@given(profile=v2_profiles())
def test_no_condition_on_an_unknown_buyer_input_is_ever_decided(bundled_vendors, profile):
    known = set(profile_facts(profile))
    unknown = {f for facts in PROFILE_INPUTS.values() for f in facts if f.startswith("profile.")} - known
    result = _rank(profile, list(bundled_vendors.values()))
    traces = [r.trace for r in result.ranking] + [e.trace for e in result.excluded]
    for trace in traces:
        for event in trace:
            for c in event.conditions:
                if c.field in unknown:
                    assert c.result not in ("true", "false"), (event.rule, c)
    unknown_paths = set(unknown_inputs(profile))
    for u in result.undecided:
        assert u.waits_on and set(u.waits_on) <= unknown_paths, u


@SETTINGS
@given(profile=v2_profiles())
def test_no_buyer_empties_the_bundled_ranking_and_no_exclusion_rests_on_an_assessment(bundled_vendors, profile):
    result = _rank(profile, list(bundled_vendors.values()))
    assert result.ranking, [(e.vendor, [r.rule for r in e.reasons]) for e in result.excluded]
    for e in result.excluded:
        for reason in e.reasons:
            assert reason.source != "assessment", (e.vendor, reason.rule)
