from django import forms

from core.forms import FreeText
from eligibility.facts import JUDGEMENT_KEYS


class AssessmentRunForm(forms.Form):
    function_level = forms.TypedChoiceField(
        label="Funksjonsnivå (KPR/IPLOS, samlet)",
        choices=[("", "Ikke kartlagt")] + [(i, str(i)) for i in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
        help_text="1 = ingen problemer, 3 = middels til stort behov, 4–5 = omfattende behov.",
    )
    rare_diagnosis = forms.BooleanField(
        label="Sjelden diagnose med stor funksjonsnedsettelse", required=False
    )


class AnswerForm(forms.Form):
    key = forms.ChoiceField(choices=[(k, k) for k in JUDGEMENT_KEYS], widget=forms.HiddenInput)
    answer = forms.TypedChoiceField(
        label="Svar",
        choices=[("ja", "Ja"), ("nei", "Nei")],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": "Velg ja eller nei."},
    )
    reason = FreeText(
        label="Begrunnelse",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Skriv en kort begrunnelse for svaret."},
    )
