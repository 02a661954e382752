from django.conf import settings
from django.db import models


class Reminder(models.Model):
    """A notice to one user about one due item, written by a daily scan.

    Unique per item, due date and recipient, so a scan that runs twice or late
    never reminds twice. The text and link carry no health data.
    """

    class Kind(models.TextChoices):
        CONSENT_WAITING = "consent_waiting", "Venter på samtykke"
        EVALUATION_DUE = "evaluation_due", "Evaluering nærmer seg"
        EVALUATION_OVERDUE = "evaluation_overdue", "Evaluering forfalt"
        TRAINING_EXPIRING = "training_expiring", "Opplæring utløper"
        TRAINING_EXPIRED = "training_expired", "Opplæring utløpt"
        ACTION_POINT_OVERDUE = "action_point_overdue", "Oppfølgingspunkt forfalt"
        DECISION_FINAL = "decision_final", "Vedtak endelig"
        PLAN_QUIET = "plan_quiet", "Plan uten aktivitet"
        DISPATCH_FAILED = "dispatch_failed", "Brev kom ikke fram"

    kind = models.CharField("type", max_length=30, choices=Kind.choices)
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=50)
    due_on = models.DateField("frist")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    text = models.CharField("tekst", max_length=300)
    link = models.CharField("lenke", max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField("lukket", null=True, blank=True)

    class Meta:
        verbose_name = "påminnelse"
        verbose_name_plural = "påminnelser"
        ordering = ["due_on", "id"]
        db_table = "followup_reminder"
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_type", "object_id", "due_on", "recipient"],
                name="reminder_once_per_item_and_date",
            )
        ]
        indexes = [
            models.Index(
                fields=["recipient", "due_on"],
                condition=models.Q(done_at__isnull=True),
                name="reminder_open_by_recipient",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.due_on:%d.%m.%Y})"


class OverviewFigures(models.Model):
    """Oversikt's figures for one unit or the municipality, as last worked out
    (followup.overview_store): a view reads one row, not every active plan."""

    key = models.CharField(max_length=30, unique=True)
    worked_out_at = models.DateTimeField()
    figures = models.JSONField()

    class Meta:
        verbose_name = "tall til oversikten"
        verbose_name_plural = "tall til oversikten"
        db_table = "followup_overviewfigures"

    def __str__(self) -> str:
        return self.key
