"""What the decisions services share when they change a row: read it as stored under a
lock, refuse blank text and future dates, save with the user on the history row, store a
letter's PDF, name the service in the case journal.
"""

import datetime
import hashlib

from django.core.files.base import ContentFile
from django.utils import timezone

from core.errors import RuleViolation
from decisions.models import Decision, Letter


def service_label(decision: Decision) -> str:
    return decision.get_service_display().lower()


def lock_decision(decision: Decision) -> Decision:
    # Read the stored row under a lock: another request may have changed it since.
    return (
        Decision.objects.select_for_update()
        .select_related("case", "case__person")
        .get(pk=decision.pk)
    )


def check_text(value: str, message: str) -> None:
    if not (value or "").strip():
        raise RuleViolation(message)


def check_not_future(day: datetime.date, what: str) -> None:
    if day > timezone.localdate():
        raise RuleViolation(f"{what} kan ikke være fram i tid.")


def store_pdf(letter: Letter, pdf: bytes, name: str) -> None:
    letter.sha256 = hashlib.sha256(pdf).hexdigest()
    letter.file.save(name, ContentFile(pdf), save=False)
