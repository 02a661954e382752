"""Forms only check and tidy input; the services decide."""

from crispy_forms.helper import FormHelper
from django import forms

from cases import legal
from cases.vocabulary import ServiceKind
from core.forms import DATE_INPUT, LONG_TEXT, RECEIVED_DATE, TEXT, FreeText, formfield
from core.locking import StampedForm
from decisions.models import Complaint, Decision

LONG_ROWS = {"rows": 6}
LATE_REASON_HELP = f"Fylles ut når klagen kom etter fristen ({legal.citation('late_complaint')})."


class NamedErrors:
    """Error messages that name their field, in Norwegian.

    The errors are shown at each field, but a summary or a screen reader reads them out of
    place too: "Fyll ut «Klager»." says what to do where "Feltet er påkrevet." does not.
    Textarea line breaks are stored as "\n" whatever the browser sends.

    The templates write their own <form> and {% csrf_token %}; the helper says so, so
    that `{% crispy form %}` would not add a second form tag or token (the `|crispy`
    filter the templates use adds neither).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self._name_errors()

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = value.replace("\r\n", "\n").replace("\r", "\n")
        return cleaned

    def _name_errors(self) -> None:
        for field in self.fields.values():
            label = field.label or ""
            if isinstance(field, forms.ChoiceField):
                field.error_messages["required"] = f"Velg «{label}»."
                field.error_messages["invalid_choice"] = f"Velg en av verdiene i «{label}»."
            else:
                field.error_messages["required"] = f"Fyll ut «{label}»."
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = f"«{label}» må være en gyldig dato."


class DraftForm(NamedErrors, forms.Form):
    service = forms.ChoiceField(label="Vedtaket gjelder")

    def __init__(self, *args, services: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [(s, ServiceKind(s).label) for s in services]


class DecisionForm(StampedForm, NamedErrors, forms.ModelForm):
    """The stamp comes after NamedErrors has named the fields' errors: it has its own."""

    class Meta:
        model = Decision
        formfield_callback = formfield
        fields = [
            "outcome",
            "starts_on",
            "legal_basis",
            "facts",
            "reasons",
            "granted_part",
            "refused_part",
        ]
        widgets = {
            "granted_part": forms.Textarea(attrs={"rows": 3}),
            "refused_part": forms.Textarea(attrs={"rows": 4}),
            "starts_on": DATE_INPUT,
            "legal_basis": forms.Textarea(attrs={"rows": 5}),
            "facts": forms.Textarea(attrs=LONG_ROWS),
            "reasons": forms.Textarea(attrs=LONG_ROWS),
        }
        labels = {
            "outcome": "Utfall",
            "starts_on": "Gjelder fra",
            "legal_basis": "Hjemmel (reglene vedtaket bygger på, med innhold)",
            "facts": "Faktiske forhold vedtaket bygger på",
            "reasons": "Begrunnelse",
            "granted_part": "Dette innvilges (ved delvis innvilget)",
            "refused_part": "Dette avslås, og hvorfor (ved delvis innvilget)",
        }
        help_texts = {
            "reasons": "Ta med hovedhensynene i skjønnsvurderingene "
            f"({legal.citation('reasons_content')}). Endrer du utfallet uten å endre "
            "begrunnelsen, skrives den på nytt ut fra vurderingen.",
            "granted_part": "Skriv nøyaktig hva som innvilges.",
            "refused_part": "Skriv nøyaktig hva som avslås, og begrunnelsen for det.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The service checks these too, with a Norwegian message; here they just must exist.
        for name in ("legal_basis", "facts", "reasons"):
            self.fields[name].required = True
            self.fields[name].strip = True


class ReceivedForm(NamedErrors, forms.Form):
    prefix = "mottatt"  # several forms share a page; ids must stay unique

    received_on = forms.DateField(
        label="Faktisk mottatt",
        widget=DATE_INPUT,
        validators=[RECEIVED_DATE],
        help_text="Dagen parten fikk brevet, hvis den er kjent.",
    )
    letter = forms.TypedChoiceField(
        label="Brevet",
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Klagefristen regnes for hvert brev fra den dagen mottakeren fikk det.",
    )

    def __init__(self, *args, letters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.letters = {letter.pk: letter for letter in letters}
        self.fields["letter"].choices = [("", "Alle brevene")] + [
            (pk, f"Brevet til {letter.recipient_name}") for pk, letter in self.letters.items()
        ]

    @property
    def chosen_letter(self):
        return self.letters.get(self.cleaned_data.get("letter"))


class ComplaintForm(NamedErrors, forms.ModelForm):
    """Who complains is chosen from the case's parties (selectors.recipients), so the copy
    of a forwarding letter reaches them; what the complaint is on: the decision, or the
    KE's rejection of an earlier complaint."""

    prefix = "klage"

    party = forms.ChoiceField(label="Klager", help_text="Partene i saken.")
    on = forms.ChoiceField(label="Klagen gjelder", required=False)

    class Meta:
        model = Complaint
        formfield_callback = formfield
        fields = ["received_on", "posted_on", "summary", "late_reason"]
        widgets = {
            "received_on": DATE_INPUT,
            "posted_on": DATE_INPUT,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "late_reason": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {
            "received_on": "Mottatt hos oss",
            "posted_on": "Postlagt (poststempel)",
            "summary": "Hva klagen gjelder",
            "late_reason": "Hvorfor klagen likevel behandles",
        }
        help_texts = {
            "posted_on": "For klage i posten. En klage postlagt innen fristen er kommet i tide.",
            "late_reason": LATE_REASON_HELP,
        }

    field_order = ["party", "on", "received_on", "posted_on", "summary", "late_reason"]

    def __init__(self, *args, parties=(), rejected=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._names = {p.key: p.name for p in parties}
        self.fields["party"].choices = [("", "Velg klager")] + [
            (p.key, f"{p.name} ({p.role.lower()})") for p in parties
        ]
        self._rejected = {str(c.pk): c for c in rejected}
        if self._rejected:
            self.fields["on"].choices = [("", "Vedtaket")] + [
                (pk, f"Avvisningen av klagen fra {c.complainant}, {c.rejected_on:%d.%m.%Y}")
                for pk, c in self._rejected.items()
            ]
        else:
            del self.fields["on"]

    def service_arguments(self) -> dict:
        """The cleaned input as complaints.complaint_register takes it."""
        data = dict(self.cleaned_data)
        key = data.pop("party")
        data["complainant_key"], data["complainant"] = key, self._names[key]
        data["on_rejection"] = self._rejected.get(data.pop("on", "") or "")
        return data


class RejectForm(NamedErrors, forms.Form):
    prefix = "avvis"

    ground = forms.ChoiceField(
        label="Hvorfor klagen avvises", choices=Complaint.RejectionGround.choices
    )
    reasons = FreeText(
        label="Begrunnelse",
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Står i vedtaket om avvisning, som sendes til alle partene.",
    )


class RejectionReverseForm(NamedErrors, forms.Form):
    prefix = "omgjor-avvisning"

    ke_assessment = FreeText(
        label="Vurdering av klagen på avvisningen",
        max_length=LONG_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ForwardForm(NamedErrors, forms.Form):
    prefix = "oversend"

    ke_assessment = FreeText(
        label="Koordinerende enhets vurdering av klagen",
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Hvorfor vedtaket opprettholdes. Står i oversendelsesbrevet.",
    )
    late_reason = FreeText(
        label="Hvorfor klagen likevel behandles",
        max_length=TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=LATE_REASON_HELP,
    )


class ReverseForm(NamedErrors, forms.Form):
    prefix = "omgjor"

    outcome = forms.ChoiceField(label="Utfall i nytt vedtak", choices=Decision.Outcome.choices)
    reasons = FreeText(
        label="Begrunnelse", max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 5})
    )
    ke_assessment = FreeText(
        label="Vurdering av klagen",
        max_length=LONG_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    late_reason = FreeText(
        label="Hvorfor klagen likevel behandles",
        max_length=TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=LATE_REASON_HELP,
    )


class ResultForm(NamedErrors, forms.Form):
    prefix = "resultat"

    result = forms.ChoiceField(
        label="Statsforvalterens avgjørelse", choices=Complaint.Result.choices
    )
    result_on = forms.DateField(
        label="Dato for avgjørelsen", widget=DATE_INPUT, validators=[RECEIVED_DATE]
    )
    notes = FreeText(
        label="Merknader", max_length=TEXT, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
