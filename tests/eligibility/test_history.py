"""Saved assessments told apart: what each concluded and what differed from the one before."""

from types import SimpleNamespace

from eligibility.history import differences, history_lines


def assessment(outcome="eligible", level=None, services=(), answers=None):
    return SimpleNamespace(
        result={"koordinator": {"outcome": outcome}},
        facts={"function_level": level, "services": [{"name": n} for n in services]},
        answers=answers or {},
    )


def test_it_names_a_changed_outcome():
    older, newer = assessment("needs_judgement"), assessment("eligible")
    assert "Koordinator: trenger skjønnsvurdering → har rett" in differences(older, newer)


def test_it_names_a_changed_function_level():
    assert "funksjonsnivå 3 → 4" in differences(assessment(level=3), assessment(level=4))


def test_it_names_a_service_added():
    older, newer = assessment(services=["NAV"]), assessment(services=["NAV", "Fysioterapi"])
    assert differences(older, newer) == ["tjeneste lagt til: Fysioterapi"]


def test_it_names_an_answer_given():
    newer = assessment(answers={"long_term": {"answer": True}})
    assert differences(assessment(), newer) == [
        "«Er behovet for tjenester langvarig?» ikke besvart → ja"
    ]


def test_two_identical_runs_say_so():
    lines = history_lines([assessment(), assessment()])
    assert lines[0].changes == ["ingen endring i grunnlag eller resultat"]


def test_the_oldest_run_has_nothing_to_compare_with():
    assert history_lines([assessment()])[0].changes == []
