from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from cases.vocabulary import ServiceKind
from core.forms import CASEWORK_DATE, LONG_TEXT, RECEIVED_DATE, SHORT_TEXT, TEXT

from .people import Family, Person

# The flag on the case that asks for each service, and the one that says a decision on it
# has been sent (set by decisions.decided when one is sent; a sent decision stays sent).
REQUEST_FIELDS = {
    ServiceKind.COORDINATOR: "requests_coordinator",
    ServiceKind.CHILD_COORDINATOR: "requests_child_coordinator",
    ServiceKind.PLAN: "requests_plan",
}
DECIDED_FIELDS = {
    ServiceKind.COORDINATOR: "coordinator_decided",
    ServiceKind.CHILD_COORDINATOR: "child_coordinator_decided",
    ServiceKind.PLAN: "plan_decided",
}


def owes_a_decision() -> models.Q:
    """An open case that asks for a service with no decision on it sent yet.

    The one statement of the rule: decisions.due selects by it, and the partial index
    `case_owes_decision` is defined by it, so the two cannot drift apart.
    """
    asked_not_decided = models.Q()
    for kind, flag in REQUEST_FIELDS.items():
        asked_not_decided |= models.Q(**{flag: True, DECIDED_FIELDS[kind]: False})
    return ~models.Q(status="closed") & asked_not_decided


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The cases this user may see. Every view and task goes through here."""
        from cases.scoping import case_scope

        return case_scope(self, user)


class Case(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", "Registrert"
        AWAITING_CONSENT = "awaiting_consent", "Venter på samtykke"
        UNDER_ASSESSMENT = "under_assessment", "Under vurdering"
        DECIDED = "decided", "Vedtak fattet"
        FOLLOW_UP = "follow_up", "I oppfølging"
        CLOSED = "closed", "Avsluttet"

    OPEN_STATUSES = (
        Status.REGISTERED,
        Status.AWAITING_CONSENT,
        Status.UNDER_ASSESSMENT,
        Status.DECIDED,
        Status.FOLLOW_UP,
    )

    # Not yet decided: these count against the processing deadline.
    AWAITING_DECISION_STATUSES = (
        Status.REGISTERED,
        Status.AWAITING_CONSENT,
        Status.UNDER_ASSESSMENT,
    )

    class Origin(models.TextChoices):
        APPLICATION = "application", "Søknad"
        NOTIFICATION = "notification", "Melding fra helsepersonell"
        INTERNAL = "internal", "Intern henvisning (tildelingskontor)"

    # The flag on the case that asks for each service (`requested_kinds` reads them), and
    # the one set once a decision on it is sent.
    REQUEST_FIELDS = REQUEST_FIELDS
    DECIDED_FIELDS = DECIDED_FIELDS

    class ClosedReason(models.TextChoices):
        NEED_ENDED = "need_ended", "Behovet er opphørt"
        PERSONS_WISH = "persons_wish", "Personens ønske"
        MOVED = "moved", "Flyttet fra kommunen"
        DECEASED = "deceased", "Død"
        WITHDRAWN = "withdrawn", "Søknaden/meldingen er trukket"

    number = models.CharField("saksnummer", max_length=12, unique=True, editable=False)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="cases", verbose_name="gjelder"
    )
    family = models.ForeignKey(
        Family,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name="familie",
    )
    requests_coordinator = models.BooleanField(ServiceKind.COORDINATOR.label.lower(), default=False)
    requests_child_coordinator = models.BooleanField(
        ServiceKind.CHILD_COORDINATOR.label.lower(), default=False
    )
    requests_plan = models.BooleanField(ServiceKind.PLAN.label.lower(), default=False)
    # A decision on the service has been sent (decisions.decided keeps these).
    coordinator_decided = models.BooleanField(
        "vedtak om koordinator sendt", default=False, editable=False
    )
    child_coordinator_decided = models.BooleanField(
        "vedtak om barnekoordinator sendt", default=False, editable=False
    )
    plan_decided = models.BooleanField(
        "vedtak om individuell plan sendt", default=False, editable=False
    )
    origin = models.CharField("innkommet som", max_length=20, choices=Origin.choices)
    notifier_name = models.CharField("melders navn", max_length=200, blank=True)
    notifier_profession = models.CharField("melders yrke", max_length=100, blank=True)
    notifier_workplace = models.CharField("melders arbeidssted", max_length=200, blank=True)
    notifier_contact = models.CharField("melders kontaktinfo", max_length=200, blank=True)
    received_on = models.DateField("mottatt", validators=[RECEIVED_DATE])
    # The KE unit the case belongs to (cases.units): its caseworkers see it, its
    # letterhead heads the letters.
    unit = models.ForeignKey(
        "cases.Unit", on_delete=models.PROTECT, related_name="cases", verbose_name="enhet"
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name="saksbehandler",
    )
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    closed_reason = models.CharField(
        "avslutningsårsak", max_length=20, choices=ClosedReason.choices, blank=True
    )
    closed_on = models.DateField("avsluttet", null=True, blank=True)
    # Optimistic locking: a save with a stale version is refused, never overwrites.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CaseQuerySet.as_manager()
    # The decided flags are a summary of the decisions (which keep their own history).
    history = HistoricalRecords(excluded_fields=list(DECIDED_FIELDS.values()))

    class Meta:
        verbose_name = "sak"
        verbose_name_plural = "saker"
        ordering = ["-received_on", "-id"]
        permissions = [
            ("view_all_cases", "Kan se alle saker i koordinerende enhet"),
            ("hand_over_cases", "Kan overføre saker til en annen saksbehandler"),
            ("view_all_units", "Kan se sakene i alle enhetene i kommunen"),
        ]
        indexes = [
            models.Index(fields=["status", "-received_on"], name="case_status_received"),
            models.Index(fields=["caseworker", "status"], name="case_caseworker_status"),
            models.Index(fields=["-received_on", "-id"], name="case_received_id"),
            # Frister and the scans read open cases oldest first; most cases are closed.
            models.Index(
                fields=["received_on", "id"],
                condition=~models.Q(status="closed"),
                name="case_open_by_received",
            ),
            # Oversikt counts the cases closed in its period, not every case ever closed.
            models.Index(
                fields=["closed_on"],
                condition=models.Q(status="closed"),
                name="case_closed_on",
            ),
            # Mine saker: a caseworker's open cases (or the unassigned ones), oldest first.
            models.Index(
                fields=["caseworker", "received_on", "id"],
                condition=~models.Q(status="closed"),
                name="case_open_by_caseworker",
            ),
            # Frister: the open cases still owing a decision, oldest first (a few hundred of
            # tens of thousands open; most are in follow-up and owe nothing).
            models.Index(
                fields=["received_on", "id"],
                condition=owes_a_decision(),
                name="case_owes_decision",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(requests_coordinator=True)
                | models.Q(requests_child_coordinator=True)
                | models.Q(requests_plan=True),
                name="case_requests_something",
                violation_error_message="Velg minst én tjeneste saken gjelder.",
            ),
            models.CheckConstraint(
                condition=~models.Q(origin="notification") | ~models.Q(notifier_name=""),
                name="case_notification_has_notifier",
                violation_error_message="En melding må ha navnet på den som meldte.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="closed") | ~models.Q(closed_reason=""),
                name="case_closed_has_reason",
                violation_error_message="En avsluttet sak må ha en årsak.",
            ),
        ]

    def __str__(self):
        return f"Sak {self.number}"

    def get_absolute_url(self):
        return reverse("cases:detail", args=[self.pk])

    def requested_kinds(self) -> list[ServiceKind]:
        """The services the case asks for, in ServiceKind order."""
        return [kind for kind, flag in self.REQUEST_FIELDS.items() if getattr(self, flag)]

    @property
    def requested_labels(self) -> list[str]:
        return [kind.label for kind in self.requested_kinds()]

    @property
    def is_awaiting_decision(self) -> bool:
        return self.status in self.AWAITING_DECISION_STATUSES

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED


class CaseNumberCounter(models.Model):
    """One row a year; locked while the next case number is taken."""

    year = models.PositiveIntegerField(primary_key=True)
    last_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "saksnummerteller"
        verbose_name_plural = "saksnummertellere"

    def __str__(self):
        return f"{self.year}: {self.last_sequence}"


class ConsentQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(withdrawn_on__isnull=True)


class Consent(models.Model):
    class GivenBy(models.TextChoices):
        PERSON = "person", "Personen selv"
        PARENT = "parent", "Forelder med foreldreansvar"
        GUARDIAN = "guardian", "Verge"

    class Form(models.TextChoices):
        WRITTEN = "written", "Skriftlig"
        ORAL = "oral", "Muntlig (notert)"
        # Given by the owner (or a parent) logged in with ID-porten, in the app.
        ELECTRONIC = "electronic", "Elektronisk, innlogget med ID-porten"

    STAFF_FORMS = (Form.WRITTEN, Form.ORAL)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    given_by = models.CharField("gitt av", max_length=20, choices=GivenBy.choices)
    given_by_name = models.CharField("navn på den som samtykket", max_length=200)
    # Which registered party gave it: "person:<id>" or "relation:<id>" (cases.selectors.
    # consent_givers); blank on consents noted before the giver was chosen from the parties.
    given_by_key = models.CharField("partsnøkkel", max_length=40, blank=True)
    given_on = models.DateField("dato", validators=[RECEIVED_DATE])
    form = models.CharField("form", max_length=20, choices=Form.choices)
    # The ID-porten assurance level of the login an electronic consent was given in.
    acr = models.CharField("sikkerhetsnivå", max_length=40, blank=True)
    covers_plan = models.BooleanField("samtykke til å utarbeide individuell plan", default=False)
    covers_sharing = models.BooleanField(
        "samtykke til deling av taushetsbelagte opplysninger", default=False
    )
    sharing_with = models.TextField(
        "deles med",
        blank=True,
        help_text="Navngitte deltakere og tjenester opplysninger kan deles med.",
        max_length=SHORT_TEXT,
    )
    noted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="notert av",
    )
    # A child with two holders of parental responsibility: why the case went on with this
    # consent alone (domain reference, "Parties and voice").
    enough_reason = models.TextField("hvorfor ett samtykke er nok", blank=True, max_length=TEXT)
    withdrawn_on = models.DateField(
        "trukket tilbake", null=True, blank=True, validators=[RECEIVED_DATE]
    )
    withdrawn_reason = models.TextField("merknad ved tilbaketrekking", blank=True, max_length=TEXT)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "samtykke"
        verbose_name_plural = "samtykker"
        ordering = ["-given_on", "-id"]

    def __str__(self):
        return f"Samtykke {self.given_on:%d.%m.%Y} ({self.get_given_by_display()})"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_on is None


class TimelineEntry(models.Model):
    """The case journal: notes, calls, meetings, letters and state changes."""

    class Kind(models.TextChoices):
        NOTE = "note", "Notat"
        PHONE = "phone", "Telefonsamtale"
        MEETING = "meeting", "Møte"
        LETTER = "letter", "Brev"
        STATUS = "status", "Statusendring"
        SYSTEM = "system", "Automatisk"

    MANUAL_KINDS = (Kind.NOTE, Kind.PHONE, Kind.MEETING, Kind.LETTER)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    text = models.TextField("tekst", max_length=LONG_TEXT)
    from_status = models.CharField(max_length=20, choices=Case.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Case.Status.choices, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="skrevet av",
    )
    occurred_at = models.DateTimeField("tidspunkt", validators=[CASEWORK_DATE])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "journalinnslag"
        verbose_name_plural = "journalinnslag"
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["case", "-occurred_at"], name="timeline_case_occurred"),
            models.Index(fields=["to_status", "occurred_at"], name="timeline_to_status"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.occurred_at:%d.%m.%Y %H:%M}"
