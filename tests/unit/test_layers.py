"""Imports only go down the layers (docs/architecture.md): checked on the source, module by module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parents[2] / "engine"

# Each top-level part of engine/ and the parts it may import (besides itself).
BOTTOM = {"messages", "suggest", "errors", "model", "version", "json_text", "text"}
ALLOWED: dict[str, set[str]] = {
    "messages": set(),
    "suggest": {"messages"},
    "errors": {"messages", "text"},
    "text": set(),
    "version": set(),
    "json_text": {"text"},
    "model": {"messages", "suggest", "errors", "text"},
    "loader": BOTTOM,
    "compile": BOTTOM,
    "runtime": BOTTOM | {"compile"},
    "explain": BOTTOM | {"compile", "runtime"},
    "scoring": BOTTOM | {"compile", "runtime"},
    "decide": BOTTOM | {"loader", "compile", "runtime", "explain", "scoring"},
    "audit": BOTTOM,
    "render": BOTTOM | {"loader", "compile", "runtime", "explain", "scoring", "decide"},
    "cli": BOTTOM | {"loader", "compile", "runtime", "explain", "scoring", "decide", "render", "audit"},
    "__main__": {"cli"},
    "__init__": BOTTOM | {"decide"},
}
# Third-party or stdlib modules that only some parts may import.
ONLY_IN = {"durable": {"runtime"}, "durable_rules_engine": {"runtime"}, "rich": {"render"}, "sqlite3": {"audit"}}


def _part(path: Path) -> str:
    first = path.relative_to(ENGINE).parts[0]
    return first[:-3] if first.endswith(".py") else first


def _imports(path: Path, source: str) -> list[tuple[int, str]]:
    """Absolute names of the modules one file imports, with their line numbers."""
    package = list(path.relative_to(ENGINE.parent).parts[:-1])  # engine/x/y.py and engine/x/__init__.py: engine.x
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
                if node.module is None:  # from . import x: x may be a module
                    found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names]
                    continue
            else:
                name = node.module or ""
            found.append((node.lineno, name))
    return found


def _violations(extra: dict[Path, str] | None = None) -> list[str]:
    sources = {path: path.read_text(encoding="utf-8") for path in sorted(ENGINE.rglob("*.py"))}
    sources.update(extra or {})
    problems = []
    for path, source in sources.items():
        part = _part(path)
        for line, name in _imports(path, source):
            where = f"{path.relative_to(ENGINE.parent)}:{line}"
            head, _, rest = name.partition(".")
            if head == "engine":
                target = rest.split(".")[0]
                if target and target != part and target not in ALLOWED.get(part, set()):
                    problems.append(f"{where}: {part} imports {target}")
            elif head in ONLY_IN and part not in ONLY_IN[head]:
                problems.append(f"{where}: {part} imports {head}")
    return problems


def test_every_part_of_engine_has_a_layer() -> None:
    parts = {_part(p) for p in ENGINE.rglob("*.py")}
    assert parts <= set(ALLOWED), sorted(parts - set(ALLOWED))


def test_imports_only_go_down_the_layers() -> None:
    assert _violations() == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from ..decide.rank import rank\n", "loader imports decide"),
        ("from ..compile.compiler import RuleBase\n", "loader imports compile"),
        ("import durable.lang\n", "loader imports durable"),
    ],
)
def test_the_check_catches_an_upward_import(source: str, expected: str) -> None:
    probe = ENGINE / "loader" / "probe.py"
    assert [p for p in _violations({probe: source}) if "probe.py" in p] == [f"engine/loader/probe.py:1: {expected}"]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ENGINE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _module_graph(extra: dict[Path, str] | None = None) -> dict[str, set[str]]:
    """Module → the modules of engine/ it imports, at the top or inside a function alike.

    `from package import name` counts `package.name` when that is a module, else the package.
    """
    sources = {path: path.read_text(encoding="utf-8") for path in sorted(ENGINE.rglob("*.py"))}
    sources.update(extra or {})
    modules = {_module_name(path) for path in sources}
    graph: dict[str, set[str]] = {}
    for path, source in sources.items():
        here = _module_name(path)
        package = list(path.relative_to(ENGINE.parent).parts[:-1])
        targets: set[str] = set()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = ".".join(package[: len(package) - node.level + 1] + ([node.module] if node.module else [])) if node.level else node.module or ""
                for alias in node.names:
                    targets.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
        graph[here] = {t for t in targets if t in modules and t != here}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import each other, directly or round a circle (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def test_no_two_modules_import_each_other_even_inside_functions() -> None:
    assert _cycles(_module_graph()) == []


@pytest.mark.parametrize(
    ("source_a", "source_b"),
    [
        ("from .probe_b import x\n", "from .probe_a import y\n"),  # at the top of both
        ("def f():\n    from .probe_b import x\n", "from . import probe_a\n"),  # one inside a function
    ],
)
def test_the_cycle_check_catches_a_planted_cycle(source_a: str, source_b: str) -> None:
    planted = {ENGINE / "render" / "probe_a.py": source_a, ENGINE / "render" / "probe_b.py": source_b}
    assert ["engine.render.probe_a", "engine.render.probe_b"] in _cycles(_module_graph(planted))


def test_every_package_of_engine_is_installed() -> None:
    """pyproject lists packages by name: a new package left out works from the checkout but not once installed."""
    import tomllib

    listed = set(tomllib.loads((ENGINE.parent / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ENGINE.parent).parts) for p in ENGINE.rglob("__init__.py")}
    assert on_disk - listed == set()


CLI = ENGINE / "cli"
SEAM = "engine.render.present"


def _from_imports(path: Path, source: str) -> list[tuple[int, str, list[str]]]:
    """(line, absolute module, names) of every `from … import …` in one file, in functions too."""
    package = list(path.relative_to(ENGINE.parent).parts[:-1])
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found.append((node.lineno, module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
    return found


def _cli_problems(extra: dict[Path, str] | None = None) -> list[str]:
    """What engine/cli/ must not do: use a name of engine.decide that its module does not export (imported by
    name, or through the module), import engine.render other than the seam, or touch standard output or error
    other than through it (env.py makes the streams; entry.py speaks before the app, and the seam, are loaded)."""
    import importlib

    def exported(module: str) -> set[str]:
        return set(getattr(importlib.import_module(module), "__all__", ()))

    sources = {path: path.read_text(encoding="utf-8") for path in sorted(CLI.glob("*.py"))}
    sources.update(extra or {})
    problems = []
    for path, source in sources.items():
        where = path.relative_to(ENGINE.parent)
        modules: dict[str, str] = {}  # a name bound to a module of engine.decide → that module
        for line, module, names in _from_imports(path, source):
            if module.startswith("engine.decide.") or module == "engine.decide":
                for name in names:
                    if _is_module(f"{module}.{name}"):
                        modules[name] = f"{module}.{name}"
                    elif name not in exported(module):
                        problems.append(f"{where}:{line}: {name} is not in {module}.__all__")
            if (module == "engine.render" or module.startswith("engine.render.")) and module != SEAM:
                problems.append(f"{where}:{line}: imports {module}, not the seam {SEAM}")
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules.update({alias.asname: alias.name for alias in node.names if alias.name.startswith("engine.decide.") and alias.asname})
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules:
                if node.attr not in exported(modules[node.value.id]):
                    problems.append(f"{where}:{node.lineno}: {node.attr} is not in {modules[node.value.id]}.__all__")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                problems.append(f"{where}:{node.lineno}: print()")
            if isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr") and path.name not in ("env.py", "entry.py"):
                problems.append(f"{where}:{node.lineno}: touches {node.attr}")
    return sorted(set(problems))


def _is_module(name: str) -> bool:
    """True when `name` (engine.decide.x) is a module, not a name defined in one."""
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def test_the_command_line_decides_nothing_and_writes_only_through_the_seam() -> None:
    assert _cli_problems() == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from ..decide.rank import _advice\n", "_advice is not in engine.decide.rank.__all__"),
        ("def f():\n    from ..render.console import make_console\n", "imports engine.render.console, not the seam"),
        ("def f(env):\n    env.stdout.write('x')\n", "touches stdout"),
        ("def f(env):\n    env.stderr.write('x')\n", "touches stderr"),
        ("import sys\nsys.stdout.buffer.write(b'x')\n", "touches stdout"),
        ("def f(env):\n    out = env.stdout\n", "touches stdout"),
        ("import traceback\ndef f(env):\n    traceback.print_stack(file=env.stderr)\n", "touches stderr"),
        ("import engine.decide.rank as r\nr._advice\n", "_advice is not in engine.decide.rank.__all__"),
        ("from ..decide import rank\nrank._advice\n", "_advice is not in engine.decide.rank.__all__"),
        ("from rich.console import Console\n", "cli imports rich"),
        ("print('x')\n", "print()"),
    ],
)
def test_the_command_line_check_catches_a_planted_breach(source: str, expected: str) -> None:
    probe = CLI / "probe.py"
    found = [p for p in _cli_problems({probe: source}) + _violations({probe: source}) if "probe.py" in p]
    assert len(found) == 1 and expected in found[0], found


def test_audit_commands_hold_parsers_and_run_functions_only() -> None:
    tree = ast.parse((CLI / "cmd_audit.py").read_text(encoding="utf-8"))
    functions = [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    assert functions and all(name == "add_parser" or name.startswith("run_") for name in functions), functions
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("run_"):
            assert node.end_lineno - node.lineno < 16, f"run function {node.name} is {node.end_lineno - node.lineno} lines"
