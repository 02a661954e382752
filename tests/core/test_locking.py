"""Optimistic locking: a stamp of the stored values a form edits."""

import pytest

from core.errors import StaleEdit
from core.locking import edit_stamp, refuse_if_changed
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

FIELDS = ("address", "phone")


def test_the_stamp_changes_when_an_edited_field_changes():
    person = PersonFactory()
    before = edit_stamp(person, FIELDS)
    person.address = "Nygata 2"
    assert edit_stamp(person, FIELDS) != before


def test_the_stamp_ignores_fields_the_form_does_not_edit():
    person = PersonFactory()
    before = edit_stamp(person, FIELDS)
    person.language = "engelsk"
    assert edit_stamp(person, FIELDS) == before


def test_a_stale_stamp_is_refused():
    person = PersonFactory()
    stamp = edit_stamp(person, FIELDS)
    person.phone = "99 88 77 66"
    with pytest.raises(StaleEdit):
        refuse_if_changed(person, FIELDS, stamp, message="Endret.")


def test_no_stamp_means_no_form_and_nothing_to_compare():
    refuse_if_changed(PersonFactory(), FIELDS, None, message="Endret.")
