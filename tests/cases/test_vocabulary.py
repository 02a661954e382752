"""The service kinds and the case's flags that ask for them."""

from django.db import models

from cases.models import Case
from cases.vocabulary import ServiceKind


def test_the_stored_values_stay_as_they_are():
    # Cases, assessments and decisions already in the database hold these values.
    assert ServiceKind.values == ["koordinator", "barnekoordinator", "individuell_plan"]


def test_every_kind_has_a_flag_on_the_case():
    assert list(Case.REQUEST_FIELDS) == list(ServiceKind)
    for flag in Case.REQUEST_FIELDS.values():
        assert isinstance(Case._meta.get_field(flag), models.BooleanField)


def test_it_lists_the_kinds_a_case_asks_for_in_vocabulary_order():
    case = Case(requests_coordinator=False, requests_child_coordinator=True, requests_plan=True)

    assert case.requested_kinds() == [ServiceKind.CHILD_COORDINATOR, ServiceKind.PLAN]
    assert case.requested_labels == ["Barnekoordinator", "Individuell plan"]
