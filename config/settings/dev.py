"""Local development: base settings with debug on unless the environment says otherwise.

`manage.py` defaults to this module; wsgi, asgi and Celery default to base, so a
server never runs in debug by accident.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")

from .base import *  # noqa: E402,F403
