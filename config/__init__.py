"""Settings, URLs, the Celery app, WSGI/ASGI and the error pages. Sits above every app."""

from .celery import app as celery_app

__all__ = ("celery_app",)
