"""Participants working in the plan: their accounts, the owner's consent to each one's
access, and what they write in the plan (comments, proposals, messages)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from core.forms import typed_date, typed_text
from plans.models.activity import CountsAsActivity


class ParticipantAccount(models.Model):
    """Marks a user as a participant from another service (school, NAV, the GP office):
    no staff role, and only the participant pages. Set up by an invitation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participant_account"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "deltakerkonto"
        verbose_name_plural = "deltakerkontoer"

    def __str__(self):
        return f"Deltakerkonto {self.pk}"


class Invitation(models.Model):
    """A one-time link to set the password of a participant account. Only the token's
    SHA-256 is kept; the token travels in the email alone."""

    participant = models.ForeignKey(
        "plans.Participant", on_delete=models.CASCADE, related_name="invitations"
    )
    token_hash = models.CharField("SHA-256 av nøkkelen", max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("sendt")
    expires_at = models.DateTimeField("utløper")
    used_at = models.DateTimeField("brukt", null=True, blank=True)

    class Meta:
        verbose_name = "invitasjon"
        verbose_name_plural = "invitasjoner"

    def __str__(self):
        return f"Invitasjon {self.pk}"


class AccessConsent(models.Model):
    """The plan owner's consent to one participant's access (F1256 § 19), with a scope
    and a period. Changing it withdraws the old row and writes a new one."""

    class Scope(models.TextChoices):
        PLAN = "plan", "Planen uten taushetsbelagte opplysninger"
        CONFIDENTIAL = "confidential", "Planen med taushetsbelagte opplysninger"

    class GivenAs(models.TextChoices):
        PERSON = "person", "Planeieren selv"
        PARENT = "parent", "Forelder med foreldreansvar"
        GUARDIAN = "guardian", "Verge"

    class Method(models.TextChoices):
        IDPORTEN = "idporten", "Innlogget med ID-porten"
        PAPER = "paper", "På papir"
        ORAL = "oral", "Muntlig"

    participant = models.ForeignKey(
        "plans.Participant", on_delete=models.CASCADE, related_name="access_consents"
    )
    scope = models.CharField("omfang", max_length=20, choices=Scope.choices)
    valid_from = typed_date("fra")
    valid_to = typed_date("til og med", help_text="Tilgangen opphører etter denne datoen.")
    given_as = models.CharField("gitt av", max_length=20, choices=GivenAs.choices)
    given_by_name = models.CharField("navn på den som samtykket", max_length=200)
    method = models.CharField("hvordan", max_length=20, choices=Method.choices)
    # The ID-porten assurance level of the login the consent was given in.
    acr = models.CharField("sikkerhetsnivå", max_length=40, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="registrert av",
    )
    given_at = models.DateTimeField("registrert")
    withdrawn_at = models.DateTimeField("trukket tilbake", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="trukket tilbake av",
    )
    withdrawn_reason = typed_text("merknad", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "samtykke til tilgang"
        verbose_name_plural = "samtykker til tilgang"
        ordering = ["-given_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_access_consent_in_force",
                violation_error_message="Deltakeren har allerede et samtykke som gjelder.",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")),
                name="access_consent_ends_after_start",
                violation_error_message="Tilgangen kan ikke slutte før den begynner.",
            ),
            models.CheckConstraint(
                condition=~Q(method="idporten") | ~Q(acr=""),
                name="access_consent_idporten_has_level",
                violation_error_message="Et samtykke gitt i ID-porten må ha sikkerhetsnivået.",
            ),
        ]

    def __str__(self):
        return f"Samtykke til tilgang ({self.get_scope_display().lower()})"

    @property
    def how(self) -> str:
        if self.method == self.Method.IDPORTEN:
            return f"{self.get_method_display()} ({self.acr})"
        return self.get_method_display()


class _Written(models.Model):
    """What a participant writes in the plan: who wrote it (name kept as it was) and when."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="av"
    )
    author_name = models.CharField("skrevet av", max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]


class GoalComment(_Written):
    goal = models.ForeignKey("plans.Goal", on_delete=models.CASCADE, related_name="comments")
    text = typed_text("kommentar")

    class Meta(_Written.Meta):
        verbose_name = "kommentar til mål"
        verbose_name_plural = "kommentarer til mål"

    def __str__(self):
        return f"Kommentar {self.pk}"


class Proposal(_Written):
    class Kind(models.TextChoices):
        GOAL = "goal", "Forslag til nytt mål"
        CHANGE = "change", "Forslag til endring"

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField("type", max_length=10, choices=Kind.choices)
    text = typed_text("forslag")

    class Meta(_Written.Meta):
        verbose_name = "forslag"
        verbose_name_plural = "forslag"

    def __str__(self):
        return f"Forslag {self.pk}"


class PlanMessage(CountsAsActivity, _Written):
    """A message inside the plan. It never leaves the app: a notice says only that one came."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="messages")
    to_everyone = models.BooleanField("til alle deltakerne", default=True)
    recipients = models.ManyToManyField(
        "plans.Participant", blank=True, related_name="+", verbose_name="til"
    )
    confidential = models.BooleanField(
        "inneholder taushetsbelagte opplysninger",
        default=False,
        help_text="Vises bare for deltakere med samtykke til taushetsbelagte opplysninger.",
    )
    text = typed_text("melding")

    class Meta(_Written.Meta):
        verbose_name = "melding i planen"
        verbose_name_plural = "meldinger i planen"
        indexes = [models.Index(fields=["plan", "created_at"], name="planmessage_by_plan_created")]

    def __str__(self):
        return f"Melding {self.pk}"


class NoticeSettings(models.Model):
    """Which email notices a user wants. A notice says that something happened and links
    to it; it never carries the content."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_settings"
    )
    on_message = models.BooleanField("nye meldinger til meg", default=True)
    on_comment = models.BooleanField(
        "kommentarer og forslag i planer jeg koordinerer", default=True
    )
    on_access = models.BooleanField("endringer i min tilgang til en plan", default=True)

    class Meta:
        verbose_name = "varselvalg"
        verbose_name_plural = "varselvalg"

    def __str__(self):
        return f"Varselvalg {self.pk}"
