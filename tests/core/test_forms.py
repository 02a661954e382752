"""Dates outside a sensible range are refused, with a Norwegian message, by every form."""

import datetime

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from core.forms import ANY_DATE, LONG_TEXT, BoundedMultipleChoiceField, DateRange, FreeText
from tests.core.form_classes import form_fields

pytestmark = pytest.mark.today("2026-06-15")


def messages(validator, value) -> list[str]:
    try:
        validator(value)
    except ValidationError as error:
        return error.messages
    return []


def test_a_date_before_the_first_day_is_refused():
    assert messages(DateRange(datetime.date(2000, 1, 1)), datetime.date(1999, 12, 31)) == [
        "Datoen kan ikke være før 01.01.2000."
    ]


def test_a_date_after_the_last_day_is_refused():
    assert messages(ANY_DATE, datetime.date(9999, 12, 31)) == [
        "Datoen kan ikke være etter 31.12.2100."
    ]


def test_the_last_day_counts_from_today_when_asked():
    within = DateRange(years_ahead=5)
    assert messages(within, datetime.date(2031, 6, 15)) == []
    assert messages(within, datetime.date(2031, 6, 16)) == [
        "Datoen kan ikke være etter 15.06.2031."
    ]


def test_with_no_years_ahead_the_date_cannot_be_in_the_future():
    birth = DateRange(years_ahead=0, subject="Fødselsdatoen")
    assert messages(birth, datetime.date(2026, 6, 16)) == [
        "Fødselsdatoen kan ikke ligge fram i tid."
    ]


def test_a_datetime_is_judged_by_its_date_without_converting_it():
    assert messages(ANY_DATE, datetime.datetime(1, 1, 1, tzinfo=datetime.UTC)) == [
        "Datoen kan ikke være før 01.01.1900."
    ]


def test_an_empty_date_is_left_to_required():
    assert messages(ANY_DATE, None) == []


DATE_FIELDS = [
    (label, f)
    for label, f in form_fields()
    if isinstance(f, (forms.DateField, forms.DateTimeField))
]


def test_there_are_date_fields_to_check():
    assert len(DATE_FIELDS) >= 30


@pytest.mark.parametrize("label,field", DATE_FIELDS, ids=[label for label, _ in DATE_FIELDS])
def test_every_date_field_of_every_form_has_a_range(label, field):
    assert any(isinstance(v, DateRange) for v in field.validators), label


TEXT_FIELDS = [(label, f) for label, f in form_fields() if isinstance(f, forms.CharField)]


def test_there_are_text_fields_to_check():
    assert len(TEXT_FIELDS) >= 60


@pytest.mark.parametrize("label,field", TEXT_FIELDS, ids=[label for label, _ in TEXT_FIELDS])
def test_every_text_field_of_every_form_has_a_maximum_length(label, field):
    assert field.max_length is not None and field.max_length <= LONG_TEXT, label
    assert field.widget.attrs.get("maxlength") == str(field.max_length) or field.widget.is_hidden


@pytest.mark.parametrize(
    "label,field",
    [(label, f) for label, f in TEXT_FIELDS if isinstance(f.widget, forms.Textarea)],
    ids=[label for label, f in TEXT_FIELDS if isinstance(f.widget, forms.Textarea)],
)
def test_every_textarea_counts_a_line_break_as_one_character(label, field):
    assert isinstance(field, FreeText), label


def test_free_text_counts_a_line_break_as_one_character_like_the_browser():
    field = FreeText(max_length=5)
    assert field.clean("ab\r\ncd") == "ab\ncd"


def test_free_text_over_its_length_is_refused_in_norwegian():
    with pytest.raises(ValidationError) as error:
        FreeText(max_length=5).clean("abcdef")
    assert error.value.messages == [
        "Sørg for at denne verdien har 5 eller færre tegn (den har nå 6)."
    ]


MANY_FIELDS = [
    (label, f) for label, f in form_fields() if isinstance(f, forms.ModelMultipleChoiceField)
]


@pytest.mark.parametrize("label,field", MANY_FIELDS, ids=[label for label, _ in MANY_FIELDS])
def test_every_many_choice_field_bounds_its_ids(label, field):
    assert isinstance(field, BoundedMultipleChoiceField), label


@pytest.mark.django_db
@pytest.mark.parametrize("pk", [str(2**63), "99999999999999999999999", str(-(2**63) - 1)])
def test_an_id_past_64_bits_is_an_invalid_choice_not_a_database_error(pk):
    field = BoundedMultipleChoiceField(queryset=get_user_model().objects.all())
    with pytest.raises(ValidationError) as error:
        field.clean([pk])
    assert error.value.code == "invalid_choice"
