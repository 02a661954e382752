from django.contrib import admin

from cases.admin import PersonalDataMixin
from core.admin import BoundedAdminDates, BoundedCount, year_filter
from followup.models import Reminder
from followup.selectors import PERSON_OF


@admin.register(Reminder)
class ReminderAdmin(BoundedCount, BoundedAdminDates, PersonalDataMixin, admin.ModelAdmin):
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
    # Not a date hierarchy, which reads the distinct years of every reminder.
    list_filter = [year_filter("due_on", "forfallsår"), "kind"]
    list_select_related = ["recipient"]

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
