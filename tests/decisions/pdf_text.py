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
