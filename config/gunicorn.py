"""Gunicorn's logger, with secrets taken out of the URL paths in its access lines.

Named by `logger_class` in gunicorn.conf.py, which gunicorn reads from the working
directory. Gunicorn's access log is off unless `--access-logfile` is given.
"""

from gunicorn.glogging import Logger

from core.redaction import redact


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # The path is in the request line (r), the path (U), and the raw environ values
        # ({raw_uri}e, {path_info}e …); a referer ({referer}i) may carry one too.
        return {
            key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()
        }
