"""The project's packages depend on each other in one direction only.

Read from every import in the source with ast, function-level ones included, so a
lazy import inside a function counts like one at the top of the module.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# From the bottom up: each package may import only those before it in this list.
LAYERS = ["core", "cases", "eligibility", "decisions", "coordinators", "plans", "followup"]
# Settings, URLs, Celery and WSGI sit on top and may import every app.
TOP = "config"
PACKAGES = [*LAYERS, TOP]
MAX_LINES = 400


def _modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield package, path


def _imports(tree):
    """(imported top-level package, line) for every absolute import in the tree."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0], node.lineno


def _loads_by_string(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("import_module", "__import__"):
                yield node.lineno


SOURCES = {path: ast.parse(path.read_text(encoding="utf-8")) for _, path in _modules()}


def _edges():
    edges = defaultdict(list)
    for package, path in _modules():
        for imported, line in _imports(SOURCES[path]):
            if imported in PACKAGES and imported != package:
                edges[(package, imported)].append(f"{path.relative_to(ROOT)}:{line}")
    return edges


def test_no_app_imports_an_app_above_it():
    upward = [
        f"{low} imports {high}: {', '.join(where[:3])}"
        for (low, high), where in _edges().items()
        if high == TOP or (low in LAYERS and LAYERS.index(high) > LAYERS.index(low))
    ]
    assert upward == []


def test_there_is_no_cycle_between_packages():
    graph = defaultdict(set)
    for low, high in _edges():
        graph[low].add(high)
    cycles, state = [], {}

    def visit(node, path):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(" -> ".join([*path[path.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = "done"

    for package in PACKAGES:
        if package not in state:
            visit(package, [package])
    assert cycles == []


def test_no_app_code_loads_a_module_by_string():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for _, path in _modules()
        for line in _loads_by_string(SOURCES[path])
    ]
    assert found == []


@pytest.mark.parametrize("path", sorted(SOURCES), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_is_over_400_lines(path):
    assert path.read_text(encoding="utf-8").count("\n") <= MAX_LINES


def test_the_checks_see_a_function_level_import():
    tree = ast.parse("def f():\n    from plans.models import Plan\n")
    assert list(_imports(tree)) == [("plans", 2)]


def test_the_checks_see_a_module_loaded_by_string():
    tree = ast.parse("import importlib\nimportlib.import_module('plans.demo')\n")
    assert list(_loads_by_string(tree)) == [2]
