from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models.functions import Upper


class AccessLog(models.Model):
    """Who saw, changed, exported or printed whose data, and when (Normen, faktaark 15).

    Append-only: the app and the admin never change or delete a row, and on
    PostgreSQL triggers refuse UPDATE, DELETE and TRUNCATE. The subject person is kept
    as a plain id, not a foreign key, so deleting a person never touches the log.
    """

    class Action(models.TextChoices):
        VIEW = "view", "Visning"
        CHANGE = "change", "Endring"
        EXPORT = "export", "Eksport"
        PRINT = "print", "Utskrift"
        DENIED = "denied", "Avvist forsøk"

    at = models.DateTimeField("tidspunkt", auto_now_add=True, db_index=True)
    # No index of its own on user or person_id: (user, -at) and (person_id, -at) below
    # serve every lookup by either. Each index more on each monthly partition is one more
    # the planner weighs for every partition of a query over the whole log.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name="bruker",
        db_index=False,
    )
    username = models.CharField("brukernavn", max_length=150)
    role = models.CharField("rolle", max_length=50, blank=True)
    person_id = models.BigIntegerField("person-id", null=True)
    object_type = models.CharField("objekttype", max_length=50)
    object_id = models.CharField("objekt-id", max_length=50)
    action = models.CharField("handling", max_length=10, choices=Action.choices)
    view_name = models.CharField("side", max_length=100, blank=True)
    ip_address = models.GenericIPAddressField("IP-adresse", null=True)
    request_id = models.CharField("forespørsel", max_length=36, blank=True)
    # Set only on denied rows: the minute they fall in, for the constraint below.
    denied_minute = models.DateTimeField("minutt (avvist)", null=True, editable=False)

    class Meta:
        verbose_name = "tilgangslogg"
        verbose_name_plural = "tilgangslogg"
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["user", "-at"], name="accesslog_user_at"),
            models.Index(fields=["person_id", "-at"], name="accesslog_person_at"),
            # The in-app search by user name (case-insensitive, `username__iexact`), in
            # each monthly partition.
            models.Index(Upper("username"), models.F("at").desc(), name="accesslog_username_at"),
        ]
        constraints = [
            # Probing ids must not grow the log without bound: one denied row per user,
            # object type and minute shows the probing. Writers insert with ON CONFLICT
            # DO NOTHING, so concurrent requests cannot slip a second row in either.
            models.UniqueConstraint(
                fields=["user", "object_type", "denied_minute"],
                condition=models.Q(action="denied"),
                name="accesslog_denied_once_a_minute",
            ),
        ]

    OBJECT_LABELS = {
        "case": "Sak",
        "person": "Person",
        "plan": "Plan",
        "decision": "Vedtak",
        "letter": "Brev",
        "complaint": "Klage",
        "coordinator": "Koordinator",
        "appointment": "Oppnevning",
        "dispatch": "Utsending",
        # A search by name or fødselsnummer: the id says which kind, never the term.
        "search": "Søk",
        "accesslog": "Tilgangslogg",
        # Written by the admin's read-only pages.
        "family": "Familie",
        "trainingsession": "Kursdag",
        "completion": "Fullført opplæring",
        "guidancesession": "Veiledning",
        "reminder": "Påminnelse",
    }

    def __str__(self):
        return f"{self.username} {self.get_action_display()} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("Tilgangsloggen kan ikke endres.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Tilgangsloggen kan ikke slettes.")

    @property
    def object_label(self) -> str:
        return self.OBJECT_LABELS.get(self.object_type, self.object_type)
