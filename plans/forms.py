"""Forms check and tidy input; the rules live in plans/rules.py and the services."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset
from django import forms
from django.utils import timezone

from cases.models import Relation
from core.forms import DATE_INPUT, TEXT, FreeText, formfield
from core.forms import form_helper as _helper
from core.locking import STAMP_FIELD, StampedForm
from plans import rules
from plans.models import (
    ActionPoint,
    Evaluation,
    Goal,
    ItemStatus,
    Measure,
    Meeting,
    Participant,
    Plan,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class PlanForm(StampedForm, forms.ModelForm):
    class Meta:
        model = Plan
        formfield_callback = formfield
        fields = [
            "resources",
            "needs",
            "person_contribution",
            "next_of_kin_contribution",
            "cooperation",
            "valid_from",
            "valid_to",
            "next_evaluation_on",
        ]
        widgets = {
            "resources": TEXTAREA,
            "needs": TEXTAREA,
            "person_contribution": TEXTAREA,
            "next_of_kin_contribution": TEXTAREA,
            "cooperation": TEXTAREA,
            "valid_from": DATE_INPUT,
            "valid_to": DATE_INPUT,
            "next_evaluation_on": DATE_INPUT,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            STAMP_FIELD,
            Fieldset("Ressurser og behov", "resources", "needs"),
            Fieldset("Hvem bidrar med hva", "person_contribution", "next_of_kin_contribution"),
            Fieldset("Samarbeid", "cooperation"),
            Fieldset("Periode og evaluering", "valid_from", "valid_to", "next_evaluation_on"),
        )

    def clean(self):
        data = super().clean()
        if "next_evaluation_on" not in self.changed_data:
            return data
        problems = rules.next_evaluation_refusals(
            data.get("next_evaluation_on"),
            timezone.localdate(),
            required=self.instance.status == Plan.Status.ACTIVE,
        )
        for problem in problems:
            self.add_error("next_evaluation_on", problem)
        return data


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        formfield_callback = formfield
        fields = ["horizon", "text"]
        widgets = {"text": TEXTAREA}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("horizon", "text", submit="Legg til mål")


class ItemStatusForm(forms.Form):
    """Mark a goal or a measure reached, changed or ended."""

    status = forms.ChoiceField(label="Ny status", choices=ItemStatus.choices)
    note = forms.CharField(label="Merknad", max_length=500, required=False)


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        formfield_callback = formfield
        fields = [
            "title",
            "goal",
            "scope",
            "provider",
            "responsible",
            "participant",
            "how",
            "starts_on",
            "ends_on",
        ]
        widgets = {"how": TEXTAREA, "starts_on": DATE_INPUT, "ends_on": DATE_INPUT}

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(plan=plan)
        self.fields["goal"].empty_label = "Ikke knyttet til ett mål"
        self.fields["participant"].queryset = Participant.objects.filter(plan=plan)
        self.fields["participant"].empty_label = "Ingen – koordinatoren følger opp"
        self.fields["participant"].help_text = "Deltakeren kan merke tiltaket gjennomført selv."
        self.fields["provider"].error_messages["required"] = "Et tiltak må ha en som gir det."
        self.fields["starts_on"].initial = timezone.localdate()
        self.helper = _helper(
            "title",
            "goal",
            "scope",
            "provider",
            "responsible",
            "participant",
            "how",
            "starts_on",
            "ends_on",
            submit="Legg til tiltak",
        )

    def clean(self):
        data = super().clean()
        for problem in rules.period_refusals(data.get("starts_on"), data.get("ends_on")):
            self.add_error("ends_on", problem)
        return data


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        formfield_callback = formfield
        fields = [
            "name",
            "role",
            "organisation",
            "contact",
            "email",
            "relation",
            "contribution",
            "in_responsibility_group",
        ]
        widgets = {"contribution": TEXTAREA}

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the plan's own person's relations: how a parent or next of kin logs in.
        self.fields["relation"].queryset = Relation.objects.filter(person_id=plan.person_id)
        self.fields["relation"].empty_label = "Ingen (ikke innbygger)"
        self.fields["relation"].help_text = (
            "For foreldre, verge og pårørende: de logger inn med ID-porten og kjennes igjen "
            "på fødselsnummeret som er registrert på relasjonen."
        )
        self.helper = _helper(
            "name",
            "role",
            "organisation",
            "contact",
            "email",
            "relation",
            "contribution",
            "in_responsibility_group",
            submit="Legg til deltaker",
        )


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        formfield_callback = formfield
        fields = [
            "held_on",
            "place",
            "attendees",
            "agenda",
            "minutes",
            "agreements",
            "next_meeting_on",
            "next_meeting_at",
        ]
        widgets = {
            "held_on": DATE_INPUT,
            "next_meeting_on": DATE_INPUT,
            "next_meeting_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "attendees": forms.Textarea(attrs={"rows": 2}),
            "agenda": TEXTAREA,
            "minutes": forms.Textarea(attrs={"rows": 5}),
            "agreements": TEXTAREA,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError("Et møte kan ikke registreres før det er holdt.")
        return held_on

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("next_meeting_at") and not cleaned.get("next_meeting_on"):
            self.add_error("next_meeting_at", "Oppgi datoen for neste møte.")
        return cleaned


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class ActionPointForm(forms.ModelForm):
    """One optional row: left empty it is skipped; filled in it needs both what and who."""

    class Meta:
        model = ActionPoint
        formfield_callback = formfield
        fields = ["what", "who", "responsible_user", "due_on"]
        field_classes = {"responsible_user": UserChoiceField}
        labels = {"responsible_user": "Påminnelse til"}
        # Its help is said once above the rows (meeting_form.html), not once per row.
        help_texts = {"responsible_user": ""}
        widgets = {"due_on": DATE_INPUT}

    def __init__(self, *args, users=None, held_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["responsible_user"]
        field.queryset = users if users is not None else field.queryset.none()
        # The rows are optional, so no field is marked required; clean() asks for what and
        # who together once anything in the row is filled in.
        self.fields["what"].required = False
        self.fields["who"].required = False
        self.held_on = held_on

    def clean(self):
        data = super().clean()
        if not data.get("what", "").strip() and "what" not in self.errors:
            self.add_error("what", "Skriv hva som skal gjøres.")
        if not data.get("who", "").strip() and "who" not in self.errors:
            self.add_error("who", "Skriv hvem som skal gjøre det.")
        for problem in rules.action_point_refusals(data.get("due_on"), self.held_on):
            self.add_error("due_on", problem)
        return data


ActionPointFormSet = forms.formset_factory(ActionPointForm, extra=3, max_num=20)


def action_points(formset) -> list[dict]:
    """The filled-in rows of the action-point formset; empty rows are left out."""
    return [
        {k: form.cleaned_data[k] for k in ("what", "who", "responsible_user", "due_on")}
        for form in formset
        if form.cleaned_data and form.has_changed()
    ]


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        formfield_callback = formfield
        fields = ["held_on", "what_worked", "what_changes", "next_evaluation_on"]
        widgets = {
            "held_on": DATE_INPUT,
            "next_evaluation_on": DATE_INPUT,
            "what_worked": TEXTAREA,
            "what_changes": TEXTAREA,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()
        self.helper = _helper(
            "held_on",
            "what_worked",
            "what_changes",
            "next_evaluation_on",
            submit="Lagre evaluering",
        )

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        held_on, next_on = data.get("held_on"), data.get("next_evaluation_on")
        if held_on and held_on > today:
            self.add_error("held_on", "En evaluering kan ikke registreres før den er holdt.")
        for problem in rules.next_evaluation_refusals(next_on, today, required=True):
            self.add_error("next_evaluation_on", problem)
        return data


class ClosePlanForm(forms.Form):
    closed_reason = forms.ChoiceField(
        label="Årsak", choices=[("", "Velg årsak")] + Plan.ClosedReason.choices
    )
    note = FreeText(label="Merknad", max_length=TEXT, widget=TEXTAREA, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_reason"].error_messages["required"] = "Oppgi hvorfor planen avsluttes."
        self.helper = _helper("closed_reason", "note", submit="Avslutt planen")
