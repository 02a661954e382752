import logging
import uuid

import pytest
from django.http import HttpResponse

from core.middleware import RequestIdMiddleware
from core.request_id import RequestIdFilter

PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def _behind_the_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]


class _Records(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []
        self.addFilter(RequestIdFilter())

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def records():
    handler = _Records()
    logger = logging.getLogger("tests.request_id")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


def _respond(rf, get_response=None, **meta):
    middleware = RequestIdMiddleware(get_response or (lambda request: HttpResponse()))
    return middleware(rf.get("/", **meta))


def test_it_gives_each_request_a_new_uuid4(rf):
    first, second = _respond(rf), _respond(rf)
    assert uuid.UUID(first["X-Request-ID"]).version == 4
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_it_keeps_the_id_our_proxy_sent(rf):
    response = _respond(rf, REMOTE_ADDR=PROXY, HTTP_X_REQUEST_ID="0f3c9a2b7d")
    assert response["X-Request-ID"] == "0f3c9a2b7d"


def test_it_ignores_an_id_sent_by_anyone_else(rf):
    response = _respond(rf, REMOTE_ADDR="192.0.2.66", HTTP_X_REQUEST_ID="0f3c9a2b7d")
    assert response["X-Request-ID"] != "0f3c9a2b7d"


@pytest.mark.parametrize("sent", ["", "a" * 37, "id med mellomrom", "id\nFAKE log line"])
def test_it_replaces_an_unfit_id_even_from_our_proxy(rf, sent):
    response = _respond(rf, REMOTE_ADDR=PROXY, HTTP_X_REQUEST_ID=sent)
    assert uuid.UUID(response["X-Request-ID"]).version == 4


def test_log_lines_written_during_the_request_carry_its_id(rf, records):
    def view(request):
        logging.getLogger("tests.request_id").warning("inside")
        return HttpResponse()

    response = _respond(rf, view)
    assert [r.request_id for r in records] == [response["X-Request-ID"]]


def test_log_lines_outside_a_request_carry_a_dash(records):
    logging.getLogger("tests.request_id").warning("outside")
    assert records[0].request_id == "-"


def test_djangos_line_for_a_404_carries_the_id_of_its_request(caseworker_client):
    handler = _Records()
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = caseworker_client.get("/finnes-ikke/")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404
    assert [r.request_id for r in handler.records] == [response["X-Request-ID"]]


def test_the_console_log_format_shows_the_id(rf):
    console = next(
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, RequestIdFilter) for f in handler.filters)
    )
    lines = []

    def view(request):
        record = logging.LogRecord("x", logging.INFO, __file__, 1, "hei", None, None)
        console.filter(record)
        lines.append(console.format(record))
        return HttpResponse()

    response = _respond(rf, view)
    assert f"[{response['X-Request-ID']}] hei" in lines[0]
