from followup.models import Reminder


def open_reminders(user, limit: int = 20):
    return Reminder.objects.filter(recipient=user, done_at__isnull=True).order_by("due_on", "id")[
        :limit
    ]
