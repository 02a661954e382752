"""django-axes' lists of login attempts, their date hierarchies bounded like ours.

Imported by cases/admin.py; axes sits before cases in INSTALLED_APPS, so its admin has
registered by then and is registered again here with core.admin.BoundedDateHierarchy.
"""

from axes import admin as axes
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin

from core.admin import BoundedDateHierarchy


class AccessAttemptAdmin(BoundedDateHierarchy, axes.AccessAttemptAdmin):
    pass


class LoginLogAdmin(BoundedDateHierarchy, axes.AccessLogAdmin):
    pass


class AccessFailureLogAdmin(BoundedDateHierarchy, axes.AccessFailureLogAdmin):
    pass


for model, model_admin in [
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, LoginLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
        admin.site.register(model, model_admin)
