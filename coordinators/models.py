from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class ServiceArea(models.Model):
    """Where coordinators are drawn from: helsestasjon, barnehage, skole, ..."""

    name = models.CharField("navn", max_length=100, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        verbose_name = "tjenesteområde"
        verbose_name_plural = "tjenesteområder"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Coordinator(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coordinator",
        verbose_name="bruker",
    )
    profession = models.CharField("yrke", max_length=100)
    workplace = models.CharField("arbeidssted", max_length=200)
    service_area = models.ForeignKey(
        ServiceArea, on_delete=models.PROTECT, related_name="coordinators", verbose_name="område"
    )
    capacity = models.PositiveSmallIntegerField("kapasitet (antall saker)", default=5)
    can_take_child_cases = models.BooleanField("kan ta barnekoordinatorsaker", default=False)
    active = models.BooleanField("aktiv", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "koordinator"
        verbose_name_plural = "koordinatorer"
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()


class Appointment(models.Model):
    """A coordinator appointed to a case. Ending one keeps it as history."""

    class Kind(models.TextChoices):
        COORDINATOR = "coordinator", "Koordinator"
        CHILD_COORDINATOR = "child_coordinator", "Barnekoordinator"

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="appointments", verbose_name="sak"
    )
    coordinator = models.ForeignKey(
        Coordinator, on_delete=models.PROTECT, related_name="appointments"
    )
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    started_on = models.DateField("fra")
    ended_on = models.DateField("til", null=True, blank=True)
    applicant_wish = models.CharField("søkers ønske", max_length=200, blank=True)
    wish_followed = models.BooleanField("ønsket fulgt", null=True, blank=True)
    over_capacity_reason = models.TextField("begrunnelse for overbelastning", blank=True)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "oppnevning"
        verbose_name_plural = "oppnevninger"
        ordering = ["-started_on", "-id"]
        indexes = [
            models.Index(
                fields=["coordinator", "case"],
                condition=models.Q(ended_on__isnull=True),
                name="appointment_active",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind"],
                condition=models.Q(ended_on__isnull=True),
                name="one_active_appointment_per_kind",
                violation_error_message="Saken har allerede en aktiv koordinator av denne typen.",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="appointment_ends_after_start",
                violation_error_message="En oppnevning kan ikke slutte før den begynte.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.coordinator}"
