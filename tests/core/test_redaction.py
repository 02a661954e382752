import contextlib
import datetime
import logging
from types import SimpleNamespace

import pytest
from django.core.servers.basehttp import WSGIRequestHandler
from django.urls import reverse
from gunicorn.config import Config

from config.gunicorn import RedactingLogger
from core.redaction import redact

TOKEN = "hemmelig-kalendernokkel_123"


def feed_path(token=TOKEN) -> str:
    return reverse("plans:calendar_feed", args=[token])


def test_the_token_in_a_feed_path_is_hidden():
    assert redact(f"GET {feed_path()}?x=1 HTTP/1.1") == (
        "GET /planer/kalender/[skjult].ics?x=1 HTTP/1.1"
    )


def test_a_feed_path_without_its_ending_is_hidden_too():
    assert redact(f"Not Found: {feed_path().removesuffix('.ics')}") == (
        "Not Found: /planer/kalender/[skjult]"
    )


def test_the_token_in_a_participants_invitation_link_is_hidden():
    path = reverse("participant:invitation", args=[TOKEN])
    assert redact(f"GET {path} HTTP/1.1") == "GET /deltaker/invitasjon/[skjult]/ HTTP/1.1"


@pytest.mark.parametrize(
    "name", ["plans:calendar", "plans:calendar_renew", "plans:calendar_revoke"]
)
def test_the_calendar_pages_are_logged_as_they_are(name):
    assert redact(f"GET {reverse(name)} HTTP/1.1") == f"GET {reverse(name)} HTTP/1.1"


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@contextlib.contextmanager
def lines_logged_by(name):
    """The messages as the logger's own handlers get them, before any other handler."""
    lines, logger = Lines(), logging.getLogger(name)
    logger.addHandler(lines)
    try:
        yield lines.lines
    finally:
        logger.removeHandler(lines)


def test_djangos_not_found_warning_leaves_the_token_out(client, db):
    with lines_logged_by("django.request") as lines:
        assert client.get(feed_path()).status_code == 404
    assert lines == ["Not Found: /planer/kalender/[skjult].ics"]


def test_the_development_servers_access_line_leaves_the_token_out():
    # The request handler as runserver makes it, without a socket.
    handler = WSGIRequestHandler.__new__(WSGIRequestHandler)
    handler.request = None
    with lines_logged_by("django.server") as lines:
        handler.log_message('"%s" %s %s', f"GET {feed_path()} HTTP/1.1", "200", "512")
    assert lines == ['"GET /planer/kalender/[skjult].ics HTTP/1.1" 200 512']


def test_gunicorns_access_line_leaves_the_token_out():
    logger = RedactingLogger(Config())
    path = feed_path()
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
    }
    resp = SimpleNamespace(status="200 OK", sent=512, headers=[])
    req = SimpleNamespace(headers=[("REFERER", f"https://ke.example{path}")])
    atoms = logger.atoms(resp, req, environ, datetime.timedelta(milliseconds=3))
    line = logger.cfg.access_log_format % logger.atoms_wrapper_class(atoms)
    assert '"GET /planer/kalender/[skjult].ics HTTP/1.1" 200 512' in line
    assert TOKEN not in repr(atoms)
