from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from cases import national_id
from core.forms import ANY_DATE, BIRTH_DATE, DUE_DATE, TEXT


class Residence(models.TextChoices):
    REGISTERED = "registered", "Folkeregistrert i kommunen"
    STAYING = "staying", "Oppholder seg i kommunen (ikke folkeregistrert)"
    ELSEWHERE = "elsewhere", "Bor i en annen kommune"

    @property
    def is_in_municipality(self) -> bool:
        return self != Residence.ELSEWHERE


class AddressProtection(models.TextChoices):
    """Folkeregisteret's marking of an address that must not be given out."""

    NONE = "", "Ingen"
    CONFIDENTIAL = "fortrolig", "Fortrolig adresse"
    STRICTLY_CONFIDENTIAL = "strengt_fortrolig", "Strengt fortrolig adresse"


class Person(models.Model):
    """Anyone a case is about: an adult, a child or an unborn child."""

    given_name = models.CharField("fornavn", max_length=100)
    family_name = models.CharField("etternavn", max_length=100)
    national_id = models.CharField(
        "fødselsnummer eller D-nummer",
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        help_text="11 siffer. Tomt for et ufødt barn.",
    )
    born_on = models.DateField("fødselsdato", null=True, blank=True, validators=[BIRTH_DATE])
    expected_on = models.DateField("termindato", null=True, blank=True, validators=[DUE_DATE])
    address = models.CharField("adresse", max_length=200, blank=True)
    postal_code = models.CharField("postnummer", max_length=4, blank=True)
    postal_town = models.CharField("poststed", max_length=100, blank=True)
    # As Folkeregisteret marks it. A protected address is never shown, listed or printed;
    # letters to the person's household go through SvarUt only.
    address_protection = models.CharField(
        "adressebeskyttelse",
        max_length=20,
        choices=AddressProtection.choices,
        default=AddressProtection.NONE,
        blank=True,
    )
    residence = models.CharField(
        "bosted", max_length=20, choices=Residence.choices, default=Residence.REGISTERED
    )
    email = models.EmailField("e-post", blank=True)
    phone = models.CharField("telefon", max_length=30, blank=True)
    language = models.CharField("språk", max_length=50, default="norsk")
    needs_interpreter = models.BooleanField("trenger tolk", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "personer"
        ordering = ["family_name", "given_name"]
        indexes = [models.Index(fields=["family_name", "given_name"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(born_on__isnull=False) | models.Q(expected_on__isnull=False),
                name="person_born_or_expected",
                violation_error_message="Oppgi fødselsdato eller termindato.",
            ),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("cases:person_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def has_protected_address(self) -> bool:
        return self.address_protection != AddressProtection.NONE

    @property
    def is_unborn(self) -> bool:
        return self.born_on is None and self.expected_on is not None

    @property
    def masked_national_id(self) -> str:
        return national_id.mask(self.national_id)

    def clean(self):
        if self.national_id:
            self.national_id = national_id.compact(self.national_id)
            self.born_on = national_id.birth_date(self.national_id)
            self.expected_on = None


class Relation(models.Model):
    """A guardian, next of kin or other representative of a person."""

    class Role(models.TextChoices):
        PARENT = "parent", "Forelder med foreldreansvar"
        GUARDIAN = "guardian", "Verge"
        NEXT_OF_KIN = "next_of_kin", "Pårørende"
        REPRESENTATIVE = "representative", "Annen representant (med fullmakt)"

    PARTY_ROLES = (Role.PARENT, Role.GUARDIAN)

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="relations", verbose_name="person"
    )
    name = models.CharField("navn", max_length=200)
    role = models.CharField("rolle", max_length=20, choices=Role.choices)
    # How a parent or guardian logging in with ID-porten is recognised (the pid claim):
    # never by name.
    national_id = models.CharField(
        "fødselsnummer eller D-nummer",
        max_length=11,
        blank=True,
        help_text="11 siffer. Trengs for å logge inn med ID-porten.",
    )
    phone = models.CharField("telefon", max_length=30, blank=True)
    email = models.EmailField("e-post", blank=True)
    address = models.CharField("adresse", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "relasjon"
        verbose_name_plural = "relasjoner"
        ordering = ["role", "name"]
        indexes = [
            models.Index(
                fields=["national_id"],
                condition=~models.Q(national_id=""),
                name="relation_national_id",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"

    @property
    def is_party(self) -> bool:
        """Parents with parental responsibility and guardians are parties (fvl. § 2)."""
        return self.role in self.PARTY_ROLES


class Family(models.Model):
    """A barnekoordinator is granted to the family, not to the child alone."""

    name = models.CharField("navn", max_length=200, help_text="For eksempel «Familien Hansen».")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "familie"
        verbose_name_plural = "familier"
        ordering = ["name"]

    def __str__(self):
        return self.name


class FamilyMember(models.Model):
    class Role(models.TextChoices):
        CHILD = "child", "Barn"
        SIBLING = "sibling", "Søsken"
        GUARDIAN = "guardian", "Forelder/verge"

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="family_memberships")
    role = models.CharField("rolle", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "familiemedlem"
        verbose_name_plural = "familiemedlemmer"
        constraints = [
            models.UniqueConstraint(fields=["family", "person"], name="family_member_once"),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}"


class Service(models.Model):
    """An entry in the service catalogue, maintained by admins."""

    class Category(models.TextChoices):
        MUNICIPAL_HEALTH_CARE = "municipal_health_care", "Kommunal helse- og omsorgstjeneste"
        SPECIALIST_HEALTH_CARE = "specialist_health_care", "Spesialisthelsetjeneste"
        MENTAL_HEALTH_CARE = "mental_health_care", "Psykisk helsevern"
        WELFARE = "welfare", "Annen velferdstjeneste (ikke helse- og omsorgstjeneste)"

        @property
        def is_health_and_care(self) -> bool:
            return self != Service.Category.WELFARE

    name = models.CharField("navn", max_length=200, unique=True)
    category = models.CharField("kategori", max_length=30, choices=Category.choices)
    description = models.TextField("beskrivelse", blank=True, max_length=TEXT)
    active = models.BooleanField("aktiv", default=True)

    class Meta:
        verbose_name = "tjeneste"
        verbose_name_plural = "tjenestekatalog"
        ordering = ["name"]

    def __str__(self):
        return self.name


class PersonService(models.Model):
    """A service the person receives, has applied for, or is expected to need."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Mottar"
        APPLIED = "applied", "Søkt om"
        EXPECTED = "expected", "Forventet behov"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="services")
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="+", verbose_name="tjeneste"
    )
    provider = models.CharField("tjenesteyter", max_length=200, blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices)
    since = models.DateField("fra dato", null=True, blank=True, validators=[ANY_DATE])
    long_term = models.BooleanField("langvarig", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "tjeneste for person"
        verbose_name_plural = "tjenester for person"
        ordering = ["service__name"]
        constraints = [
            models.UniqueConstraint(fields=["person", "service"], name="person_service_once"),
        ]

    def __str__(self):
        return f"{self.service} ({self.get_status_display()})"
