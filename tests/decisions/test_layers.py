"""Decisions sits below coordinators and plans: it never imports them, not even in a function."""

import ast
from pathlib import Path

import pytest

import decisions

ABOVE = ("coordinators", "plans")
SOURCES = sorted(
    path for path in Path(decisions.__file__).parent.rglob("*.py") if "migrations" not in path.parts
)


def _imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_it_imports_nothing_from_the_apps_above(path):
    upward = {name for name in _imported(path) if name.split(".")[0] in ABOVE}
    assert upward == set()
