"""The one message catalogue: every key has both languages, and no key is dead."""

from __future__ import annotations

import re

from engine.messages import MESSAGES

from ..conftest import ROOT

SOURCE = "\n".join(
    p.read_text(encoding="utf-8") for p in (ROOT / "engine").rglob("*.py") if p.parent.name != "messages"
)
# keys built at run time from a prefix and a value (e.g. f"value.{track}", "rank.origin." + origin)
# Keys built at run time; template.* keys are each checked against a model path in tests/test_init.py.
DYNAMIC = ("value.", "need.place.", "audit.what_", "audit.part_", "rank.origin.", "rank.who.", "criterion.", "effect.", "type.", "error.engine_", "advice.",
           "template.profile.", "template.vendor.", "template.common.")


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


def test_no_message_is_dead():
    dead = [
        key for key in MESSAGES
        if f'"{key}"' not in SOURCE and f"'{key}'" not in SOURCE and not any(key.startswith(p) for p in DYNAMIC)
    ]
    assert dead == []


def test_every_pattern_hint_is_for_a_pattern_a_model_uses():
    import re
    from pathlib import Path

    from engine.loader.validate import _PATTERN_HINTS

    models = "".join(p.read_text(encoding="utf-8") for p in (Path(__file__).resolve().parents[2] / "engine" / "model").glob("*.py"))
    used = set(re.findall(r'pattern=r"([^"]+)"', models))
    assert set(_PATTERN_HINTS) <= used, set(_PATTERN_HINTS) - used
