"""One vocabulary: the service kinds' stored values are written once, in cases/vocabulary.py.

Every other module says ServiceKind.COORDINATOR, never "koordinator". Read with ast, so
docstrings, comments and longer texts that merely contain the words are not counted.
"""

import ast
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VALUES = {"koordinator", "barnekoordinator", "individuell_plan"}

# The constants that may equal a value, counted per module, and why.
ALLOWED = Counter(
    {
        # The one definition.
        "cases/vocabulary.py": 3,
        # Role.COORDINATOR: a user group that happens to share the word.
        "cases/roles.py": 1,
        # Coordinator's verbose_name: the person, not the service.
        "coordinators/models.py": 1,
        # The demo user "koordinator" (Kari), created by seed_demo and looked up by name.
        "followup/management/commands/seed_demo.py": 2,
        "coordinators/demo.py": 1,
        "plans/demo.py": 1,
    }
)


def _sources():
    packages = [p for p in ROOT.iterdir() if (p / "__init__.py").exists() and p.name != "tests"]
    yield from ROOT.glob("*.py")
    for package in packages:
        for path in package.rglob("*.py"):
            if "migrations" not in path.relative_to(ROOT).parts:
                yield path


def _literals():
    for path in sorted(_sources()):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Constant) and node.value in VALUES:
                yield path.relative_to(ROOT).as_posix(), node.lineno, node.value


def test_the_service_kinds_are_spelled_out_only_where_allowed():
    found = list(_literals())
    counts = Counter(path for path, _, _ in found)
    where = "\n".join(f"{path}:{line}: {value!r}" for path, line, value in found)
    assert counts == ALLOWED, f"Use cases.vocabulary.ServiceKind instead of:\n{where}"


def test_it_scans_the_apps_and_not_the_tests_or_migrations():
    scanned = {path.relative_to(ROOT).parts[0] for path in _sources()}
    assert {"cases", "eligibility", "decisions", "coordinators", "plans", "followup"} <= scanned
    assert "tests" not in scanned


def test_the_eligibility_rules_still_run_without_django_set_up():
    # The rules import ServiceKind, a choices class, and nothing that needs settings or a
    # database: they stay a pure engine.
    code = (
        "from datetime import date\n"
        "from django.conf import settings\n"
        "from eligibility.facts import Facts, Person\n"
        "from eligibility.rules import assess\n"
        "facts = Facts(assessed_on=date(2026, 1, 1), person=Person(None, None, True))\n"
        "assess(facts)\n"
        "assert not settings.configured\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
