"""Profile v2: only segment and province required, `unknown` everywhere else, never a silent default."""

from __future__ import annotations

import typing

import pytest
from pydantic import BaseModel, ValidationError

from engine.compile.facts import PROFILE_INPUTS, profile_facts, unknown_inputs, unread_inputs
from engine.decide.inputs import load_profile_file, profile_id_from
from engine.decide.knowledge import load_advice_knowledge
from engine.model.fields import FIELDS
from engine.model.profile import Profile

MINIMAL = {"segment": "small", "location": {"province": "guangxi"}}


def _nested_model(annotation) -> type[BaseModel] | None:
    """The model inside an annotation (through Optional, Annotated and list), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return None if annotation.__name__ in ("Text", "CardRange") else annotation  # values, not sections
    for arg in typing.get_args(annotation):
        found = _nested_model(arg)
        if found:
            return found
    return None


def _leaf_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    paths = []
    for name, info in model.model_fields.items():
        nested = _nested_model(info.annotation)
        paths += _leaf_paths(nested, f"{prefix}{name}.") if nested else [f"{prefix}{name}"]
    return paths


def test_every_profile_field_is_mapped_to_the_facts_rules_read_it_through():
    leaves = set(_leaf_paths(Profile)) - {"id", "name", "weights"}  # identity, and scoring's own input
    assert leaves == set(PROFILE_INPUTS)
    for facts in PROFILE_INPUTS.values():
        assert set(facts) <= set(FIELDS)


def test_unused_inputs_are_exactly_those_no_advice_rule_reads():
    kb = load_advice_knowledge()
    reads = set().union(*(r.reads for r in kb.advice.by_id.values()))
    for path in unread_inputs(reads):
        assert not set(PROFILE_INPUTS[path]) & reads, path
    for path in set(PROFILE_INPUTS) - set(unread_inputs(reads)):
        assert set(PROFILE_INPUTS[path]) & reads, path
    assert "compliance.certifications" in unread_inputs(reads)  # free text, read by no rule
    assert unread_inputs(reads | {"profile.segment"}) == unread_inputs(reads)


def test_a_profile_with_only_segment_and_province_has_every_other_input_unknown():
    profile = Profile.model_validate(MINIMAL)
    assert unknown_inputs(profile) == [p for p in PROFILE_INPUTS if p not in ("segment", "location.province")]
    assert set(profile_facts(profile)) == {"profile.segment", "profile.province"}


@pytest.mark.parametrize("field, written", [("latency", "unknown"), ("industry", "unknown")])
def test_unknown_written_out_is_the_same_as_left_out(field, written):
    assert Profile.model_validate({**MINIMAL, field: written}) == Profile.model_validate(MINIMAL)


def test_whole_sections_may_be_unknown():
    profile = Profile.model_validate({**MINIMAL, "needs": "unknown", "chips": None})
    assert profile.needs.overseas is None and profile.chips.cuda_code is None


@pytest.mark.parametrize(
    "cards, low, high", [(8, 8, 8), ("4-16", 4, 16), ("4–16", 4, 16), (" 2 - 3 ", 2, 3), ({"min": 1, "max": 5}, 1, 5)]
)
def test_card_counts_and_ranges(cards, low, high):
    profile = Profile.model_validate({**MINIMAL, "workloads": [{"kind": "inference", "cards": cards}]})
    assert (profile.workloads[0].cards.min, profile.workloads[0].cards.max) == (low, high)


@pytest.mark.parametrize("cards", ["16-4", 0, True, "eight", 100_001, "1-100001", 2.5])
def test_bad_card_counts_are_refused(cards):
    with pytest.raises(ValidationError):
        Profile.model_validate({**MINIMAL, "workloads": [{"kind": "inference", "cards": cards}]})


@pytest.mark.parametrize("field", [("needs", "overseas"), ("chips", "cuda_code"), ("commercial", "free_trial")])
@pytest.mark.parametrize("value", ["yes", 1, "true"])
def test_yes_no_answers_are_not_converted_from_other_types(field, value):
    with pytest.raises(ValidationError):
        Profile.model_validate({**MINIMAL, field[0]: {field[1]: value}})


def test_card_facts_are_bounds_and_an_unknown_size_leaves_the_upper_bound_unknown():
    sized = Profile.model_validate({**MINIMAL, "workloads": [
        {"kind": "inference", "cards": "4-16"}, {"kind": "fine_tuning", "cards": 8}]})
    facts = profile_facts(sized)
    assert (facts["profile.cards_min"], facts["profile.cards_max"]) == (8, 16)
    partly = Profile.model_validate({**MINIMAL, "workloads": [
        {"kind": "inference", "cards": 4}, {"kind": "rag"}]})
    facts = profile_facts(partly)
    assert facts["profile.cards_min"] == 4 and "profile.cards_max" not in facts


@pytest.mark.parametrize("flags, expected", [([True, None], "yes"), ([False, None], None), ([False, False], "no")])
def test_bursty_is_yes_if_one_is_and_unknown_if_it_cannot_be_told(flags, expected):
    profile = Profile.model_validate({**MINIMAL, "workloads": [{"kind": "inference", "bursty": f} for f in flags]})
    assert profile_facts(profile).get("profile.bursty") == expected


def test_id_and_name_default_from_the_file_name(tmp_path):
    path = tmp_path / "My Buyer (draft).yaml"
    path.write_text("segment: micro\nlocation: {province: hainan}\n", encoding="utf-8")
    profile = load_profile_file(path).profile
    assert profile.id == "my-buyer-draft" and profile.name.en == "My Buyer (draft)"
    given = tmp_path / "x.yaml"
    given.write_text("id: kept\nsegment: micro\nlocation: {province: hainan}\n", encoding="utf-8")
    assert load_profile_file(given).profile.id == "kept"


@pytest.mark.parametrize("stem, slug", [("2026 plan", "p-2026-plan"), ("___", "buyer"), ("A" * 60, "a" * 40)])
def test_file_names_that_are_not_ids_still_give_a_valid_id(tmp_path, stem, slug):
    assert profile_id_from(tmp_path / f"{stem}.yaml") == slug
