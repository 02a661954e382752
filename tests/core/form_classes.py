"""Every form and filter the apps declare, for tests that check them all."""

import importlib
import inspect

from django import forms
from django_filters import FilterSet

MODULES = [
    "cases.forms",
    "cases.intake_forms",
    "cases.edit_forms",
    "cases.lifecycle_forms",
    "cases.filters",
    "coordinators.forms",
    "decisions.forms",
    "eligibility.forms",
    "followup.forms",
    "plans.forms",
]


def _declared(base):
    for name in MODULES:
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, base) and cls.__module__ == name and cls is not base:
                yield cls


def form_fields():
    """(label, form field) for every field of every form and filter set."""
    for form_class in _declared(forms.BaseForm):
        for name, field in form_class.base_fields.items():
            yield f"{form_class.__name__}.{name}", field
    for filterset_class in _declared(FilterSet):
        for name, filter_ in filterset_class.base_filters.items():
            if filter_.field_class is not None:
                yield f"{filterset_class.__name__}.{name}", filter_.field
