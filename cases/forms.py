from crispy_forms.layout import Fieldset
from django import forms
from django.utils import timezone

from cases import rules
from cases.models import Case, Consent, PersonService, TimelineEntry
from core.forms import DATE_INPUT, RECEIVED_DATE, TEXT, FreeText, formfield, user_label
from core.forms import form_helper as _helper


def add_case_refusals(form, data, *, origin: str) -> None:
    """The case rules (cases.rules), each on the field it is about."""
    for message in rules.requested_service_refusals(
        requests_coordinator=bool(data.get("requests_coordinator")),
        requests_child_coordinator=bool(data.get("requests_child_coordinator")),
        requests_plan=bool(data.get("requests_plan")),
    ):
        form.add_error("requests_coordinator", message)
    for message in rules.notifier_refusals(
        origin=origin, notifier_name=data.get("notifier_name") or ""
    ):
        form.add_error("notifier_name", message)


def clean_received_on(received_on):
    if received_on > timezone.localdate():
        raise forms.ValidationError("Mottatt dato kan ikke ligge fram i tid.")
    return received_on


def add_consent_scope_refusals(form, data, prefix: str = "") -> None:
    refusals = rules.consent_scope_refusals(
        covers_plan=bool(data.get(f"{prefix}covers_plan")),
        covers_sharing=bool(data.get(f"{prefix}covers_sharing")),
        sharing_with=data.get(f"{prefix}sharing_with") or "",
    )
    for field, messages in refusals.items():
        for message in messages:
            form.add_error(f"{prefix}{field}", message)


class CaseEditForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Case
        formfield_callback = formfield
        fields = [
            "requests_coordinator",
            "requests_child_coordinator",
            "requests_plan",
            "received_on",
            "caseworker",
            "notifier_name",
            "notifier_profession",
            "notifier_workplace",
            "notifier_contact",
        ]
        widgets = {"received_on": DATE_INPUT}

    def __init__(self, *args, caseworkers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = caseworkers
        self.fields["caseworker"].label_from_instance = user_label
        self.fields["version"].initial = self.instance.version
        self.helper = _helper(
            "version",
            Fieldset(
                "Hva saken gjelder",
                "requests_coordinator",
                "requests_child_coordinator",
                "requests_plan",
            ),
            Fieldset("Saksbehandling", "received_on", "caseworker"),
            Fieldset(
                "Melder",
                "notifier_name",
                "notifier_profession",
                "notifier_workplace",
                "notifier_contact",
            ),
        )

    def clean_received_on(self):
        return clean_received_on(self.cleaned_data["received_on"])

    def clean(self):
        data = super().clean()
        add_case_refusals(self, data, origin=self.instance.origin)
        return data


class CloseCaseForm(forms.Form):
    closed_reason = forms.ChoiceField(
        label="Årsak", choices=[("", "Velg årsak")] + Case.ClosedReason.choices
    )
    note = FreeText(
        label="Merknad", max_length=TEXT, widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_reason"].error_messages["required"] = "Oppgi hvorfor saken avsluttes."
        self.helper = _helper("closed_reason", "note", submit="Avslutt saken")


class ConsentForm(forms.ModelForm):
    """The giver is chosen from the case's registered parties (cases.selectors.
    consent_givers), not written in."""

    giver = forms.ChoiceField(label="Gitt av")
    enough_reason = FreeText(
        label="Hvorfor ett samtykke er nok",
        max_length=TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Når barnet har to med foreldreansvar og bare den ene har samtykket: "
        "skriv hvorfor saken likevel kan gå videre.",
    )

    class Meta:
        model = Consent
        formfield_callback = formfield
        fields = ["given_on", "form", "covers_plan", "covers_sharing", "sharing_with"]
        widgets = {"given_on": DATE_INPUT, "sharing_with": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, givers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._givers = {g.key: g for g in givers}
        self.fields["giver"].choices = [("", "Velg hvem som samtykket")] + [
            (g.key, f"{g.name} ({g.role.lower()})") for g in givers
        ]
        self.fields["giver"].error_messages["required"] = (
            "Velg hvem som samtykket. Er de ikke registrert, legg dem til under «Person og "
            "familie» først."
        )
        self.fields["given_on"].initial = timezone.localdate()
        # An electronic consent is given by the owner in the app, never noted by staff.
        self.fields["form"].choices = [(f.value, f.label) for f in Consent.STAFF_FORMS]
        self.helper = _helper(
            "giver",
            "given_on",
            "form",
            "covers_plan",
            "covers_sharing",
            "sharing_with",
            "enough_reason",
            submit="Registrer samtykke",
        )

    def clean_given_on(self):
        given_on = self.cleaned_data["given_on"]
        if given_on > timezone.localdate():
            raise forms.ValidationError("Samtykket kan ikke være gitt fram i tid.")
        return given_on

    def clean(self):
        data = super().clean()
        add_consent_scope_refusals(self, data)
        return data

    def service_arguments(self) -> dict:
        """The cleaned input as cases.consents.consent_record takes it."""
        data = dict(self.cleaned_data)
        giver = self._givers[data.pop("giver")]
        data.update(given_by=giver.given_by, given_by_name=giver.name, given_by_key=giver.key)
        return data


class ConsentEnoughForm(forms.Form):
    reason = FreeText(
        label="Hvorfor ett samtykke er nok",
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For eksempel: den andre forelderen kan ikke nås, og saken haster.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Skriv hvorfor ett samtykke er nok."
        self.helper = _helper("reason", submit="Gå videre med ett samtykke")


class WithdrawConsentForm(forms.Form):
    withdrawn_on = forms.DateField(
        label="Trukket tilbake dato", widget=DATE_INPUT, validators=[RECEIVED_DATE]
    )
    reason = FreeText(
        label="Merknad", max_length=TEXT, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["withdrawn_on"].initial = timezone.localdate()
        self.helper = _helper("withdrawn_on", "reason", submit="Trekk tilbake samtykket")

    def clean_withdrawn_on(self):
        withdrawn_on = self.cleaned_data["withdrawn_on"]
        if withdrawn_on > timezone.localdate():
            raise forms.ValidationError("Datoen kan ikke ligge fram i tid.")
        return withdrawn_on


class TimelineEntryForm(forms.ModelForm):
    class Meta:
        model = TimelineEntry
        formfield_callback = formfield
        fields = ["kind", "occurred_at", "text"]
        widgets = {
            "occurred_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "text": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.value, k.label) for k in TimelineEntry.MANUAL_KINDS]
        self.fields["occurred_at"].initial = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
        self.helper = _helper("kind", "occurred_at", "text", submit="Lagre i journalen")


class PersonServiceForm(forms.ModelForm):
    class Meta:
        model = PersonService
        formfield_callback = formfield
        fields = ["service", "provider", "status", "since", "long_term"]
        widgets = {"since": DATE_INPUT}

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.helper = _helper(
            "service", "provider", "status", "since", "long_term", submit="Legg til"
        )
