"""One id per request: in the access log, in every log line and in the X-Request-ID header.

The id is made here (uuid4). One sent by our own proxy is kept, so that its log and
ours line up; one sent by anybody else is ignored.
"""

import contextvars
import logging
import re
import uuid

from core.proxy import from_trusted_proxy

current = contextvars.ContextVar("request_id", default="")
# Fits AccessLog.request_id (36 characters); nginx's $request_id is 32 hex digits.
_ACCEPTED = re.compile(r"[A-Za-z0-9._:-]{1,36}")


def request_id_for(request) -> str:
    incoming = request.META.get("HTTP_X_REQUEST_ID", "")
    if from_trusted_proxy(request) and _ACCEPTED.fullmatch(incoming):
        return incoming
    return str(uuid.uuid4())


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every log record ("-" outside a request)."""

    def filter(self, record):
        # Django logs a 4xx or 5xx response after the middleware has returned; that
        # record carries the request itself.
        request = getattr(record, "request", None)
        record.request_id = current.get() or getattr(request, "request_id", "") or "-"
        return True
