"""django-axes' lists of login attempts, their date hierarchies and date filters bounded like ours.

Imported by cases/admin.py; axes sits before cases in INSTALLED_APPS, so its admin has
registered by then and is registered again here with core.admin.BoundedAdminDates.
"""

from axes import admin as axes
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin

from core.admin import BoundedAdminDates


class AccessAttemptAdmin(BoundedAdminDates, axes.AccessAttemptAdmin):
    pass


class LoginLogAdmin(BoundedAdminDates, axes.AccessLogAdmin):
    pass


class AccessFailureLogAdmin(BoundedAdminDates, axes.AccessFailureLogAdmin):
    pass


for model, model_admin in [
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, LoginLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
        admin.site.register(model, model_admin)
