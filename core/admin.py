"""Admin plumbing every app shares."""

import re

from django.contrib.admin.views.main import ERROR_FLAG
from django.http import HttpResponseRedirect

from core.forms import EARLIEST, LATEST

_DATE_PART = re.compile(r"^[0-9]{1,4}$")


class BoundedDateHierarchy:
    """A date hierarchy that refuses a year it cannot count with, as a bad filter is.

    The admin reads ?<field>__year= (and __month, __day) into datetime() and catches
    only ValueError: a 23-digit year overflowed, and 9999 failed when the end of the year
    was worked out, both a 500. A date part that is not a number of at most four digits,
    or a year outside 1900-2100, goes back to the list with ?e=1, the admin's answer to
    any filter it cannot use.
    """

    def changelist_view(self, request, extra_context=None):
        if self.date_hierarchy and not _date_parts_usable(request.GET, self.date_hierarchy):
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
        return super().changelist_view(request, extra_context)


def _date_parts_usable(query, field: str) -> bool:
    parts = {part: query.getlist(f"{field}__{part}") for part in ("year", "month", "day")}
    if not all(_DATE_PART.match(value) for values in parts.values() for value in values):
        return False
    return all(EARLIEST.year <= int(year) <= LATEST.year for year in parts["year"])
