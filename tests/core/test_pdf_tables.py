"""A table's caption may land at the foot of a page; the PDF is made all the same."""

import io

import pytest
from pypdf import PdfReader

from core import pdf

# A one-column A4 page with 20 mm margins holds 257 mm. A spacer from 200 to 256 mm in
# 1 mm steps puts the caption (and the table's first row) at every height near the foot.
SPACERS_MM = range(200, 257)


def captioned_table_after(spacer_mm: int) -> str:
    rows = "".join(f"<tr><th scope='row'>Rad {n}</th><td>Verdi {n}</td></tr>" for n in range(8))
    return (
        "<!doctype html><html lang='nb'><head><meta charset='utf-8'><title>Test</title>"
        "<style>@page { size: A4; margin: 20mm } body { margin: 0; font-size: 10pt }</style>"
        f"</head><body><div style='height: {spacer_mm}mm'></div>"
        f"<table><caption>Kontakt og datoer</caption><tbody>{rows}</tbody></table>"
        "</body></html>"
    )


@pytest.mark.parametrize("spacer_mm", SPACERS_MM)
def test_a_captioned_table_renders_wherever_the_page_ends(spacer_mm):
    reader = PdfReader(io.BytesIO(pdf.html_to_pdf(captioned_table_after(spacer_mm))))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Kontakt og datoer" in text and "Verdi 7" in text


def test_without_the_base_rules_a_caption_at_the_foot_of_a_page_breaks_the_tagger(monkeypatch):
    # Guards the test above: it must reach the case that failed in production.
    monkeypatch.setattr(pdf, "BASE_CSS", "")
    failures = 0
    for spacer_mm in SPACERS_MM:
        try:
            pdf.html_to_pdf(captioned_table_after(spacer_mm))
        except ValueError:
            failures += 1
    assert failures > 0
