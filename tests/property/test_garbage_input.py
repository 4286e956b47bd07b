"""Whatever bytes or structures a vendor file holds, loading raises only the project's LoadError."""

from __future__ import annotations

import os

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.errors import LoadError
from engine.loader.validate import validate
from engine.loader.yaml_source import parse
from engine.model.vendor import Vendor

from ..conftest import raw_vendor

EXAMPLES = int(os.environ.get("ZHISUAN_FUZZ_EXAMPLES", "300"))
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
    st.sampled_from(["met", "unknown", "assessment", "report:§04 x", "nvidia", 1e-5, float("inf")]),
)
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=20,
)


def _load(text: str) -> None:
    try:
        validate(Vendor, parse(text, "fuzz.yaml"))
    except LoadError as exc:
        assert exc.location is not None and exc.location.file == "fuzz.yaml"
        assert exc.render()  # renders without raising


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300))
def test_any_text_gives_a_vendor_or_a_load_error(text):
    _load(text)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=structures)
def test_any_structure_gives_a_vendor_or_a_load_error(data):
    _load(yaml.safe_dump(data, allow_unicode=True))


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


BASE = raw_vendor("huawei")
PATHS = [p for p in _paths(BASE) if p]


@settings(max_examples=EXAMPLES // 3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(PATHS), junk=structures)
def test_one_corrupted_value_in_a_real_vendor_gives_a_load_error_at_that_place(path, junk):
    data = raw_vendor("huawei")
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = junk
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    doc = parse(yaml.safe_dump(raw_vendor("huawei"), allow_unicode=True, sort_keys=False), "fuzz.yaml")  # where `path` was
    try:
        validate(Vendor, parse(text, "fuzz.yaml"))  # reading refuses some junk (a control character), validating the rest
    except LoadError as exc:
        # the only defect is at `path`: the message points at it, inside it, or at its parent object
        assert exc.location.line >= doc.locate(path[:-1]).line, (exc.render(), path)
