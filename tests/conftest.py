"""Shared fixtures: the bundled rule base and vendors, raw vendor data, an in-process CLI."""

from __future__ import annotations

import copy
import functools
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from engine.cli.app import raw_main
from engine.cli.env import Environment
from engine.decide.bundle import bundle_root
from engine.decide.inputs import load_vendors
from engine.decide.knowledge import load_rule_base
from engine.model.vendor import Vendor

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def rule_base():
    """The bundled eligibility rules, compiled."""
    return load_rule_base()


@pytest.fixture(scope="session")
def bundled_vendors() -> dict[str, Vendor]:
    """The bundled vendors by id."""
    return {lv.vendor.id: lv.vendor for lv in load_vendors()}


@functools.cache
def _parsed_vendor(vendor_id: str) -> dict:
    path = bundle_root() / "profiles" / "vendors" / f"{vendor_id}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def raw_vendor(vendor_id: str) -> dict:
    """A bundled vendor's YAML as plain data (a fresh copy each call)."""
    return copy.deepcopy(_parsed_vendor(vendor_id))


def set_path(data: dict, dotted: str, value) -> None:
    """Set data[a][b][c] = value for dotted 'a.b.c'."""
    *parents, last = dotted.split(".")
    for key in parents:
        data = data[key]
    data[last] = value


def patched_vendor(vendor_id: str, patch: dict) -> Vendor:
    """A bundled vendor with dotted-path changes applied, validated."""
    data = raw_vendor(vendor_id)
    for dotted, value in patch.items():
        set_path(data, dotted, value)
    return Vendor.model_validate(data)


@dataclass
class CliResult:
    """What one CLI run produced."""

    code: int
    out: str
    err: str


def run_cli(*args: str, width: int = 100) -> CliResult:
    """Run the CLI in-process with captured, non-TTY streams."""
    out, err = io.StringIO(), io.StringIO()
    code = raw_main(list(args), Environment(stdout=out, stderr=err, width=width))
    return CliResult(code, out.getvalue(), err.getvalue())
