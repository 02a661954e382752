"""Admin plumbing every app shares."""

import datetime
import re

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.admin.views.main import ERROR_FLAG, PAGE_VAR
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.functional import cached_property

from core.forms import EARLIEST, LATEST

_DATE_PART = re.compile(r"^[0-9]{1,4}$")
_DATE_LOOKUPS = {"exact", "gt", "gte", "lt", "lte"}


class BoundedAdminDates:
    """An admin list that answers a date it cannot count with as it answers a bad filter.

    Django's admin gave a 500 for two kinds of date in the address. The date hierarchy
    reads ?<field>__year= (and __month, __day) into datetime() and catches only
    ValueError: a 23-digit year overflowed, and 9999 failed when the end of the year was
    worked out. A date filter (?attempt_time__gte=0001-01-01) on a date-and-time field
    made a datetime in year 1, which overflowed on its way to UTC. A date part that is
    not a number of at most four digits, or any such date outside 1900-2100, goes back
    to the list with ?e=1, the admin's answer to any filter it cannot use.
    """

    def changelist_view(self, request, extra_context=None):
        if not self._dates_usable(request.GET):
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
        return super().changelist_view(request, extra_context)

    def _dates_usable(self, query) -> bool:
        if self.date_hierarchy and not _date_parts_usable(query, self.date_hierarchy):
            return False
        for key, values in query.lists():
            if _is_date_filter(self.model, key):
                days = [_leading_date(value) for value in values]
                if any(day and not EARLIEST <= day <= LATEST for day in days):
                    return False
        return True


def _date_parts_usable(query, field: str) -> bool:
    parts = {part: query.getlist(f"{field}__{part}") for part in ("year", "month", "day")}
    if not all(_DATE_PART.match(value) for values in parts.values() for value in values):
        return False
    return all(EARLIEST.year <= int(year) <= LATEST.year for year in parts["year"])


def _is_date_filter(model, key: str) -> bool:
    path, _, lookup = key.rpartition("__")
    if not path or lookup not in _DATE_LOOKUPS:
        return False
    try:
        field = get_fields_from_path(model, path)[-1]
    except (FieldDoesNotExist, LookupError, ValueError):
        return False
    return isinstance(field, models.DateField)


def _leading_date(value: str) -> datetime.date | None:
    """The date a filter value starts with; None when it has none (Django refuses it)."""
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


class BoundedCountPaginator(Paginator):
    """The admin's paginator for tables of millions of rows: it counts the rows up to
    PAGES_AHEAD pages past the page asked for (a COUNT over a LIMIT subquery), and never
    more than COUNT_LIMIT, so the first page counts a few hundred rows, not the table.
    Past the rows counted the admin pages up to them and says there are more."""

    COUNT_LIMIT = 10_000
    PAGES_AHEAD = 10

    def __init__(self, object_list, per_page, *args, page: int = 1, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.limit = min((max(page, 1) + self.PAGES_AHEAD) * int(per_page), self.COUNT_LIMIT)
        self.capped = False

    @cached_property
    def count(self) -> int:
        counted = self.object_list[: self.limit + 1].count()
        self.capped = counted > self.limit
        return min(counted, self.limit)


class BoundedCount:
    """A ModelAdmin over a table too large to count: the bounded paginator, told the
    page asked for, and no second count of the whole table."""

    show_full_result_count = False
    paginator = BoundedCountPaginator

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        page = request.GET.get(PAGE_VAR, "")
        return self.paginator(
            queryset,
            per_page,
            orphans,
            allow_empty_first_page,
            page=int(page) if page.isdigit() and len(page) < 6 else 1,
        )


def year_filter(field: str, title: str) -> type[admin.SimpleListFilter]:
    """A filter by year of a date field, in place of the date hierarchy: the years on
    offer run from the field's first to its last value (MIN and MAX, read from its index),
    where the hierarchy reads the distinct years of every row."""

    class YearFilter(admin.SimpleListFilter):
        parameter_name = f"{field}_year"

        def lookups(self, request, model_admin):
            bounds = model_admin.get_queryset(request).aggregate(
                first=models.Min(field), last=models.Max(field)
            )
            if bounds["first"] is None:
                return []
            years = range(bounds["last"].year, bounds["first"].year - 1, -1)
            return [(str(year), str(year)) for year in years]

        def queryset(self, request, queryset):
            value = self.value()
            if not value:
                return queryset
            if not _DATE_PART.match(value) or not EARLIEST.year <= int(value) <= LATEST.year:
                # The admin answers ?e=1, as for any filter it cannot use.
                raise IncorrectLookupParameters(value)
            year = int(value)
            return queryset.filter(
                **{
                    f"{field}__gte": datetime.date(year, 1, 1),
                    f"{field}__lt": datetime.date(year + 1, 1, 1),
                }
            )

    YearFilter.title = title
    return YearFilter
