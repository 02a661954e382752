import io
import re

from pypdf import PdfReader


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with all whitespace folded to single spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def squash(text: str) -> str:
    """Text without whitespace: pypdf splits some kerned pairs ("T elefon")."""
    return re.sub(r"\s+", "", text)


# The letterhead, window address and reference block fill the top 100 mm of the first page
# (15 mm margin + 85 mm); WeasyPrint paints them after the text, so pypdf reads them in the
# middle of a sentence that runs on to the next page. The page number sits in the bottom
# margin. In PDF points (1 mm = 72 / 25.4 pt) from the bottom of an A4 page (842 pt).
_FIRST_PAGE_BLOCK_BELOW = 842 - 100 * 72 / 25.4
_FOOTER_ABOVE = 15 * 72 / 25.4


def body_text(pdf: bytes) -> str:
    """The letter's running text in reading order, without the first page's letterhead
    block and the page numbers, whitespace folded to single spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    parts: list[str] = []
    for number, page in enumerate(reader.pages):

        def keep(text, cm, tm, _font, _size, first_page=number == 0):
            y = cm[3] * tm[5] + cm[5]  # from the bottom of the page
            if y < _FOOTER_ABOVE or (first_page and y > _FIRST_PAGE_BLOCK_BELOW):
                return
            parts.append(text)

        page.extract_text(visitor_text=keep)
    return re.sub(r"\s+", " ", "".join(parts))
