"""The coordinator registry, training and guidance, and appointments to cases."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from cases.vocabulary import ServiceKind
from core.forms import CASEWORK_DATE, TEXT


class ServiceArea(models.Model):
    """Where coordinators are drawn from: helsestasjon, barnehage, skole, ..."""

    name = models.CharField("navn", max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    services = models.ManyToManyField(
        "cases.Service",
        blank=True,
        related_name="coordinator_areas",
        verbose_name="tjenester i området",
        help_text="Tjenestene området yter. Brukes når en storforbruker får forslag om "
        "koordinator fra tjenesten personen får mest fra.",
    )

    class Meta:
        verbose_name = "tjenesteområde"
        verbose_name_plural = "tjenesteområder"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Coordinator(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coordinator",
        verbose_name="bruker",
    )
    profession = models.CharField("yrke", max_length=100)
    workplace = models.CharField("arbeidssted", max_length=200)
    service_area = models.ForeignKey(
        ServiceArea, on_delete=models.PROTECT, related_name="coordinators", verbose_name="område"
    )
    capacity = models.PositiveSmallIntegerField("kapasitet (antall saker)", default=5)
    can_take_child_cases = models.BooleanField("kan ta barnekoordinatorsaker", default=False)
    active = models.BooleanField("aktiv", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "koordinator"
        verbose_name_plural = "koordinatorer"
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()


class Appointment(models.Model):
    """A coordinator appointed to a case. Ending one keeps it as history."""

    class Kind(models.TextChoices):
        COORDINATOR = "coordinator", ServiceKind.COORDINATOR.label
        CHILD_COORDINATOR = "child_coordinator", ServiceKind.CHILD_COORDINATOR.label

    # The granted service an appointment of each kind carries out.
    SERVICE_FOR_KIND = {
        Kind.COORDINATOR: ServiceKind.COORDINATOR,
        Kind.CHILD_COORDINATOR: ServiceKind.CHILD_COORDINATOR,
    }

    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="appointments", verbose_name="sak"
    )
    coordinator = models.ForeignKey(
        Coordinator, on_delete=models.PROTECT, related_name="appointments"
    )
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    started_on = models.DateField("fra", validators=[CASEWORK_DATE])
    ended_on = models.DateField("til", null=True, blank=True, validators=[CASEWORK_DATE])
    end_reason = models.CharField("årsak til avslutning", max_length=200, blank=True)
    applicant_wish = models.CharField("søkers ønske", max_length=200, blank=True)
    wish_followed = models.BooleanField("ønsket fulgt", null=True, blank=True)
    over_capacity_reason = models.TextField(
        "begrunnelse for overbelastning", blank=True, max_length=TEXT
    )
    training_session = models.ForeignKey(
        "TrainingSession",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="påmeldt opplæring",
        help_text="Opplæringen en koordinator uten gyldig opplæring ble meldt på.",
    )
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    notified_at = models.DateTimeField("varslet", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "oppnevning"
        verbose_name_plural = "oppnevninger"
        ordering = ["-started_on", "-id"]
        indexes = [
            models.Index(
                fields=["coordinator", "case"],
                condition=models.Q(ended_on__isnull=True),
                name="appointment_active",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind"],
                condition=models.Q(ended_on__isnull=True),
                name="one_active_appointment_per_kind",
                violation_error_message="Saken har allerede en aktiv koordinator av denne typen.",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="appointment_ends_after_start",
                violation_error_message="En oppnevning kan ikke slutte før den begynte.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.coordinator}"

    @property
    def is_active(self) -> bool:
        return self.ended_on is None


class CoordinatorWish(models.Model):
    """Who the applicant asked for as coordinator, if anyone. One per case."""

    case = models.OneToOneField(
        "cases.Case", on_delete=models.CASCADE, related_name="coordinator_wish"
    )
    coordinator = models.ForeignKey(
        Coordinator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ønsket koordinator",
    )
    description = models.CharField(
        "ønske med egne ord",
        max_length=200,
        blank=True,
        help_text="For eksempel «helsesykepleieren på helsestasjonen».",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "ønske om koordinator"
        verbose_name_plural = "ønsker om koordinator"

    def __str__(self):
        return self.text

    @property
    def text(self) -> str:
        parts = [str(self.coordinator) if self.coordinator_id else "", self.description]
        return " – ".join(p for p in parts if p)


# --- Training and guidance (opplæring og veiledning) -------------------------------


class Course(models.Model):
    """A course the KE offers; admins maintain the list."""

    name = models.CharField("navn", max_length=200, unique=True)
    description = models.TextField("beskrivelse", blank=True, max_length=TEXT)
    validity_months = models.PositiveSmallIntegerField(
        "gyldighet (måneder)",
        null=True,
        blank=True,
        help_text="Tomt betyr at opplæringen gjelder uten utløp.",
    )
    required_for_coordinator = models.BooleanField("kreves for koordinator", default=False)
    required_for_child_coordinator = models.BooleanField(
        "kreves for barnekoordinator", default=False
    )
    active = models.BooleanField("aktiv", default=True)

    class Meta:
        verbose_name = "kurs"
        verbose_name_plural = "kurs"
        ordering = ["name"]

    def __str__(self):
        return self.name


class TrainingSession(models.Model):
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="sessions", verbose_name="kurs"
    )
    held_on = models.DateField("dato", validators=[CASEWORK_DATE])
    place = models.CharField("sted", max_length=200)
    trainer = models.CharField("kursholder", max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kursdag"
        verbose_name_plural = "kursdager"
        ordering = ["held_on", "id"]

    def __str__(self):
        return f"{self.course} {self.held_on:%d.%m.%Y}"


class Attendance(models.Model):
    """A coordinator booked on a session; attending it becomes a Completion."""

    class Status(models.TextChoices):
        BOOKED = "booked", "Påmeldt"
        ATTENDED = "attended", "Deltok"
        ABSENT = "absent", "Deltok ikke"

    session = models.ForeignKey(
        TrainingSession, on_delete=models.PROTECT, related_name="attendances"
    )
    coordinator = models.ForeignKey(
        Coordinator, on_delete=models.PROTECT, related_name="attendances"
    )
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.BOOKED
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "påmelding"
        verbose_name_plural = "påmeldinger"
        ordering = ["session__held_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "coordinator"],
                name="attendance_once_per_session",
                violation_error_message="Koordinatoren er allerede meldt på denne kursdagen.",
            ),
        ]

    def __str__(self):
        return f"{self.coordinator} – {self.session} ({self.get_status_display()})"


class Completion(models.Model):
    """Completed training: from attending a session, or registered from elsewhere."""

    coordinator = models.ForeignKey(
        Coordinator, on_delete=models.PROTECT, related_name="completions"
    )
    course = models.ForeignKey(
        Course, on_delete=models.PROTECT, related_name="completions", verbose_name="kurs"
    )
    completed_on = models.DateField("fullført", validators=[CASEWORK_DATE])
    attendance = models.OneToOneField(
        Attendance, on_delete=models.PROTECT, null=True, blank=True, related_name="completion"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "fullført opplæring"
        verbose_name_plural = "fullført opplæring"
        ordering = ["-completed_on", "-id"]
        indexes = [
            # The training-expiry scan reads one date range per course.
            models.Index(fields=["course", "completed_on"], name="completion_by_course_date"),
        ]

    def __str__(self):
        return f"{self.coordinator} – {self.course} {self.completed_on:%d.%m.%Y}"


class GuidanceSession(models.Model):
    """Individual or small-group guidance (veiledning) of coordinators."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", "Individuell veiledning"
        GROUP = "group", "Veiledning i gruppe"

    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    held_on = models.DateField("dato", validators=[CASEWORK_DATE])
    guide = models.CharField("veileder", max_length=200)
    topic = models.CharField(
        "tema",
        max_length=200,
        help_text="Tema i generelle ord. Ikke skriv navn på eller opplysninger om personer "
        "koordinatorene følger opp.",
    )
    coordinators = models.ManyToManyField(
        Coordinator, related_name="guidance_sessions", verbose_name="koordinatorer"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "veiledning"
        verbose_name_plural = "veiledninger"
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.held_on:%d.%m.%Y}"
