from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cases.due import processing_days
from cases.vocabulary import ServiceKind
from core.forms import CASEWORK_DATE, LONG_TEXT, RECEIVED_DATE, SHORT_TEXT, TEXT

# In their own module for length; imported here so every caller finds them in models.
from decisions.dispatch_models import Dispatch, DispatchEvent

__all__ = ["Complaint", "Decision", "Dispatch", "DispatchEvent", "Letter"]


class Decision(models.Model):
    """An individual decision (enkeltvedtak) on one thing asked for in a case."""

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
    service = models.CharField("gjelder", max_length=20, choices=ServiceKind.choices)
    outcome = models.CharField("utfall", max_length=20, choices=Outcome.choices)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.DRAFT)
    legal_basis = models.TextField("hjemmel", max_length=LONG_TEXT)
    facts = models.TextField("faktiske forhold", max_length=LONG_TEXT)
    reasons = models.TextField("begrunnelse", max_length=LONG_TEXT)
    # A partly granted decision says what is granted and what is refused, each with its
    # reasons (fvl. § 25); empty for a full grant or refusal.
    granted_part = models.TextField("dette innvilges", blank=True, max_length=LONG_TEXT)
    refused_part = models.TextField("dette avslås, og hvorfor", blank=True, max_length=LONG_TEXT)
    # Set when the outcome changed after the reasons were written and they could not be
    # drafted anew: the caseworker must read the text again before the letter is sent.
    text_needs_review = models.BooleanField("teksten må leses på nytt", default=False)
    starts_on = models.DateField("fra dato", null=True, blank=True, validators=[CASEWORK_DATE])
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="godkjent av",
    )
    approved_at = models.DateTimeField("godkjent", null=True, blank=True)
    sent_on = models.DateField("sendt", null=True, blank=True)
    # Days from the case's receipt to sent_on (cases.due.processing_days), kept with the
    # decision so Oversikt's months are one index range, not a join with every case.
    processing_days = models.IntegerField("dager til vedtak", null=True, editable=False)
    # The day the party is assumed to have received the letter (by channel), and the day
    # used for the deadline: the assumed day, or the actual day once the caseworker knows it.
    assumed_received_on = models.DateField("antatt mottatt", null=True, blank=True)
    received_on = models.DateField(
        "mottatt av parten", null=True, blank=True, validators=[RECEIVED_DATE]
    )
    received_on_confirmed = models.BooleanField("faktisk mottaksdato registrert", default=False)
    complaint_deadline = models.DateField("klagefrist", null=True, blank=True)
    finalized_on = models.DateField("endelig fra", null=True, blank=True)
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
        permissions = [("approve_decision", "Kan godkjenne vedtak før de sendes")]
        indexes = [
            models.Index(fields=["status", "complaint_deadline"], name="decision_status_deadline"),
            # The decision list's order, unfiltered and by status (decisions/list_views.py).
            models.Index(fields=["-created_at", "-id"], name="decision_list_order"),
            models.Index(fields=["status", "-created_at", "-id"], name="decision_list_by_status"),
            # "Is this service decided in this case?" (decisions/due.py), asked per open case.
            models.Index(
                fields=["case", "service"],
                condition=models.Q(status__in=["sent", "final", "appealed"]),
                name="decision_sent_by_case",
            ),
            # Decisions sent in a period (sent_in: Oversikt's months, the list's month filter).
            models.Index(
                fields=["sent_on"],
                include=["case", "processing_days"],
                condition=models.Q(sent_on__isnull=False),
                name="decision_sent_on",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(received_on__isnull=True)
                | models.Q(received_on__gte=models.F("sent_on")),
                name="decision_received_after_sent",
                violation_error_message="Mottaksdatoen kan ikke være før vedtaket ble sendt.",
            ),
        ]

    def __str__(self):
        return f"{self.get_service_display()}: {self.get_outcome_display()} (sak {self.case_id})"

    def save(self, *args, **kwargs):
        # Whenever the sent day is saved, the processing time it ends is saved with it.
        fields = kwargs.get("update_fields")
        if self.sent_on is not None and (fields is None or "sent_on" in fields):
            self.processing_days = processing_days(self.case.received_on, self.sent_on)
            if fields is not None:
                kwargs["update_fields"] = {*fields, "processing_days"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("decisions:detail", args=[self.pk])

    @property
    def is_grant(self) -> bool:
        return self.outcome in self.GRANTING_OUTCOMES

    @property
    def is_sent(self) -> bool:
        return self.status in self.SENT_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.AWAITING_APPROVAL)


def _letter_path(letter: "Letter", filename: str) -> str:
    # No names or services in the path: it shows up in logs and backups.
    return f"letters/{timezone.localdate():%Y/%m}/{filename}"


class Letter(models.Model):
    """A letter as sent: the stored PDF never changes; its checksum proves it."""

    class Kind(models.TextChoices):
        DECISION = "decision", "Vedtaksbrev"
        FORWARDING = "forwarding", "Oversendelse til Statsforvalteren"
        FORWARDING_COPY = "forwarding_copy", "Kopi av oversendelsen"
        REJECTION = "rejection", "Vedtak om avvisning av klage"

    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    # The decision the letter was sent from; `decisions` holds every decision the letter
    # covers (a case's decisions sent together go in one letter per recipient).
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="letters", verbose_name="vedtak"
    )
    decisions = models.ManyToManyField(
        Decision, related_name="covering_letters", blank=True, verbose_name="vedtak i brevet"
    )
    complaint = models.ForeignKey(
        "Complaint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name="klage",
    )
    # "person:<id>" or "relation:<id>" for a decision letter; "statsforvalteren" otherwise.
    recipient_key = models.CharField("mottakernøkkel", max_length=40)
    recipient_name = models.CharField("mottaker", max_length=200)
    recipient_address = models.TextField("postadresse", blank=True, max_length=SHORT_TEXT)
    # Empty until the dispatch task has rendered the letter (not in the request): then the
    # archival PDF/A and its checksum, never changed again.
    file = models.FileField("PDF", upload_to=_letter_path, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    # The complaint deadline runs per letter: from the day its recipient is assumed to
    # have received it (by channel: SvarUt and the outbox assume the post), or the day they
    # did, once that is known (decisions.receipts: SvarUt's receipts, or the caseworker's
    # registered day, which wins and is marked confirmed).
    sent_on = models.DateField("sendt", null=True, blank=True)
    assumed_received_on = models.DateField("antatt mottatt", null=True, blank=True)
    received_on = models.DateField("mottatt", null=True, blank=True)
    received_on_confirmed = models.BooleanField("faktisk mottaksdato registrert", default=False)
    complaint_deadline = models.DateField("klagefrist", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "brev"
        verbose_name_plural = "brev"
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "recipient_key"],
                condition=models.Q(kind="decision"),
                name="one_decision_letter_per_recipient",
            ),
            models.UniqueConstraint(
                fields=["complaint"],
                condition=models.Q(kind="forwarding"),
                name="one_forwarding_letter_per_complaint",
            ),
            models.UniqueConstraint(
                fields=["complaint", "kind", "recipient_key"],
                condition=models.Q(kind__in=["forwarding_copy", "rejection"]),
                name="one_complaint_letter_per_recipient",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk}"

    def get_absolute_url(self):
        return reverse("decisions:letter", args=[self.pk])


class Complaint(models.Model):
    """A complaint (klage) on a sent decision, and how the KE and Statsforvalteren handled it."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Mottatt, til vurdering"
        REVERSED = "reversed", "Omgjort av koordinerende enhet"
        FORWARDED = "forwarded", "Oversendt Statsforvalteren"
        CLOSED = "closed", "Avgjort av Statsforvalteren"
        REJECTED = "rejected", "Avvist av koordinerende enhet"

    class RejectionGround(models.TextChoices):
        # fvl. § 33 second paragraph: the KE rejects a complaint it may not take up.
        LATE = "late", "Klagen kom for sent, og det er ikke grunn til å behandle den likevel"
        NO_STANDING = "no_standing", "Klageren er ikke part og har ikke rettslig klageinteresse"
        NOT_A_DECISION = "not_a_decision", "Det som er påklaget, er ikke et vedtak"

    class Result(models.TextChoices):
        UPHELD = "upheld", "Vedtaket er stadfestet"
        REVERSED = "reversed", "Vedtaket er omgjort"
        QUASHED = "quashed", "Vedtaket er opphevet og sendt tilbake"
        DISMISSED = "dismissed", "Klagen er avvist"

    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="complaints", verbose_name="vedtak"
    )
    complainant = models.CharField("klager", max_length=200)
    # The party who complains, as selectors.Recipient.key ("relation:<id>", "person:<id>");
    # blank for someone who is not a registered party.
    complainant_key = models.CharField("klagers partsnøkkel", max_length=40, blank=True)
    # A complaint on the KE's rejection of an earlier complaint (the rejection is itself an
    # enkeltvedtak): it runs against the rejection's own deadline.
    on_rejection = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints_on_rejection",
        verbose_name="klage på avvisning",
    )
    received_on = models.DateField("mottatt", validators=[RECEIVED_DATE])
    posted_on = models.DateField("postlagt", null=True, blank=True, validators=[RECEIVED_DATE])
    summary = models.TextField("hva klagen gjelder", blank=True, max_length=TEXT)
    is_late = models.BooleanField("for sent", default=False)
    late_reason = models.TextField("hvorfor klagen likevel behandles", blank=True, max_length=TEXT)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    ke_assessment = models.TextField(
        "koordinerende enhets vurdering", blank=True, max_length=LONG_TEXT
    )
    forwarded_on = models.DateField("oversendt", null=True, blank=True)
    new_decision = models.OneToOneField(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="from_complaint",
        verbose_name="nytt vedtak",
    )
    rejection_ground = models.CharField(
        "avvisningsgrunn", max_length=20, choices=RejectionGround.choices, blank=True
    )
    rejection_reasons = models.TextField("begrunnelse for avvisning", blank=True, max_length=TEXT)
    rejected_on = models.DateField("avvist", null=True, blank=True)
    rejection_received_on = models.DateField("avvisningen antatt mottatt", null=True, blank=True)
    rejection_complaint_deadline = models.DateField(
        "klagefrist for avvisningen", null=True, blank=True
    )
    result = models.CharField("resultat", max_length=20, choices=Result.choices, blank=True)
    result_on = models.DateField("avgjort", null=True, blank=True, validators=[RECEIVED_DATE])
    result_notes = models.TextField("merknader", blank=True, max_length=TEXT)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "klage"
        verbose_name_plural = "klager"
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(posted_on__isnull=True)
                | models.Q(posted_on__lte=models.F("received_on")),
                name="complaint_posted_before_received",
                violation_error_message="Klagen kan ikke være postlagt etter at den kom inn.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rejected")
                | (~models.Q(rejection_ground="") & models.Q(rejected_on__isnull=False)),
                name="complaint_rejected_has_ground",
                violation_error_message="En avvist klage må ha en avvisningsgrunn.",
            ),
        ]

    def __str__(self):
        return f"Klage mottatt {self.received_on:%d.%m.%Y}"

    @property
    def beyond_one_year(self) -> bool:
        """Complained more than a year after the decision: it can no longer be heard."""
        return complaint_beyond_one_year(
            sent_on=self.decision.sent_on, complained_on=self.posted_on or self.received_on
        )

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.RECEIVED, self.Status.FORWARDED)


def complaint_beyond_one_year(*, sent_on, complained_on) -> bool:
    """fvl. § 31 third paragraph: a late complaint is never heard after one year."""
    if sent_on is None:
        return False
    try:
        one_year_on = sent_on.replace(year=sent_on.year + 1)
    except ValueError:  # 29 February
        one_year_on = sent_on.replace(year=sent_on.year + 1, day=28)
    return complained_on > one_year_on
