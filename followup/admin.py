from django.contrib import admin

from cases.admin import PersonalDataMixin
from core.admin import BoundedAdminDates
from followup.models import Reminder
from followup.selectors import PERSON_OF


@admin.register(Reminder)
class ReminderAdmin(BoundedAdminDates, PersonalDataMixin, admin.ModelAdmin):
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

    def people_shown(self, pks) -> list[tuple]:
        reminders = Reminder.objects.filter(pk__in=pks).values_list(
            "pk", "object_type", "object_id"
        )
        wanted = {}
        for _, object_type, object_id in reminders:
            wanted.setdefault(object_type, set()).add(object_id)
        person_of = {}
        for object_type, ids in wanted.items():
            if object_type in PERSON_OF:
                model, path = PERSON_OF[object_type]
                rows = model.objects.filter(pk__in=ids).values_list("pk", path)
                person_of[object_type] = {str(pk): person_id for pk, person_id in rows}
        return [
            (pk, person_of.get(object_type, {}).get(object_id))
            for pk, object_type, object_id in reminders
        ]
