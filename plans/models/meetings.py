"""What keeps an individual plan going: the responsibility group's meetings, their action
points, and the evaluations. Meetings and evaluations are activity in the plan
(plans/models/activity.py), each indexed by plan and date for the daily repair of it.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from core.forms import LONG_TEXT, typed_date, typed_text
from plans.models.activity import CountsAsActivity
from plans.models.plan import Plan


class Meeting(CountsAsActivity, models.Model):
    """A responsibility-group (ansvarsgruppe) meeting. The group has no decision authority."""

    activity_fields = ("held_on", "created_at")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="meetings")
    held_on = typed_date("dato")
    place = models.CharField("sted", max_length=200)
    attendees = typed_text("hvem som møtte", blank=True, help_text="Navn og rolle.")
    agenda = typed_text("saksliste", blank=True)
    minutes = typed_text("referat", blank=True, max_length=LONG_TEXT)
    agreements = typed_text(
        "omforente avtaler",
        blank=True,
        help_text="Ansvarsgruppen har ingen vedtaksmyndighet. Skriv det gruppen ble enige om; "
        "tjenester tildeles bare ved vedtak fra den enkelte tjenesten.",
    )
    next_meeting_on = typed_date("neste møte", null=True, blank=True)
    next_meeting_at = models.TimeField(
        "klokkeslett for neste møte",
        null=True,
        blank=True,
        help_text="Vises i kalenderen; uten klokkeslett blir møtet en heldagsoppføring.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="skrevet av",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "ansvarsgruppemøte"
        verbose_name_plural = "ansvarsgruppemøter"
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["plan", "held_on"], name="meeting_by_plan_held"),
            models.Index(fields=["plan", "created_at"], name="meeting_by_plan_created"),
            # Action points reach their plan through the meeting: an index-only probe.
            models.Index(fields=["id"], include=["plan"], name="meeting_plan_by_id"),
            # Next meetings due (plans.due): only the meetings that agreed on one.
            models.Index(
                fields=["next_meeting_on"],
                condition=Q(next_meeting_on__isnull=False),
                name="meeting_next_by_date",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_meeting_on__isnull=True) | Q(next_meeting_on__gt=F("held_on")),
                name="meeting_next_after_this",
                violation_error_message="Neste møte må være etter dette møtet.",
            ),
        ]

    def __str__(self):
        return f"Møte {self.held_on:%d.%m.%Y}"


class ActionPoint(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_points")
    what = models.CharField("hva", max_length=300)
    who = models.CharField("hvem", max_length=200)
    # Set when the one responsible is a user here; they get the reminder, else the coordinator.
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ansvarlig bruker",
    )
    due_on = typed_date("innen", null=True, blank=True)
    done = models.BooleanField("utført", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "oppfølgingspunkt"
        verbose_name_plural = "oppfølgingspunkter"
        ordering = ["due_on", "id"]
        indexes = [
            # The daily scan for overdue points reads only the open ones with a date.
            models.Index(
                fields=["due_on"],
                condition=Q(done=False, due_on__isnull=False),
                name="action_point_open_by_due",
            ),
        ]

    def __str__(self):
        return self.what


class Evaluation(CountsAsActivity, models.Model):
    activity_fields = ("held_on", "created_at")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="evaluations")
    held_on = typed_date("evaluert dato")
    what_worked = typed_text("hva har fungert")
    what_changes = typed_text("hva endres", blank=True)
    next_evaluation_on = typed_date("neste evaluering")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="skrevet av",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "evaluering"
        verbose_name_plural = "evalueringer"
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["plan", "held_on"], name="evaluation_by_plan_held"),
            models.Index(fields=["plan", "created_at"], name="evaluation_by_plan_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_evaluation_on__gt=F("held_on")),
                name="evaluation_next_after_this",
                violation_error_message="Neste evaluering må være etter denne.",
            ),
        ]

    def __str__(self):
        return f"Evaluering {self.held_on:%d.%m.%Y}"
