from django import forms

from cases.filters import caseworker_choices
from coordinators.choices import coordinators_offered
from core.forms import style_widgets
from followup.deadlines import KINDS


class DeadlineFilterForm(forms.Form):
    DAYS = 60

    kind = forms.ChoiceField(label="Type frist", required=False)
    caseworker = forms.ModelChoiceField(
        label="Saksbehandler", queryset=None, required=False, empty_label="Alle"
    )
    # The register may hold thousands: a name narrows the choices (OFFERED_IN_A_SELECT).
    coordinator_name = forms.CharField(
        label="Finn koordinator på navn", required=False, max_length=100
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

    def __init__(self, data=None, *args, show_people: bool, **kwargs):
        if data is not None and not data.get("days"):
            # A filter sent without a period shows the period the list covers.
            data = data.copy()
            data["days"] = str(self.DAYS)
        super().__init__(data, *args, **kwargs)
        self.fields["kind"].choices = [("", "Alle")] + list(KINDS.items())
        if show_people:
            self.fields["caseworker"].queryset = caseworker_choices()
            self.fields["coordinator"].queryset = coordinators_offered(
                self.data.get("coordinator_name", "")[:100],
                keep_pk=self._chosen_coordinator(),
                active_only=True,
            )
        else:
            del self.fields["caseworker"]
            del self.fields["coordinator_name"]
            del self.fields["coordinator"]
        style_widgets(self)

    def _chosen_coordinator(self) -> int | None:
        """The coordinator asked for, kept among the choices whatever the name search."""
        chosen = str(self.data.get("coordinator", ""))
        if not chosen.isdigit() or len(chosen) > 9:  # no id the database cannot hold
            return None
        return int(chosen)
