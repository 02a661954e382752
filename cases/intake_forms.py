"""Registering an application or a notification, with the person it concerns."""

from crispy_forms.layout import Fieldset
from django import forms
from django.utils import timezone

from cases import national_id
from cases.forms import add_case_refusals, add_consent_scope_refusals, clean_received_on
from cases.models import Case, Consent, Residence
from cases.vocabulary import ServiceKind
from core.forms import BIRTH_DATE, DATE_INPUT, DUE_DATE, RECEIVED_DATE, SHORT_TEXT, FreeText
from core.forms import form_helper as _helper


class NationalIdField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 13)
        kwargs.setdefault("label", "Fødselsnummer eller D-nummer")
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        try:
            return national_id.validate(value)
        except national_id.InvalidNationalId as error:
            raise forms.ValidationError(str(error)) from error


class RegistrationForm(forms.Form):
    """An application or a notification, with the person it concerns."""

    national_id = NationalIdField(
        required=False,
        help_text="11 siffer. Fødselsdato hentes fra nummeret. Tomt for et ufødt barn.",
    )
    given_name = forms.CharField(label="Fornavn", max_length=100)
    family_name = forms.CharField(label="Etternavn", max_length=100)
    born_on = forms.DateField(
        label="Fødselsdato",
        required=False,
        widget=DATE_INPUT,
        validators=[BIRTH_DATE],
        help_text="Bare hvis personen ikke har fødselsnummer eller D-nummer.",
    )
    expected_on = forms.DateField(
        label="Termindato",
        required=False,
        widget=DATE_INPUT,
        validators=[DUE_DATE],
        help_text="For et ufødt barn.",
    )
    residence = forms.ChoiceField(label="Bosted", choices=Residence.choices)
    address = forms.CharField(label="Adresse", max_length=200, required=False)
    postal_code = forms.RegexField(
        label="Postnummer",
        regex=r"^\d{4}$",
        max_length=4,
        required=False,
        error_messages={"invalid": "Postnummeret har fire siffer."},
    )
    postal_town = forms.CharField(label="Poststed", max_length=100, required=False)
    email = forms.EmailField(label="E-post", required=False)
    phone = forms.CharField(label="Telefon", max_length=30, required=False)
    language = forms.CharField(label="Språk", max_length=50, initial="norsk")
    needs_interpreter = forms.BooleanField(label="Trenger tolk", required=False)

    requests_coordinator = forms.BooleanField(label=ServiceKind.COORDINATOR.label, required=False)
    requests_child_coordinator = forms.BooleanField(
        label=ServiceKind.CHILD_COORDINATOR.label, required=False
    )
    requests_plan = forms.BooleanField(label=ServiceKind.PLAN.label, required=False)
    received_on = forms.DateField(
        label="Mottatt dato", widget=DATE_INPUT, validators=[RECEIVED_DATE]
    )

    notifier_name = forms.CharField(label="Melders navn", max_length=200, required=False)
    notifier_profession = forms.CharField(label="Melders yrke", max_length=100, required=False)
    notifier_workplace = forms.CharField(
        label="Melders arbeidssted", max_length=200, required=False
    )
    notifier_contact = forms.CharField(
        label="Melders telefon eller e-post", max_length=200, required=False
    )

    consent_given = forms.BooleanField(
        label="Samtykke er gitt",
        required=False,
        help_text="Kryss av hvis søknaden eller meldingen har samtykke fra personen eller "
        "representanten. Uten samtykke venter saken på samtykke.",
    )
    consent_given_by = forms.ChoiceField(
        label="Samtykke gitt av", choices=Consent.GivenBy.choices, required=False
    )
    consent_given_by_name = forms.CharField(
        label="Navn på den som samtykket", max_length=200, required=False
    )
    consent_form = forms.ChoiceField(
        label="Form på samtykket", choices=Consent.Form.choices, required=False
    )
    consent_covers_plan = forms.BooleanField(
        label="Samtykket gjelder å utarbeide individuell plan", required=False
    )
    consent_covers_sharing = forms.BooleanField(
        label="Samtykket gjelder deling av taushetsbelagte opplysninger", required=False
    )
    consent_sharing_with = FreeText(
        label="Hvem opplysningene kan deles med",
        max_length=SHORT_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    confirm_new_case = forms.BooleanField(
        label="Registrer en ny sak likevel",
        required=False,
        help_text="Bare hvis den åpne saken ikke kan brukes.",
    )

    def __init__(self, *args, origin: str, units=(), home_unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.origin = origin
        # The unit is asked only when there is a choice: several units of the user's own,
        # or a leader in a municipality of several. Otherwise the case goes to the
        # registering user's unit (cases.units.home_unit).
        units = list(units)
        if len(units) > 1:
            self.fields["unit"] = forms.TypedChoiceField(
                label="Enhet",
                choices=[("", "Velg enhet"), *((u.pk, u.name) for u in units)],
                coerce=int,
                initial=home_unit.pk if home_unit else None,
                error_messages={
                    "required": "Velg hvilken enhet saken hører til.",
                    "invalid_choice": "Velg en av enhetene i listen.",
                },
            )
        self.units = {u.pk: u for u in units}
        self.fields["received_on"].initial = timezone.localdate()
        is_notification = origin == Case.Origin.NOTIFICATION
        if is_notification:
            self.fields["notifier_name"].required = True
        notifier = (
            Fieldset(
                "Melder (helsepersonell)",
                "notifier_name",
                "notifier_profession",
                "notifier_workplace",
                "notifier_contact",
            )
            if is_notification
            else Fieldset("")
        )
        self.helper = _helper(
            Fieldset(
                "Personen saken gjelder",
                "national_id",
                "given_name",
                "family_name",
                "born_on",
                "expected_on",
                "residence",
                "address",
                "postal_code",
                "postal_town",
                "email",
                "phone",
                "language",
                "needs_interpreter",
            ),
            Fieldset(
                "Hva det søkes eller meldes om",
                *(["unit"] if "unit" in self.fields else []),
                "requests_coordinator",
                "requests_child_coordinator",
                "requests_plan",
                "received_on",
            ),
            notifier,
            Fieldset(
                "Samtykke",
                "consent_given",
                "consent_given_by",
                "consent_given_by_name",
                "consent_form",
                "consent_covers_plan",
                "consent_covers_sharing",
                "consent_sharing_with",
            ),
            "confirm_new_case",
            submit="Registrer sak",
        )

    def clean_expected_on(self):
        expected_on = self.cleaned_data.get("expected_on")
        if expected_on and expected_on < timezone.localdate():
            raise forms.ValidationError(
                "Termindatoen er passert. Registrer barnet med fødselsdato eller fødselsnummer."
            )
        return expected_on

    def clean_received_on(self):
        return clean_received_on(self.cleaned_data["received_on"])

    def clean(self):
        data = super().clean()
        has_number = bool(data.get("national_id"))
        identity_errors = {"national_id", "born_on", "expected_on"} & set(self.errors)
        if not identity_errors and not (
            has_number or data.get("born_on") or data.get("expected_on")
        ):
            self.add_error(
                "national_id",
                "Oppgi fødselsnummer eller D-nummer, fødselsdato, "
                "eller termindato for et ufødt barn.",
            )
        if (has_number or data.get("born_on")) and data.get("expected_on"):
            self.add_error("expected_on", "Termindato gjelder bare et barn som ikke er født.")
        add_case_refusals(self, data, origin=self.origin)
        if data.get("consent_given"):
            for name in ("consent_given_by", "consent_given_by_name", "consent_form"):
                if not data.get(name):
                    self.add_error(name, "Fyll ut dette når samtykke er gitt.")
            add_consent_scope_refusals(self, data, prefix="consent_")
        return data

    def person_fields(self) -> dict:
        d = self.cleaned_data
        born_on = national_id.birth_date(d["national_id"]) if d["national_id"] else d["born_on"]
        return {
            "given_name": d["given_name"].strip(),
            "family_name": d["family_name"].strip(),
            "born_on": born_on,
            "expected_on": d["expected_on"],
            "residence": d["residence"],
            "address": d["address"],
            "postal_code": d["postal_code"],
            "postal_town": d["postal_town"],
            "email": d["email"],
            "phone": d["phone"],
            "language": d["language"] or "norsk",
            "needs_interpreter": d["needs_interpreter"],
        }

    def case_fields(self) -> dict:
        d = self.cleaned_data
        fields = {
            "origin": self.origin,
            "received_on": d["received_on"],
            "requests_coordinator": d["requests_coordinator"],
            "requests_child_coordinator": d["requests_child_coordinator"],
            "requests_plan": d["requests_plan"],
        }
        if d.get("unit"):
            fields["unit"] = self.units[d["unit"]]
        if self.origin == Case.Origin.NOTIFICATION:
            fields.update(
                notifier_name=d["notifier_name"].strip(),
                notifier_profession=d["notifier_profession"],
                notifier_workplace=d["notifier_workplace"],
                notifier_contact=d["notifier_contact"],
            )
        return fields

    def consent_fields(self) -> dict | None:
        d = self.cleaned_data
        if not d.get("consent_given"):
            return None
        return {
            "given_by": d["consent_given_by"],
            "given_by_name": d["consent_given_by_name"],
            "given_on": d["received_on"],
            "form": d["consent_form"],
            "covers_plan": d["consent_covers_plan"],
            "covers_sharing": d["consent_covers_sharing"],
            "sharing_with": d["consent_sharing_with"],
        }
