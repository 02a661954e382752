from django.contrib import admin

from followup.models import Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """Written by the daily scans only."""

    list_display = [
        "due_on",
        "kind",
        "recipient",
        "object_type",
        "object_id",
        "emailed_at",
        "done_at",
    ]
    list_filter = ["kind"]
    list_select_related = ["recipient"]
    date_hierarchy = "due_on"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
