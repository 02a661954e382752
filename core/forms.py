"""Form plumbing every app shares: the date widget, the bounds on dates and free text,
the crispy helper, filter-bar styling."""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.utils import timezone
from django.utils.deconstruct import deconstructible

from core.dates import add_years

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# --- Free text ----------------------------------------------------------------------
# The longest text a field takes, in characters. Enough for what a person writes by
# hand; a 100,000-character goal made the plan PDF take seconds inside the request.
SHORT_TEXT = 1_000  # an address, who information may be shared with
TEXT = 4_000  # a goal, a measure, a note, a reason, an evaluation
LONG_TEXT = 20_000  # a decision's legal basis, facts and reasons; minutes; journal entries


class FreeText(forms.CharField):
    """Text from a textarea, its line breaks stored as "\n".

    A browser counts a line break as one character against the textarea's maxlength
    but sends it as two ("\r\n"); counted after this, the limit is the one the person saw.
    """

    widget = forms.Textarea

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        return value.replace("\r\n", "\n").replace("\r", "\n")


# --- Dates --------------------------------------------------------------------------
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2100, 12, 31)


@deconstructible
class DateRange:
    """Refuses a date before `earliest` or after `latest`.

    With `years_ahead` the last day counts from today instead (0: today), read when the
    value is checked, never at import. A relative first day is not offered: a date
    valid when saved would turn invalid later and block every edit of its row.
    """

    def __init__(
        self,
        earliest: datetime.date = EARLIEST,
        latest: datetime.date = LATEST,
        *,
        years_ahead: int | None = None,
        subject: str = "Datoen",
    ):
        self.earliest = earliest
        self.latest = latest
        self.years_ahead = years_ahead
        self.subject = subject

    def last_day(self) -> datetime.date:
        if self.years_ahead is None:
            return self.latest
        return add_years(timezone.localdate(), self.years_ahead)

    def __call__(self, value) -> None:
        if value is None:
            return
        # The date as typed: converting a datetime far out of range could overflow.
        day = value.date() if isinstance(value, datetime.datetime) else value
        subject, earliest, latest = self.subject, self.earliest, self.last_day()
        if day < earliest:
            raise ValidationError(
                f"{subject} kan ikke være før {earliest:%d.%m.%Y}.", code="date_range"
            )
        if day > latest:
            if self.years_ahead == 0:
                raise ValidationError(f"{subject} kan ikke ligge fram i tid.", code="date_range")
            raise ValidationError(
                f"{subject} kan ikke være etter {latest:%d.%m.%Y}.", code="date_range"
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, DateRange) and self.deconstruct() == other.deconstruct()

    def __hash__(self) -> int:
        return hash((self.earliest, self.latest, self.years_ahead, self.subject))


# Every date field of every form takes one of these; the model fields carry theirs, so
# the services' full_clean() refuses the same dates. The latest day of most is a few
# years ahead of today; "not in the future" rules stay with the forms and services
# that have them, each with its own message.
ANY_DATE = DateRange()
BIRTH_DATE = DateRange(EARLIEST, years_ahead=0, subject="Fødselsdatoen")
DUE_DATE = DateRange(datetime.date(2000, 1, 1), years_ahead=1, subject="Termindatoen")
RECEIVED_DATE = DateRange(datetime.date(2000, 1, 1), years_ahead=1)
CASEWORK_DATE = DateRange(datetime.date(2000, 1, 1), years_ahead=5)


def typed_date(label: str, *, within: DateRange = CASEWORK_DATE, **options) -> models.DateField:
    """A model date field for a date someone types in, bounded by `within`."""
    return models.DateField(label, validators=[within], **options)


def typed_text(label: str, *, max_length: int = TEXT, **options) -> models.TextField:
    """A model text field for what someone writes, its length bounded in the forms."""
    return models.TextField(label, max_length=max_length, **options)


def date_ranges(model_field) -> list[DateRange]:
    return [v for v in model_field.validators if isinstance(v, DateRange)] or [ANY_DATE]


class BoundedMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, refusing an id out of the database's integer range before it looks.

    Django bounds the lookup of a single id (a huge one simply matches nothing) but not
    the IN lookup of this field: an id past 64 bits made SQLite raise OverflowError and
    PostgreSQL "bigint out of range", a 500.
    """

    def _check_values(self, value):
        model = self.queryset.model
        key = (
            model._meta.pk
            if self.to_field_name is None
            else model._meta.get_field(self.to_field_name)
        )
        ops = connections[self.queryset.db].ops
        low, high = ops.integer_field_ranges.get(key.get_internal_type(), (None, None))
        for pk in value:
            try:
                number = int(pk)
            except (TypeError, ValueError):
                continue  # Django's own check says so.
            if low is not None and not low <= number <= high:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


def formfield(model_field, **kwargs):
    """The form field for a model field, bounded like the model field.

    Every ModelForm names this as its Meta.formfield_callback. Django leaves a model
    field's validators to the model's full_clean(), which runs after the form's own
    clean(): here a date gets its range on the form field, so clean() never sees a date
    out of range. A text field is FreeText, with the model field's max_length, and a
    many-to-many field a BoundedMultipleChoiceField.
    """
    if isinstance(model_field, models.TextField) and not model_field.choices:
        kwargs.setdefault("form_class", FreeText)
    if isinstance(model_field, models.ManyToManyField):
        kwargs.setdefault("form_class", BoundedMultipleChoiceField)
    field = model_field.formfield(**kwargs)
    if field is not None and isinstance(model_field, models.DateField):
        field.validators.extend(date_ranges(model_field))
    return field


def form_helper(*fields, submit: str = "Lagre", form_tag: bool = False) -> FormHelper:
    """A crispy layout ending in one submit button.

    Without a form tag the template writes <form> and {% csrf_token %} itself (with its
    own action), so crispy must not add a second token.
    """
    helper = FormHelper()
    helper.form_tag = form_tag
    helper.disable_csrf = not form_tag
    helper.layout = Layout(*fields, Submit("submit", submit))
    return helper


def user_label(user) -> str:
    return user.get_full_name() or user.get_username()


def style_widgets(form: forms.Form) -> forms.Form:
    """Bootstrap classes for forms rendered field by field (filter bars), not by crispy."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs.setdefault("class", css)
        # User choices show the person's name, not the login name.
        queryset = getattr(field, "queryset", None)
        if queryset is not None and queryset.model._meta.label == "auth.User":
            field.label_from_instance = user_label
    return form
