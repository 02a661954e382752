"""Telling the user, in Norwegian, why their request changed nothing."""

from django.contrib import messages

from core.errors import RuleViolation


def show_violation(request, error: RuleViolation) -> None:
    for message in error.messages:
        messages.error(request, message)


def show_form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
