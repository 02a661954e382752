"""Optimistic locking for edit forms: an edit is saved only if what it replaces is unchanged.

The form carries a stamp of the stored values of the fields it edits, taken when the form
was opened. The service compares it, under the row lock, with a stamp of what is stored
now; when someone else saved a change to those fields meanwhile, the edit is refused with
StaleEdit and nothing is written. The view then shows the user's own text again, with the
stamp of what is stored now, so a second save is a deliberate choice and nothing is lost.

A stamp of the values, rather than a version column, needs no migration on each model and
never refuses an edit over a change to a field the form does not touch (a decision
approved, a plan activated).
"""

import hashlib
import json

from django import forms

from core.errors import StaleEdit

STAMP_FIELD = "edit_stamp"


def edit_stamp(obj, fields) -> str:
    """A short digest of the stored values of `fields` on `obj`."""
    values = {
        name: str(obj._meta.get_field(name).value_from_object(obj)) for name in sorted(fields)
    }
    payload = json.dumps([obj._meta.label, obj.pk, values], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def refuse_if_changed(locked, fields, expected: str | None, *, message: str) -> None:
    """Raise StaleEdit when `locked` (the row as stored, locked) differs from the stamp.

    `expected` None means the caller edits without a form (a task, a test, another
    service): nothing to compare.
    """
    if expected is not None and expected != edit_stamp(locked, fields):
        raise StaleEdit(message)


class EditStampField(forms.CharField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault(
            "error_messages",
            {"required": "Skjemaet er utdatert. Last siden på nytt og gjør endringene igjen."},
        )
        super().__init__(**kwargs)


class StampedForm:
    """A ModelForm mixin: adds the hidden stamp of the instance's stored values.

    The stamp covers `stamp_fields`, or the form's Meta.fields.
    """

    stamp_fields: tuple[str, ...] | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A form that adds a new object replaces nothing: its stamp may be missing.
        self.fields[STAMP_FIELD] = EditStampField(
            initial=edit_stamp(self.instance, self.locked_fields()),
            required=self.instance.pk is not None,
        )

    def locked_fields(self) -> tuple[str, ...]:
        return tuple(self.stamp_fields or self._meta.fields)

    def edit_values(self) -> dict:
        """The cleaned values to save, without the stamp."""
        return {k: v for k, v in self.cleaned_data.items() if k != STAMP_FIELD}

    @property
    def expected_stamp(self) -> str | None:
        return self.cleaned_data.get(STAMP_FIELD) or None

    def keep_input(self, stored) -> None:
        """After StaleEdit: keep what the user typed, stamped with what is stored now."""
        keep_input(self, edit_stamp(stored, self.locked_fields()))


def keep_input(form, stamp, field: str = STAMP_FIELD) -> None:
    """Put `stamp` in the bound form's data; the rest of the user's input stays as typed."""
    data = form.data.copy()
    data[form.add_prefix(field)] = stamp
    form.data = data
