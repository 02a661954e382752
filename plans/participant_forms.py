"""Forms of the participant pages and of the coordinator's side of working together."""

from django import forms
from django.utils import timezone

from core.dates import add_years
from core.forms import DATE_INPUT, BoundedMultipleChoiceField, formfield
from core.forms import form_helper as _helper
from plans import access_rules
from plans.models import AccessConsent, GoalComment, NoticeSettings, PlanMessage, Proposal

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class CommentForm(forms.ModelForm):
    class Meta:
        model = GoalComment
        formfield_callback = formfield
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Proposal
        formfield_callback = formfield
        fields = ["kind", "text"]
        widgets = {"text": TEXTAREA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("kind", "text", submit="Send forslaget")


class MessageForm(forms.ModelForm):
    class Meta:
        model = PlanMessage
        formfield_callback = formfield
        fields = ["text", "to_everyone", "recipients", "confidential"]
        widgets = {"text": TEXTAREA, "recipients": forms.CheckboxSelectMultiple}
        field_classes = {"recipients": BoundedMultipleChoiceField}

    def __init__(self, *args, participants, may_write_confidential: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = participants
        self.fields["recipients"].label = "Til navngitte deltakere"
        self.fields["to_everyone"].required = False
        fields = ["text", "to_everyone", "recipients"]
        if may_write_confidential:
            fields.append("confidential")
        else:
            del self.fields["confidential"]
        self.helper = _helper(*fields, submit="Send meldingen")

    def clean(self):
        data = super().clean()
        if not data.get("to_everyone") and not data.get("recipients"):
            self.add_error("recipients", "Velg hvem meldingen skal til, eller send den til alle.")
        return data


class AccessConsentForm(forms.Form):
    """The owner's consent to one participant's access: what they see, and until when."""

    scope = forms.ChoiceField(
        label="Hva deltakeren får se",
        choices=AccessConsent.Scope.choices,
        widget=forms.RadioSelect,
    )
    valid_from = forms.DateField(label="Fra", widget=DATE_INPUT)
    valid_to = forms.DateField(label="Til og med", widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["valid_from"].initial = today
        self.fields["valid_to"].initial = add_years(today, 1)
        self.helper = _helper("scope", "valid_from", "valid_to", submit="Gi samtykke")

    def clean(self):
        data = super().clean()
        if "valid_from" in data and "valid_to" in data:
            for problem in access_rules.access_consent_refusals(
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                today=timezone.localdate(),
            ):
                self.add_error("valid_to", problem)
        return data


class RecordedConsentForm(AccessConsentForm):
    """The coordinator records a consent the owner gave on paper or orally."""

    given_as = forms.ChoiceField(label="Gitt av", choices=AccessConsent.GivenAs.choices)
    given_by_name = forms.CharField(label="Navn på den som samtykket", max_length=200)
    method = forms.ChoiceField(
        label="Hvordan",
        choices=[
            (AccessConsent.Method.PAPER, AccessConsent.Method.PAPER.label),
            (AccessConsent.Method.ORAL, AccessConsent.Method.ORAL.label),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            "given_as",
            "given_by_name",
            "method",
            "scope",
            "valid_from",
            "valid_to",
            submit="Registrer samtykket",
        )


class NoticeSettingsForm(forms.ModelForm):
    class Meta:
        model = NoticeSettings
        fields = ["on_message", "on_comment", "on_access"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("on_message", "on_comment", "on_access", submit="Lagre varselvalg")
