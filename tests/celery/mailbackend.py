"""A slow SMTP server, as an email backend for the worker in tests/celery/test_letters.py.

Like the file backend it writes each message to EMAIL_FILE_PATH, but:
- each message takes KE_TEST_MAIL_SECONDS to hand over, as over a slow connection, so a test
  can kill the worker while letters are in flight;
- a message lands whole or not at all (written aside, then renamed into place), as an SMTP
  server discards a message whose DATA was cut off; the file backend would leave half a file;
- one file per message, named at random, so a message sent twice shows up as two files;
- while a message is being handed over and not yet accepted, a file named after its
  Message-ID lies in <EMAIL_FILE_PATH>-inflight. It is removed before the rename, so a
  marker present means "not accepted yet": a test that kills the worker then knows where
  the kill landed.
Test code only; nothing in the application knows of it.
"""

import os
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class SlowSmtpServerBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        outbox = Path(settings.EMAIL_FILE_PATH)
        inflight = outbox.with_name(outbox.name + "-inflight")
        outbox.mkdir(parents=True, exist_ok=True)
        inflight.mkdir(parents=True, exist_ok=True)
        seconds = float(os.environ.get("KE_TEST_MAIL_SECONDS", "0.5"))
        for message in email_messages:
            mime = message.message()
            marker = inflight / mime["Message-ID"].strip("<>")
            marker.touch()
            time.sleep(seconds)
            name = uuid.uuid4().hex
            aside = outbox / f".{name}.tmp"
            aside.write_bytes(mime.as_bytes())
            marker.unlink()
            os.replace(aside, outbox / f"{name}.eml")  # accepted
        return len(email_messages)
