"""No letter ever travels by email: a check run after every letter test."""

from django.core import mail


def pdf_attachments(messages) -> list[str]:
    """Subjects of messages that carry a PDF, attached or inlined."""
    found = []
    for message in messages:
        mime = message.message().as_bytes()
        attached = any(
            (a[2] if isinstance(a, tuple) else a.get_content_type()) == "application/pdf"
            for a in message.attachments
        )
        if attached or b"application/pdf" in mime or b"JVBERi0" in mime or b"%PDF" in mime:
            found.append(message.subject)
    return found


def assert_no_letter_was_emailed() -> None:
    assert pdf_attachments(getattr(mail, "outbox", [])) == []
