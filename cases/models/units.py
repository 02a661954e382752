from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from core.forms import SHORT_TEXT


class Unit(models.Model):
    """A koordinerende enhet of its own within the municipality: a district (bydel) or an
    age group. A case belongs to one; caseworkers see their units' cases.

    Exactly one unit is the default: the one a small municipality has alone, the home of
    staff who belong to no unit, and the source of the letterhead's fallback. Reference
    data, edited in the admin.
    """

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", "Hele kommunen"
        DISTRICT = "district", "Bydel / distrikt"
        AGE_GROUP = "age_group", "Aldersgruppe"

    name = models.CharField(
        "navn",
        max_length=200,
        unique=True,
        help_text="Slik det står i brevhodet, f.eks. «Koordinerende enhet, bydel Frogner».",
    )
    kind = models.CharField(
        "inndeling", max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY
    )
    # The letterhead; blank fields fall back to the settings (KE_ADDRESS, ...).
    address = models.CharField(
        "adresse",
        max_length=SHORT_TEXT,
        blank=True,
        help_text="Postadressen i brevhodet, og dit klager sendes. Tom: kommunens felles.",
    )
    phone = models.CharField("telefon", max_length=40, blank=True)
    email = models.EmailField("e-post", blank=True)
    is_default = models.BooleanField(
        "standardenhet",
        default=False,
        help_text="Enheten for ansatte uten enhet. Det er alltid nøyaktig én.",
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="ke_units",
        verbose_name="ansatte",
        help_text="Saksbehandlere som ser enhetens saker. Ledere ser hele kommunen.",
    )

    class Meta:
        verbose_name = "enhet"
        verbose_name_plural = "enheter"
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="unit_one_default",
                violation_error_message="Det kan bare være én standardenhet.",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.pk and not self.is_default:
            was_default = Unit.objects.filter(pk=self.pk, is_default=True).exists()
            if was_default:
                raise ValidationError(
                    {
                        "is_default": "Det må være én standardenhet. Gjør en annen enhet "
                        "til standardenhet i stedet."
                    }
                )
