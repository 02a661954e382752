import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

EXAMPLES = Path(settings.BASE_DIR).parent / "shared" / "eligibility-examples"
EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*.json") if not p.name.endswith(".expected.json"))


def run_assess(path) -> dict:
    out = io.StringIO()
    call_command("assess", str(path), stdout=out)
    return json.loads(out.getvalue())


def outcomes(result: dict) -> dict:
    return {
        offer: result[offer]["outcome"]
        for offer in ("koordinator", "barnekoordinator", "individuell_plan")
    }


def test_it_finds_the_shared_examples():
    assert len(EXAMPLE_FILES) >= 6


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_it_gives_the_expected_outcome_for_each_example(path):
    expected = json.loads(path.with_name(f"{path.stem}.expected.json").read_text())

    assert outcomes(run_assess(path)) == expected


def test_it_prints_findings_questions_and_engine_version():
    result = run_assess(EXAMPLES / "05-adult-not-yet-judged.json")

    assert result["engine_version"] == "1.0"
    assert {q["key"] for q in result["koordinator"]["questions"]} == {
        "long_term",
        "coordinated",
        "current_need",
    }


def test_it_prints_norwegian_letters_unescaped():
    out = io.StringIO()
    call_command("assess", str(EXAMPLE_FILES[0]), stdout=out)

    assert "§" in out.getvalue()


def test_it_reads_facts_from_stdin(monkeypatch):
    path = EXAMPLES / "03-child-health-and-welfare.json"
    monkeypatch.setattr(sys, "stdin", io.StringIO(path.read_text()))

    assert run_assess("-")["barnekoordinator"]["outcome"] == "eligible"


def test_it_exits_with_2_naming_the_wrong_fields(tmp_path):
    data = json.loads((EXAMPLES / "01-adult-two-municipal-services.json").read_text())
    data["services"][1]["category"] = "foo"
    del data["assessed_on"]
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(data))

    with pytest.raises(CommandError) as excinfo:
        call_command("assess", str(path))

    assert excinfo.value.returncode == 2
    assert "assessed_on: mangler" in str(excinfo.value)
    assert "services[1].category: ukjent kategori 'foo'" in str(excinfo.value)


def test_it_exits_with_2_on_bad_json(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"assessed_on": '))

    with pytest.raises(CommandError) as excinfo:
        call_command("assess", "-")

    assert excinfo.value.returncode == 2
    assert "ugyldig JSON" in str(excinfo.value)


def test_it_exits_with_2_on_a_missing_file(tmp_path):
    with pytest.raises(CommandError) as excinfo:
        call_command("assess", str(tmp_path / "missing.json"))

    assert excinfo.value.returncode == 2


def test_it_exits_the_process_with_status_2_and_the_field_names_on_stderr():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    facts = '{"person": {"stays_in_municipality": "ja"}}'

    done = subprocess.run(
        [sys.executable, "manage.py", "assess", "-"],
        input=facts,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env=env,
        timeout=60,
    )

    assert done.returncode == 2
    assert "assessed_on: mangler" in done.stderr
    assert "person.stays_in_municipality: må være true eller false" in done.stderr
