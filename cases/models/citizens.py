from django.conf import settings
from django.db import models


class CitizenAccount(models.Model):
    """A citizen's login: the person or a relation, known by the national id ID-porten
    vouches for (the pid claim). The user has no password and no staff role; what they may
    see follows from the id matching a plan's person or a registered relation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="citizen"
    )
    national_id = models.CharField("fødselsnummer eller D-nummer", max_length=11, unique=True)
    # The assurance level of the last login (e.g. "idporten-loa-substantial"), recorded
    # with every consent the citizen gives.
    last_acr = models.CharField("sikkerhetsnivå ved siste innlogging", max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "innbyggerkonto"
        verbose_name_plural = "innbyggerkontoer"

    def __str__(self):
        return f"Innbyggerkonto {self.pk}"
