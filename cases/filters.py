import datetime
import re
from datetime import timedelta

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from cases import name_search, search
from cases.models import AccessLog, Case, Person
from cases.roles import Role
from cases.vocabulary import ServiceKind
from core.forms import ANY_DATE, style_widgets

SORTS = [
    ("-received_on", "Nyeste først"),
    ("received_on", "Eldste først"),
    ("person__family_name", "Navn A–Å"),
    ("number", "Saksnummer"),
]


def caseworker_choices():
    """KE staff only, and few of them: the filter never renders thousands of options."""
    User = get_user_model()
    # A choice queryset must stay filterable (the field looks the chosen pk up in it),
    # so the limit goes in a subquery rather than a slice.
    staff = User.objects.filter(
        is_active=True, groups__name__in=[Role.CASEWORKER.label, Role.LEADER.label]
    ).values("pk")[:200]
    return User.objects.filter(pk__in=staff).order_by("first_name", "last_name")


def overdue_before():
    return timezone.localdate() - timedelta(days=settings.KE_CASE_PROCESSING_DAYS)


class StyledFilterSet(django_filters.FilterSet):
    @property
    def form(self):
        return style_widgets(super().form)


class CaseFilter(StyledFilterSet):
    q = django_filters.CharFilter(label="Søk", method="search", max_length=search.MAX_LENGTH)
    status = django_filters.ChoiceFilter(
        label="Status", choices=Case.Status.choices, empty_label="Alle statuser"
    )
    requested = django_filters.ChoiceFilter(
        label="Gjelder", choices=ServiceKind.choices, method="filter_requested", empty_label="Alt"
    )
    caseworker = django_filters.ModelChoiceFilter(
        label="Saksbehandler",
        queryset=lambda request: caseworker_choices(),
        empty_label="Alle saksbehandlere",
    )
    overdue = django_filters.BooleanFilter(
        label="Bare saker over behandlingsfristen",
        method="filter_overdue",
        widget=django_filters.widgets.BooleanWidget(),
    )
    sort = django_filters.OrderingFilter(
        label="Sortering",
        fields=[s[0].lstrip("-") for s in SORTS[:1] + SORTS[2:]],
        choices=SORTS,
        empty_label=None,
    )

    class Meta:
        model = Case
        fields = ["q", "status", "requested", "caseworker", "overdue"]

    def search(self, queryset, name, value):
        value = value.strip()
        digits = re.sub(r"\s", "", value)
        if re.fullmatch(r"\d{11}", digits):
            return queryset.filter(person__national_id=digits)
        if re.fullmatch(r"\d{4}/\d{1,4}", value):
            year, seq = value.split("/")
            return queryset.filter(number=f"{year}/{int(seq):04d}")
        terms = value.split()
        # Trigrams on PostgreSQL, best match first; icontains on SQLite.
        return name_search.by_similarity(
            queryset.filter(name_search.people_named(terms, field="person")), terms
        )

    def filter_requested(self, queryset, name, value):
        return queryset.filter(**{Case.REQUEST_FIELDS[value]: True})

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            status__in=Case.AWAITING_DECISION_STATUSES,
            received_on__lt=overdue_before(),
        )


ACCESS_LOG_DEFAULT_MONTHS = 12


def access_log_default_start() -> datetime.date:
    """Where an access-log search starts when no day is given: a year back, to the day."""
    today = timezone.localdate()
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def _start_of_day(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# An access-log search by name shows the log of this many people, the closest names first.
PEOPLE_BY_NAME = 20


class AccessLogFilter(StyledFilterSet):
    person = django_filters.CharFilter(
        label="Person (fødselsnummer eller navn)",
        method="filter_person",
        max_length=search.MAX_LENGTH,
        help_text=f"Et navn gir loggen til de {PEOPLE_BY_NAME} personene med navnet nærmest "
        "søket. Et fødselsnummer gir én person.",
    )
    username = django_filters.CharFilter(label="Brukernavn", lookup_expr="iexact", max_length=150)
    action = django_filters.ChoiceFilter(
        label="Handling", choices=AccessLog.Action.choices, empty_label="Alle"
    )
    date_from = django_filters.DateFilter(
        label="Fra dato",
        method="filter_from",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[ANY_DATE],
        help_text=f"Tomt: de siste {ACCESS_LOG_DEFAULT_MONTHS} månedene.",
    )
    date_to = django_filters.DateFilter(
        label="Til dato",
        method="filter_to",
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[ANY_DATE],
    )

    def __init__(self, data=None, *args, **kwargs):
        # The log is kept by the month (one partition each): a search with no start day
        # would read every month ever logged, so it starts a year back, shown in the form.
        if data is not None and not data.get("date_from"):
            data = data.copy()
            data["date_from"] = access_log_default_start().isoformat()
        super().__init__(data, *args, **kwargs)

    class Meta:
        model = AccessLog
        fields = ["person", "username", "action", "date_from", "date_to"]

    def filter_from(self, queryset, name, value):
        # The start of that day in Oslo: a range on the time itself, which the index and
        # the monthly partitions serve (`at__date` would compute a date for every row).
        return queryset.filter(at__gte=_start_of_day(value))

    def filter_to(self, queryset, name, value):
        return queryset.filter(at__lt=_start_of_day(value + timedelta(days=1)))

    def filter_person(self, queryset, name, value):
        digits = re.sub(r"\s", "", value)
        people = Person.objects.order_by()
        if re.fullmatch(r"\d{11}", digits):
            people = people.filter(national_id=digits)
        else:
            # The closest names only: the log of every person a common family name matches
            # would be thousands of rows to sort, and no one reads them mixed together.
            people = people.filter(
                name_search.people_named(value.split(), most_similar=PEOPLE_BY_NAME)
            )
        return queryset.filter(person_id__in=people.values("pk")[:PEOPLE_BY_NAME])
