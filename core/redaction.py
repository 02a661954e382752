"""Secrets that travel in a URL path never reach a log.

A calendar feed is opened by the token in its path, and every server logs paths: the
development server's and gunicorn's access lines, and Django's own warning for each 4xx
answer ("Not Found: /…"). The patterns are the setting LOG_REDACTED_PATHS; each match is
replaced by REPLACEMENT.
"""

import functools
import logging
import re

from django.conf import settings

REPLACEMENT = "[skjult]"


@functools.cache
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(pattern) for pattern in patterns)


def redact(text: str) -> str:
    for pattern in _compiled(tuple(settings.LOG_REDACTED_PATHS)):
        text = pattern.sub(REPLACEMENT, text)
    return text


class RedactSecretPaths(logging.Filter):
    """Rewrites a record whose message holds a secret path; never drops one.

    The message is formatted here, once, and kept without its arguments, so every
    handler after this one prints the redacted text.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
