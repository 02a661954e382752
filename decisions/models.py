from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Decision(models.Model):
    """An individual decision (enkeltvedtak) on one thing asked for in a case."""

    class Service(models.TextChoices):
        COORDINATOR = "koordinator", "Koordinator"
        CHILD_COORDINATOR = "barnekoordinator", "Barnekoordinator"
        PLAN = "individuell_plan", "Individuell plan"

    class Outcome(models.TextChoices):
        GRANTED = "granted", "Innvilget"
        REFUSED = "refused", "Avslag"
        PARTLY_GRANTED = "partly_granted", "Delvis innvilget"

    GRANTING_OUTCOMES = (Outcome.GRANTED, Outcome.PARTLY_GRANTED)

    class Status(models.TextChoices):
        DRAFT = "draft", "Utkast"
        AWAITING_APPROVAL = "awaiting_approval", "Til godkjenning"
        SENT = "sent", "Sendt"
        FINAL = "final", "Endelig"
        APPEALED = "appealed", "Påklaget"

    SENT_STATUSES = (Status.SENT, Status.FINAL, Status.APPEALED)

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="decisions", verbose_name="sak"
    )
    assessment = models.ForeignKey(
        "eligibility.Assessment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name="vurdering",
    )
    service = models.CharField("gjelder", max_length=20, choices=Service.choices)
    outcome = models.CharField("utfall", max_length=20, choices=Outcome.choices)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DRAFT)
    legal_basis = models.TextField("hjemmel")
    facts = models.TextField("faktiske forhold")
    reasons = models.TextField("begrunnelse")
    starts_on = models.DateField("fra dato", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    sent_on = models.DateField("sendt", null=True, blank=True)
    received_on = models.DateField("mottatt av parten", null=True, blank=True)
    complaint_deadline = models.DateField("klagefrist", null=True, blank=True)
    replaces = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name="erstatter",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "vedtak"
        verbose_name_plural = "vedtak"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "complaint_deadline"], name="decision_status_deadline"),
        ]

    def __str__(self):
        return f"{self.get_service_display()}: {self.get_outcome_display()} (sak {self.case_id})"

    @property
    def is_grant(self) -> bool:
        return self.outcome in self.GRANTING_OUTCOMES
