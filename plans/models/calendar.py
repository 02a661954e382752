from django.conf import settings
from django.db import models


class CalendarFeed(models.Model):
    """A user's private iCalendar address. The token is the only key: renewing replaces it.

    Only the token's SHA-256 is kept (`plans.calendar.token_hash`); the token itself is
    shown to the user once, when it is made.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField("SHA-256 av nøkkelen", max_length=64, unique=True)
    created_at = models.DateTimeField("opprettet")
    revoked_at = models.DateTimeField("trukket tilbake", null=True, blank=True)

    class Meta:
        verbose_name = "kalenderabonnement"
        verbose_name_plural = "kalenderabonnementer"

    def __str__(self):
        return f"Kalender for {self.user}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
