"""The forms that correct a person, a relation or a service, validated as at intake."""

from crispy_forms.layout import Fieldset
from django import forms

from cases.editing import PERSON_FIELDS, PERSON_SERVICE_FIELDS, RELATION_FIELDS
from cases.intake_forms import NationalIdField
from cases.models import Person, PersonService, Relation
from core.forms import DATE_INPUT, formfield
from core.forms import form_helper as _helper
from core.locking import STAMP_FIELD, StampedForm

POSTAL_CODE = forms.RegexField(
    label="Postnummer",
    regex=r"^\d{4}$",
    max_length=4,
    required=False,
    error_messages={"invalid": "Postnummeret har fire siffer."},
)


class PersonForm(StampedForm, forms.ModelForm):
    national_id = NationalIdField(
        required=False,
        help_text="11 siffer. Fødselsdatoen hentes fra nummeret. Tomt for et ufødt barn.",
    )
    postal_code = POSTAL_CODE

    class Meta:
        model = Person
        formfield_callback = formfield
        fields = list(PERSON_FIELDS)
        widgets = {"born_on": DATE_INPUT, "expected_on": DATE_INPUT}
        help_texts = {
            "born_on": "Bare hvis personen ikke har fødselsnummer eller D-nummer.",
            "expected_on": "For et ufødt barn.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            STAMP_FIELD,
            Fieldset("Navn og identitet", "given_name", "family_name", "national_id"),
            Fieldset("Fødsel", "born_on", "expected_on"),
            Fieldset(
                "Adresse og kontakt",
                "residence",
                "address",
                "postal_code",
                "postal_town",
                "email",
                "phone",
            ),
            Fieldset("Språk", "language", "needs_interpreter"),
        )

    def clean(self):
        data = super().clean()
        if {"national_id", "born_on", "expected_on"} & set(self.errors):
            return data
        has_number = bool(data.get("national_id"))
        if not (has_number or data.get("born_on") or data.get("expected_on")):
            self.add_error(
                "national_id",
                "Oppgi fødselsnummer eller D-nummer, fødselsdato, "
                "eller termindato for et ufødt barn.",
            )
        if (has_number or data.get("born_on")) and data.get("expected_on"):
            self.add_error("expected_on", "Termindato gjelder bare et barn som ikke er født.")
        return data

    def _post_clean(self):
        # The service derives the birth date and checks the number against other
        # people; the form leaves the model's own checks to it.
        pass


class RelationForm(StampedForm, forms.ModelForm):
    """Adding or correcting a parent, guardian or next of kin."""

    national_id = NationalIdField(
        required=False,
        help_text="11 siffer. Trengs for å logge inn med ID-porten. Kan stå tomt.",
    )

    class Meta:
        model = Relation
        formfield_callback = formfield
        fields = list(RELATION_FIELDS)

    def __init__(self, *args, submit: str = "Lagre", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(STAMP_FIELD, *RELATION_FIELDS, submit=submit)


class PersonServiceEditForm(StampedForm, forms.ModelForm):
    class Meta:
        model = PersonService
        formfield_callback = formfield
        fields = list(PERSON_SERVICE_FIELDS)
        widgets = {"since": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(STAMP_FIELD, *PERSON_SERVICE_FIELDS)
