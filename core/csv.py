"""Every CSV download: safe to open in a spreadsheet, with æøå intact in Excel.

A cell that starts with `=`, `+`, `-` or `@` is taken for a formula by Excel and
LibreOffice (CSV injection, OWASP), so a person registered as `=HYPERLINK(…)` could run
something on the reader's machine. defusedcsv puts a `'` before such a cell (and before
`|` and `%`), leaving plain numbers such as `-3` alone. It does not look at a leading tab
or carriage return, which OWASP lists too; those get the same `'` here.
"""

from collections.abc import Iterable, Sequence

from defusedcsv import csv
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header

# Excel only reads a CSV as UTF-8 when it starts with the byte-order mark.
BOM = "\ufeff"
# Excel in Norway expects semicolons: the comma is the decimal sign.
DELIMITER = ";"


def neutralise(cell):
    if isinstance(cell, str) and cell[:1] in ("\t", "\r"):
        return "'" + cell
    return cell


def csv_response(filename: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    """An attachment that is never stored by a browser or proxy (it holds personal data)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    add_never_cache_headers(response)
    response.write(BOM)
    writer = csv.writer(response, delimiter=DELIMITER)
    writer.writerow([neutralise(cell) for cell in header])
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return response
