from django import forms

from cases.filters import caseworker_choices
from coordinators.models import Coordinator
from core.forms import style_widgets
from followup.deadlines import KINDS


class DeadlineFilterForm(forms.Form):
    DAYS = 60

    kind = forms.ChoiceField(label="Type frist", required=False)
    caseworker = forms.ModelChoiceField(
        label="Saksbehandler", queryset=None, required=False, empty_label="Alle"
    )
    coordinator = forms.ModelChoiceField(
        label="Koordinator", queryset=None, required=False, empty_label="Alle"
    )
    days = forms.TypedChoiceField(
        label="Vis frister fram til",
        choices=[(14, "2 uker"), (30, "30 dager"), (60, "60 dager"), (180, "6 måneder")],
        coerce=int,
        required=False,
        empty_value=DAYS,
        initial=DAYS,
    )

    def __init__(self, *args, show_people: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Alle")] + list(KINDS.items())
        if show_people:
            self.fields["caseworker"].queryset = caseworker_choices()
            active = Coordinator.objects.filter(active=True).values("pk")[:200]
            self.fields["coordinator"].queryset = Coordinator.objects.filter(
                pk__in=active
            ).select_related("user")
        else:
            del self.fields["caseworker"]
            del self.fields["coordinator"]
        style_widgets(self)
