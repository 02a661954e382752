from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from coordinators.models import (
    Appointment,
    Coordinator,
    Course,
    GuidanceSession,
    ServiceArea,
    TrainingSession,
)
from core.forms import CASEWORK_DATE, DATE_INPUT, TEXT, FreeText, form_helper, formfield
from core.locking import EditStampField, StampedForm


def _helper(*fields, submit="Lagre", form_tag=True):
    return form_helper(*fields, submit=submit, form_tag=form_tag)


class CoordinatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} ({obj.service_area})"


def active_coordinators():
    return Coordinator.objects.filter(active=True).select_related("user", "service_area")


class CoordinatorForm(StampedForm, forms.ModelForm):
    # What an edit changes (coordinators.services.COORDINATOR_FIELDS); the user is fixed.
    stamp_fields = (
        "profession",
        "workplace",
        "service_area",
        "capacity",
        "can_take_child_cases",
        "active",
    )

    class Meta:
        model = Coordinator
        formfield_callback = formfield
        fields = [
            "user",
            "profession",
            "workplace",
            "service_area",
            "capacity",
            "can_take_child_cases",
            "active",
        ]
        help_texts = {
            "user": "Brukeren opprettes av administrator. Bare brukere som ikke alt er "
            "koordinatorer, vises.",
            "capacity": "Hvor mange saker koordinatoren kan ha samtidig innenfor vanlig "
            "arbeidstid.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["user"]
        else:
            self.fields["user"].queryset = (
                get_user_model()
                .objects.filter(is_active=True, coordinator__isnull=True)
                .order_by("last_name", "first_name")
            )
            self.fields["user"].label_from_instance = lambda u: (
                f"{u.get_full_name() or u.get_username()} ({u.get_username()})"
            )
        self.fields["service_area"].queryset = ServiceArea.objects.all()
        self.helper = _helper(*self.fields, submit="Lagre koordinator")


class WishForm(forms.Form):
    coordinator = CoordinatorChoiceField(
        label="Ønsket koordinator",
        queryset=Coordinator.objects.select_related("user", "service_area"),
        required=False,
        empty_label="Ingen i registeret",
        help_text="Velg personen hvis søkeren ønsket en som står i koordinatorregisteret.",
    )
    description = forms.CharField(
        label="Ønsket med søkerens ord",
        max_length=200,
        required=False,
        help_text="Tomme felt fjerner ønsket.",
    )
    # The stamp of the wish shown (coordinators.services.wish_stamp).
    edit_stamp = EditStampField(required=False)

    def __init__(self, *args, offered=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["coordinator"]
        if offered is not None:
            # Only these are drawn; any coordinator in the registry is still accepted.
            field.widget.choices = [("", field.empty_label)] + [
                (c.pk, field.label_from_instance(c)) for c in offered
            ]
        self.helper = _helper("edit_stamp", "coordinator", "description", submit="Lagre ønsket")


class AppointmentForm(forms.Form):
    coordinator = forms.ModelChoiceField(
        label="Koordinator",
        queryset=Coordinator.objects.select_related("user"),
        widget=forms.RadioSelect,
        error_messages={"required": "Velg en koordinator fra forslagene."},
    )
    kind = forms.ChoiceField(choices=Appointment.Kind.choices, widget=forms.HiddenInput)
    replaces = forms.ModelChoiceField(
        queryset=Appointment.objects.all(),
        required=False,
        widget=forms.HiddenInput,
    )
    started_on = forms.DateField(label="Fra dato", widget=DATE_INPUT, validators=[CASEWORK_DATE])
    training_session = forms.ModelChoiceField(
        label="Meld på kursdag",
        queryset=TrainingSession.objects.none(),
        required=False,
        empty_label="Ingen påmelding",
        help_text="Påkrevd hvis koordinatoren mangler gyldig opplæring for koordinator.",
    )
    over_capacity_reason = FreeText(
        label="Begrunnelse hvis koordinatoren har full kapasitet",
        max_length=TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started_on"].initial = timezone.localdate()
        if sessions is not None:
            self.fields["training_session"].queryset = sessions
            self.fields["training_session"].label_from_instance = lambda s: (
                f"{s.course} {s.held_on:%d.%m.%Y}, {s.place}"
            )
        # The coordinator radios are drawn with the suggestions, in the template.
        self.helper = _helper(
            "started_on",
            "training_session",
            "over_capacity_reason",
            submit="Oppnevn",
            form_tag=False,
        )
        self.helper.disable_csrf = True


class EndAppointmentForm(forms.Form):
    ended_on = forms.DateField(label="Sluttdato", widget=DATE_INPUT, validators=[CASEWORK_DATE])
    reason = forms.CharField(label="Årsak", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].initial = timezone.localdate()
        self.helper = _helper("ended_on", "reason", submit="Avslutt oppnevningen")


class TrainingSessionForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        formfield_callback = formfield
        fields = ["course", "held_on", "place", "trainer"]
        widgets = {"held_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.filter(active=True)
        self.helper = _helper(*self.fields, submit="Legg til kursdag")


class BookingForm(forms.Form):
    coordinator = CoordinatorChoiceField(label="Koordinator", queryset=active_coordinators())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = active_coordinators()
        self.helper = _helper("coordinator", submit="Meld på")


class CompletionForm(forms.Form):
    course = forms.ModelChoiceField(label="Kurs", queryset=Course.objects.all())
    completed_on = forms.DateField(
        label="Fullført dato", widget=DATE_INPUT, validators=[CASEWORK_DATE]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("course", "completed_on", submit="Registrer fullført opplæring")


class GuidanceForm(forms.ModelForm):
    class Meta:
        model = GuidanceSession
        formfield_callback = formfield
        fields = ["kind", "held_on", "guide", "topic", "coordinators"]
        widgets = {"held_on": DATE_INPUT, "coordinators": forms.CheckboxSelectMultiple}

    def __init__(self, *args, offered=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()
        field = self.fields["coordinators"]
        field.queryset = active_coordinators()
        if offered is not None:
            # A checkbox per coordinator would be thousands: these few are drawn (found by
            # name on the page), with any already ticked; every active one is accepted.
            ticked = [v for v in self.data.getlist("coordinators") if v.isdigit() and len(v) < 19][
                :50
            ]
            chosen = list(field.queryset.filter(pk__in=ticked)) if ticked else []
            drawn = chosen + [c for c in offered if c not in chosen]
            field.widget.choices = [(c.pk, field.label_from_instance(c)) for c in drawn]
        self.helper = _helper(*self.fields, submit="Registrer veiledning")
