"""The one message catalogue: every key has both languages, and no key is dead."""

from __future__ import annotations

import re

from engine.messages import MESSAGES

from ..conftest import ROOT

SOURCE = "\n".join(
    p.read_text(encoding="utf-8") for p in (ROOT / "engine").rglob("*.py") if p.parent.name != "messages" or p.name == "__init__.py"
)  # the catalogue's own code (joined, value_label) uses keys too
# keys built at run time from a prefix and a value (e.g. f"value.{track}", "rank.origin." + origin)
# Keys built at run time; template.* keys are each checked against a model path in tests/test_init.py.
DYNAMIC = ("value.", "need.place.", "audit.what_", "audit.part_", "rank.origin.", "rank.who.", "criterion.", "effect.", "type.", "error.engine_", "advice.",
           "template.profile.", "template.vendor.", "template.common.",
           "audit.section_", "condition.", "assess.first_holds_", "assess.top3_holds_", "assess.after_", "share.",
           "load.yaml.", "load.json.", "model.constraint.")  # these three: by their English words or pydantic's error type


def test_every_message_has_chinese_and_english():
    for key, (zh, en) in MESSAGES.items():
        assert zh.strip() and en.strip(), key
        assert re.findall(r"\{(\w+)", zh) == re.findall(r"\{(\w+)", en) or sorted(re.findall(r"\{(\w+)", zh)) == sorted(
            re.findall(r"\{(\w+)", en)
        ), key


def test_no_key_is_defined_in_two_areas():
    from engine.messages.diagnostics import DIAGNOSTICS
    from engine.messages.help import HELP
    from engine.messages.output import OUTPUT

    areas = [HELP, DIAGNOSTICS, OUTPUT]
    assert sum(len(a) for a in areas) == len(MESSAGES), [k for k in MESSAGES if sum(k in a for a in areas) > 1]


def test_no_key_is_written_twice_in_one_area():
    """A key repeated in one dict literal would silently replace the first text."""
    import ast

    for path in sorted((ROOT / "engine" / "messages").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                assert len(keys) == len(set(keys)), (path.name, sorted({k for k in keys if keys.count(k) > 1}))


def test_keys_are_grouped_by_area():
    from engine.messages.diagnostics import DIAGNOSTICS
    from engine.messages.help import HELP

    assert all(k.startswith("help.") for k in HELP)
    assert not any(k.startswith("help.") for k in set(MESSAGES) - set(HELP))
    assert not any(k.startswith(("col.", "help.output.")) for k in MESSAGES)  # columns are column.*, options help.option.*
    assert all(k.split(".")[0] in {"error", "usage", "load", "rule", "model", "hint", "git", "lint"} for k in DIAGNOSTICS)


def test_every_message_a_key_is_built_for_exists():
    """The keys the assessment view builds from a target, a count and a share."""
    for target in ("first", "top3"):
        assert f"assess.after_{target}" in MESSAGES
        assert all(f"assess.{target}_holds_{n}" in MESSAGES for n in (0, 1, 2))
    assert all(f"share.{c}" in MESSAGES for c in "TPAC")


def _used(key: str) -> bool:
    return f'"{key}"' in SOURCE or f"'{key}'" in SOURCE or any(key.startswith(p) for p in DYNAMIC)


def test_no_message_is_dead():
    """A singular `KEY_one` lives while its `KEY` does: msg() takes it for a count of 1."""
    dead = [key for key in MESSAGES if not _used(key) and not (key.endswith("_one") and _used(key.removesuffix("_one")))]
    assert dead == []


def test_a_count_of_one_reads_singular_in_english_and_every_singular_counts():
    from engine.messages import msg

    assert msg("lint.found", "en", n=1, load=0) == "1 finding (0 refused at load)"
    assert msg("lint.found", "en", n=2, load=0) == "2 findings (0 refused at load)"
    assert msg("audit.changed", "en", id=3, n=1) == "record 3: decided again today, 1 difference:"
    assert msg("batch.short", "zh", n=1, least="core") == msg("batch.short", "zh", n=2, least="core").replace("2", "1")
    for key in (k for k in MESSAGES if k.endswith("_one")):
        base = key.removesuffix("_one")
        assert base in MESSAGES and "{n}" in MESSAGES[base][1] and MESSAGES[key][0] == MESSAGES[base][0], key
    counted = [k for k, (_, en) in MESSAGES.items() if re.search(r"\{n\} [a-z]+s\b", en) and f"{k}_one" not in MESSAGES]
    assert counted == [], f"give these a singular KEY_one: {counted}"


def test_every_pattern_hint_is_for_a_pattern_a_model_uses():
    import re
    from pathlib import Path

    from engine.loader.validate import _PATTERN_HINTS

    models = "".join(p.read_text(encoding="utf-8") for p in (Path(__file__).resolve().parents[2] / "engine" / "model").glob("*.py"))
    used = set(re.findall(r'pattern=r"([^"]+)"', models))
    assert set(_PATTERN_HINTS) <= used, set(_PATTERN_HINTS) - used
