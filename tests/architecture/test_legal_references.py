"""One table of legal references: the modules that cite the law take it from cases/legal.py.

Read with ast: docstrings and comments may mention sections; the strings the program
shows or stores may not write a law's name or a section number themselves.
"""

import ast
import re
from pathlib import Path

import pytest

from cases import legal

ROOT = Path(__file__).resolve().parents[2]

CITING = [
    "eligibility/rules.py",
    "decisions/letters.py",
    "decisions/letter_checks.py",
    "decisions/letter_content.py",
    "decisions/prefill.py",
    "decisions/complaints.py",
    "decisions/forms.py",
    "decisions/views.py",
    "decisions/delivery.py",
    "decisions/drafting.py",
    "decisions/receipts.py",
    "decisions/complaint_letters.py",
]
TEMPLATE_DIRS = ["cases/templates", "eligibility/templates", "decisions/templates"]
TEMPLATES = sorted(
    str(path.relative_to(ROOT)) for d in TEMPLATE_DIRS for path in (ROOT / d).rglob("*.html")
)
NAMES = [law.title for law in legal.LAWS] + [law.abbreviation for law in legal.LAWS]


def _docstrings(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                yield first.value


def _strings(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    skip = {id(node) for node in _docstrings(tree)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.lineno, node.value


@pytest.mark.parametrize("module", CITING)
def test_it_writes_no_law_or_section_of_its_own(module):
    written = [
        f"{module}:{line}: {text!r}"
        for line, text in _strings(ROOT / module)
        if "§" in text or any(name in text for name in NAMES)
    ]
    assert written == []


_TEMPLATE_COMMENT = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.DOTALL)


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_template_cites_the_law_with_the_citation_tag(template):
    text = _TEMPLATE_COMMENT.sub("", (ROOT / template).read_text())
    written = [line for line in text.splitlines() if "§" in line]
    assert written == []
