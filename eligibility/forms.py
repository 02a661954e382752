from django import forms

from core.forms import FreeText


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


class AnswersForm(forms.Form):
    """Every open question in one form: a question left blank is not answered yet, a
    question half answered (a yes/no without a reason, or the other way) is an error."""

    def __init__(self, *args, questions: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            key = question["key"]
            self.fields[f"answer_{key}"] = forms.TypedChoiceField(
                label="Svar",
                choices=[("ja", "Ja"), ("nei", "Nei")],
                coerce=lambda v: v == "ja",
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"reason_{key}"] = FreeText(
                label="Begrunnelse",
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        """(question, answer field, reason field) for each open question, for the template."""
        return [(q, self[f"answer_{q['key']}"], self[f"reason_{q['key']}"]) for q in self.questions]

    def clean(self):
        cleaned = super().clean()
        answered = False
        for question in self.questions:
            key = question["key"]
            answer, reason = cleaned.get(f"answer_{key}"), cleaned.get(f"reason_{key}", "")
            if answer in (None, "") and not reason:
                continue
            answered = True
            if answer in (None, ""):
                self.add_error(f"answer_{key}", "Velg ja eller nei.")
            if not reason:
                self.add_error(f"reason_{key}", "Skriv en kort begrunnelse for svaret.")
        if not answered and not self.errors:
            raise forms.ValidationError("Svar på minst ett av spørsmålene før du lagrer.")
        return cleaned

    def answers(self) -> dict[str, tuple[bool, str]]:
        return {
            q["key"]: (
                self.cleaned_data[f"answer_{q['key']}"],
                self.cleaned_data[f"reason_{q['key']}"],
            )
            for q in self.questions
            if self.cleaned_data.get(f"answer_{q['key']}") not in (None, "")
        }
