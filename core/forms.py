"""Form plumbing every app shares: the date widget, the crispy helper, filter-bar styling."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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
