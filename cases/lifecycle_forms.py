"""Reopening a case, and handing cases over to another caseworker."""

from django import forms

from cases.models import Case
from core.forms import TEXT, BoundedMultipleChoiceField, FreeText, user_label
from core.forms import form_helper as _helper


class ReopenForm(forms.Form):
    reason = FreeText(
        label="Hvorfor saken gjenåpnes",
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Står i journalen. For eksempel: ny melding om samme behov.",
        error_messages={"required": "Oppgi hvorfor saken gjenåpnes."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("reason", submit="Gjenåpne saken")


class CaseworkerField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return user_label(obj)


class CaseChoiceField(BoundedMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number} – {obj.person.full_name} ({obj.get_status_display().lower()})"


class HandOverFromForm(forms.Form):
    """Step one, by GET: whose cases."""

    fra = CaseworkerField(label="Saker til", queryset=None, empty_label="Velg saksbehandler")

    def __init__(self, *args, caseworkers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fra"].queryset = caseworkers


class HandOverForm(forms.Form):
    """Step two: which of them, and to whom."""

    cases = CaseChoiceField(
        label="Saker som overføres",
        queryset=Case.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Velg minst én sak."},
    )
    to = CaseworkerField(
        label="Overføres til",
        queryset=None,
        empty_label="Velg saksbehandler",
        error_messages={"required": "Velg hvem sakene overføres til."},
    )
    note = FreeText(
        label="Merknad i journalen",
        max_length=TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For eksempel: «Overført under ferie, til og med 15. juli.»",
    )

    def __init__(self, *args, cases, caseworkers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases
        self.fields["cases"].initial = [case.pk for case in cases]
        self.fields["to"].queryset = caseworkers
        self.helper = _helper("cases", "to", "note", submit="Overfør sakene")


class MoveForm(forms.Form):
    """Moving a case to another KE unit."""

    unit = forms.ModelChoiceField(
        label="Til enhet",
        queryset=None,
        empty_label="Velg enhet",
        error_messages={
            "required": "Velg enheten saken skal flyttes til.",
            "invalid_choice": "Velg en av enhetene i listen.",
        },
    )
    reason = FreeText(
        label="Hvorfor saken flyttes",
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Står i journalen. For eksempel: personen har flyttet til en annen bydel.",
        error_messages={"required": "Oppgi hvorfor saken flyttes."},
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.helper = _helper("unit", "reason", submit="Flytt saken")
