"""Every model in the admin is either personal data (read-only and logged) or reference data."""

from django.contrib.admin.sites import site

from cases.admin import PersonalDataMixin

# Edited in the admin: the catalogue, courses, service areas, users and groups. The access
# log has its own read-only admin; django-axes keeps the login lockouts admins clear.
REFERENCE = {
    "auth.group",
    "auth.user",
    "cases.service",
    # The KE units and who works in them: staff, not people in the cases.
    "cases.unit",
    "coordinators.course",
    "coordinators.servicearea",
}
OWN_RULES = {"cases.accesslog", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}


def test_every_admin_is_personal_data_or_listed_as_reference_data():
    unlisted = [
        model._meta.label_lower
        for model, model_admin in site._registry.items()
        if not isinstance(model_admin, PersonalDataMixin)
        and model._meta.label_lower not in REFERENCE | OWN_RULES
    ]
    assert unlisted == []


def test_every_inline_of_personal_data_is_read_only_too():
    writable_inlines = [
        inline.__name__
        for model_admin in site._registry.values()
        if isinstance(model_admin, PersonalDataMixin)
        for inline in model_admin.inlines
        if not issubclass(inline, PersonalDataMixin)
    ]
    assert writable_inlines == []
