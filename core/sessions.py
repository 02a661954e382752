"""Django's database sessions, saved in one statement.

The session is saved on every request, for the sliding idle timeout
(SESSION_SAVE_EVERY_REQUEST). Django wraps that UPDATE in a transaction of its own, so
each page paid BEGIN, UPDATE and COMMIT, three round trips where one does: a single
UPDATE is atomic by itself. A new session is still created by Django.
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError


class SessionStore(db.SessionStore):
    def save(self, must_create=False):
        if must_create or self.session_key is None:
            return super().save(must_create)
        row = self.create_model_instance(self._get_session())
        updated = self.model.objects.filter(session_key=row.session_key).update(
            session_data=row.session_data, expire_date=row.expire_date
        )
        if not updated:
            # Ended elsewhere since it was read (a logout in another tab): as Django does,
            # the middleware answers that the session was interrupted.
            raise UpdateError
