"""Render a template to PDF with WeasyPrint, fetching nothing but our own static files.

WeasyPrint would otherwise follow any URL in the document, `file://` included, and
could leak local files or call out to the network (WeasyPrint docs, "Security").
"""

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string

# A made-up origin the documents are rendered against. Only URLs under it and
# STATIC_URL are served, from the static files on disk; nothing is ever fetched.
PDF_BASE_URL = "https://pdf.invalid/"

# Rules every PDF gets, before the template's own stylesheet. A table's caption and the
# table share one wrapper box; left to itself WeasyPrint may end a page after the caption,
# and the PDF/UA tagger then finds a page with a wrapper holding no table and fails
# ("Table wrapper without a table", Kozea/WeasyPrint#2761). Keeping the caption with the
# table's first rows prevents that split; a row is never cut in two either.
BASE_CSS = """
caption { break-after: avoid; page-break-after: avoid; }
thead, tr { break-inside: avoid; page-break-inside: avoid; }
"""


class RefusedURL(ValueError):
    """The document asked for something that is not one of our static files."""


def static_path_for(url: str) -> Path:
    """The file on disk behind an allowed URL, or RefusedURL."""
    parts = urlsplit(url)
    base = urlsplit(PDF_BASE_URL)
    prefix = (
        settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL
    )
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(
        prefix
    ):
        raise RefusedURL(f"Refused to fetch {parts.scheme}: URL in a PDF")
    relative = unquote(parts.path[len(prefix) :])
    normalised = posixpath.normpath(relative)
    if normalised.startswith(("..", "/")) or "\\" in relative or "\x00" in relative:
        raise RefusedURL("Refused a path outside the static files")
    try:
        found = finders.find(normalised) or _collected(normalised)
    except Exception as error:  # SuspiciousFileOperation and the like
        raise RefusedURL("Refused a path outside the static files") from error
    if not found:
        raise RefusedURL("No such static file")
    return Path(found)


def _collected(name: str) -> str | None:
    """A file collectstatic wrote (hashed names in production), if stored on local disk."""
    try:
        path = staticfiles_storage.path(name)
    except NotImplementedError:
        return None
    return path if Path(path).is_file() else None


def url_fetcher(url: str, *args, **kwargs):
    """WeasyPrint URL fetcher serving only static files found by the staticfiles finders."""
    path = static_path_for(url)
    mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    body = path.read_bytes()
    try:
        from weasyprint.urls import URLFetcherResponse
    except ImportError:  # WeasyPrint < 68 takes a dict
        return {"string": body, "mime_type": mime_type, "redirected_url": url}
    return URLFetcherResponse(url, body, headers={"Content-Type": mime_type})


# Archival letters: PDF/A-2a (ISO 19005-2, level A: tagged, so also accessible), or the
# nearest variant this WeasyPrint offers. Others: PDF/UA-1 where supported.
ARCHIVAL_VARIANTS = ("pdf/a-2a", "pdf/a-3a", "pdf/a-2u", "pdf/a-2b")
SCREEN_VARIANTS = ("pdf/ua-1",)


def pdf_variant(*, archival: bool) -> str | None:
    """The variant html_to_pdf asks WeasyPrint for."""
    try:
        from weasyprint.pdf import VARIANTS
    except ImportError:
        return None
    wanted = ARCHIVAL_VARIANTS if archival else SCREEN_VARIANTS
    return next((v for v in wanted if v in VARIANTS), None)


def render_to_pdf(
    template_name: str, context: dict, *, archival: bool = False
) -> tuple[str, bytes]:
    """Render the template and return (html, pdf bytes): PDF/A-2a for letters that are
    archived (`archival`), PDF/UA-1 otherwise, where WeasyPrint supports them."""
    html = render_to_string(template_name, context)
    return html, html_to_pdf(html, archival=archival)


def html_to_pdf(html: str, *, archival: bool = False) -> bytes:
    """The PDF of an HTML document, with BASE_CSS and only our static files."""
    # Imported here: WeasyPrint loads Pango and friends, which only PDF work needs.
    import weasyprint

    document = weasyprint.HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=url_fetcher)
    options = {"stylesheets": [weasyprint.CSS(string=BASE_CSS)]}
    variant = pdf_variant(archival=archival)
    if variant:
        options["pdf_variant"] = variant
    return document.write_pdf(**options)
