"""The individual plan (IP) and its parts, as the IP regulation lists them. Consent and the
coordinator live on the case (`cases.Consent`, `coordinators.Appointment`), not in the plan.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core.forms import typed_date, typed_text
from plans.models.activity import CountsAsActivity
from plans.ordering import INDEX_ORDER


class ItemStatus(models.TextChoices):
    """Where a goal or a measure stands."""

    ACTIVE = "active", "Pågår"
    REACHED = "reached", "Nådd"
    CHANGED = "changed", "Endret"
    ENDED = "ended", "Avsluttet"


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Utkast"
        ACTIVE = "active", "Aktiv"
        CLOSED = "closed", "Avsluttet"

    class ClosedReason(models.TextChoices):
        NEED_ENDED = "need_ended", "Behovet er opphørt"
        PERSONS_WISH = "persons_wish", "Personens ønske"
        MOVED = "moved", "Flyttet fra kommunen"

    case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, related_name="plan", verbose_name="sak"
    )
    # The plan owner; kept beside the case so "one IP per person" is a constraint.
    person = models.ForeignKey(
        "cases.Person", on_delete=models.PROTECT, related_name="plans", verbose_name="planeier"
    )
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DRAFT)
    resources = typed_text(
        "ressurser", blank=True, help_text="Hva personen og nettverket er gode på og kan bruke."
    )
    needs = typed_text("behov", blank=True, help_text="Behovene sett under ett.")
    person_contribution = typed_text("hva personen selv bidrar med", blank=True)
    next_of_kin_contribution = typed_text("hva pårørende bidrar med", blank=True)
    cooperation = typed_text(
        "samarbeidende tjenester, institusjoner og etater",
        blank=True,
        help_text="For eksempel fastlege, BUP, skole, NAV – og hva samarbeidet gjelder.",
    )
    valid_from = typed_date("planperiode fra", null=True, blank=True)
    valid_to = typed_date("planperiode til", null=True, blank=True)
    next_evaluation_on = typed_date("neste evaluering", null=True, blank=True)
    activated_on = models.DateField("aktivert", null=True, blank=True)
    suspended_note = typed_text(
        "merknad om stans", blank=True, help_text="Hvorfor planen ble satt tilbake til utkast."
    )
    closed_reason = models.CharField(
        "avslutningsårsak", max_length=20, choices=ClosedReason.choices, blank=True
    )
    closed_on = models.DateField("avsluttet", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="opprettet av",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The day of the last activity in the plan (plans/models/activity.py).
    last_active_on = models.DateField("sist aktiv", null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "individuell plan"
        verbose_name_plural = "individuelle planer"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["next_evaluation_on"],
                condition=Q(status="active"),
                name="plan_active_next_evaluation",
            ),
            models.Index(*INDEX_ORDER, name="plan_list_order"),
            # Quiet plans (plans.due): the active ones last active by a cutoff, with their
            # case for the scope and Oversikt's counts (index-only).
            models.Index(
                fields=["last_active_on", "id"],
                include=["case_id"],
                condition=Q(status="active"),
                name="plan_active_by_last_activity",
            ),
            # The active plans' cases (Oversikt's counts, index-only).
            models.Index(fields=["case_id"], condition=Q(status="active"), name="plan_active_case"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=~Q(status="closed"),
                name="one_open_plan_per_person",
                violation_error_message="Personen har allerede en individuell plan.",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(closed_reason=""),
                name="plan_closed_has_reason",
                violation_error_message="En avsluttet plan må ha en årsak.",
            ),
            models.CheckConstraint(
                condition=~Q(status="active") | Q(next_evaluation_on__isnull=False),
                name="plan_active_has_next_evaluation",
                violation_error_message="En aktiv plan må ha en dato for neste evaluering.",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="plan_period_ends_after_start",
                violation_error_message="Planperioden kan ikke slutte før den begynner.",
            ),
        ]

    def __str__(self):
        return f"Individuell plan ({self.get_status_display().lower()})"

    def save(self, *args, **kwargs):
        # An edit of the plan is activity in it, on the day updated_at is saved.
        fields = kwargs.get("update_fields")
        if fields is None or "updated_at" in fields:
            days = (self.last_active_on, timezone.localdate(), self.activated_on)
            self.last_active_on = max(day for day in days if day is not None)
            if fields is not None:
                kwargs["update_fields"] = {*fields, "last_active_on"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("plans:case_plan", args=[self.case_id])

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class Goal(CountsAsActivity, models.Model):
    class Horizon(models.TextChoices):
        LONG_TERM = "long", "Langsiktig mål"
        SHORT_TERM = "short", "Delmål (kortsiktig)"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    text = typed_text("mål", help_text="Med personens egne ord.")
    horizon = models.CharField(
        "type", max_length=10, choices=Horizon.choices, default=Horizon.LONG_TERM
    )
    status = models.CharField(
        "status", max_length=10, choices=ItemStatus.choices, default=ItemStatus.ACTIVE
    )
    status_note = typed_text("merknad", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "mål"
        verbose_name_plural = "mål"
        ordering = ["horizon", "id"]
        indexes = [models.Index(fields=["plan", "created_at"], name="goal_by_plan_created")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="goal_has_text",
                violation_error_message="Skriv målet.",
            ),
        ]

    def __str__(self):
        return self.text[:60]


class Measure(CountsAsActivity, models.Model):
    """A measure (tiltak): what is done, how much, by whom, how and when."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name="hører til mål",
    )
    title = models.CharField("tiltak", max_length=200)
    # The participant who marks the measure done from their own login.
    participant = models.ForeignKey(
        "plans.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name="følges opp av deltaker",
    )
    scope = models.CharField(
        "omfang", max_length=200, blank=True, help_text="For eksempel «2 timer i uken»."
    )
    provider = models.CharField(
        "hvem gir tiltaket", max_length=200, help_text="Tjenesten eller etaten som yter tiltaket."
    )
    responsible = models.CharField(
        "ansvarlig", max_length=200, help_text="Navnet på den som har ansvaret."
    )
    how = typed_text("slik gjennomføres tiltaket", blank=True)
    starts_on = typed_date("fra")
    ends_on = typed_date("til", null=True, blank=True)
    status = models.CharField(
        "status", max_length=10, choices=ItemStatus.choices, default=ItemStatus.ACTIVE
    )
    status_note = typed_text("merknad", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tiltak"
        verbose_name_plural = "tiltak"
        ordering = ["starts_on", "id"]
        indexes = [models.Index(fields=["plan", "created_at"], name="measure_by_plan_created")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(provider=""),
                name="measure_has_provider",
                violation_error_message="Et tiltak må ha en som gir det.",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="measure_ends_after_start",
                violation_error_message="Tiltaket kan ikke slutte før det begynner.",
            ),
        ]

    def __str__(self):
        return self.title


class Participant(CountsAsActivity, models.Model):
    class Role(models.TextChoices):
        PERSON = "person", "Personen selv"
        GUARDIAN = "guardian", "Verge"
        PARENT = "parent", "Forelder"
        NEXT_OF_KIN = "next_of_kin", "Pårørende"
        COORDINATOR = "coordinator", "Koordinator"
        SERVICE_PROVIDER = "service_provider", "Tjenesteyter"
        GP = "gp", "Fastlege"
        KINDERGARTEN = "kindergarten", "Barnehage"
        SCHOOL = "school", "Skole"
        PPT = "ppt", "PPT"
        NAV = "nav", "NAV"
        CHILD_WELFARE = "child_welfare", "Barnevern"
        SPECIALIST = "specialist", "Spesialisthelsetjenesten"
        OTHER = "other", "Annen"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField("navn", max_length=200)
    role = models.CharField("rolle", max_length=20, choices=Role.choices)
    organisation = models.CharField("virksomhet", max_length=200, blank=True)
    contact = models.CharField("telefon eller e-post", max_length=200, blank=True)
    contribution = typed_text("bidrar med", blank=True)
    email = models.EmailField(
        "e-post for varsler", blank=True, help_text="Invitasjonen og varslene går hit."
    )
    # How the participant logs in: a citizen through a registered relation (ID-porten
    # recognises the relation's national id), anyone else through their account here.
    # What they see follows from their access consent (plans.AccessConsent), not from here.
    relation = models.ForeignKey(
        "cases.Relation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="registrert relasjon",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_participations",
        verbose_name="deltakerkonto",
    )
    invited_at = models.DateTimeField("invitert", null=True, blank=True)
    in_responsibility_group = models.BooleanField("medlem av ansvarsgruppen", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "deltaker"
        verbose_name_plural = "deltakere"
        ordering = ["id"]
        indexes = [models.Index(fields=["plan", "created_at"], name="participant_by_plan_created")]

    def __str__(self):
        return f"{self.name} ({self.get_role_display().lower()})"
