"""Email notices about a plan: that something happened, and a link. Never the content,
never a name (health data does not travel by plain email). Each user chooses which
kinds they get (plans.NoticeSettings); sent after the change is committed."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from cases.models import CitizenAccount
from plans.models import NoticeSettings

MESSAGE, COMMENT, ACCESS = "on_message", "on_comment", "on_access"

_WHAT = {
    MESSAGE: "en ny melding til deg",
    COMMENT: "en ny kommentar eller et nytt forslag",
    ACCESS: "en endring i din tilgang",
}


def _link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _send(address: str, subject: str, body: str) -> None:
    transaction.on_commit(
        lambda: send_mail(
            subject=subject,
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[address],
        )
    )


def _wants(user, kind: str) -> bool:
    if user is None:
        return True
    chosen = NoticeSettings.objects.filter(user=user).values_list(kind, flat=True).first()
    return True if chosen is None else chosen


def participant_user(participant):
    """The user who logs in as this participant, if they have logged in yet."""
    if participant.user_id:
        return participant.user
    relation = participant.relation
    if relation is None or not relation.national_id:
        return None
    account = CitizenAccount.objects.filter(national_id=relation.national_id).first()
    return account.user if account else None


def notify_participant(participant, kind: str, path: str) -> None:
    user = participant_user(participant)
    address = participant.email or (user.email if user else "")
    if address and _wants(user, kind):
        _notify(address, kind, path)


def notify_user(user, kind: str, path: str) -> None:
    if user is not None and user.email and _wants(user, kind):
        _notify(user.email, kind, path)


def _notify(address: str, kind: str, path: str) -> None:
    _send(
        address,
        "Nytt i en individuell plan",
        "Hei,\n\n"
        f"Det er {_WHAT[kind]} i en individuell plan. Logg inn for å se det:\n"
        f"{_link(path)}\n\n"
        "Av hensyn til taushetsplikten står ingen opplysninger fra planen i denne e-posten.\n"
        f"Du velger selv hvilke varsler du får: {_link(reverse('participant:notices'))}\n",
    )


def send_invitation(address: str, *, token: str | None) -> None:
    """A citizen is invited to log in with ID-porten; another service's participant gets
    a one-time link to choose a password (or, with an account already, a login link)."""
    if token:
        link = _link(reverse("participant:invitation", args=[token]))
        how = f"Velg passord her (lenken gjelder i {settings.KE_INVITATION_DAYS} dager):\n{link}\n"
    else:
        how = f"Logg inn her:\n{_link(reverse('participant:plans'))}\n"
    _send(
        address,
        "Invitasjon til en individuell plan",
        "Hei,\n\n"
        f"Du er invitert til å delta i en individuell plan hos {settings.MUNICIPALITY_NAME}.\n"
        f"{how}\n"
        "Av hensyn til taushetsplikten står ingen opplysninger fra planen i denne e-posten.\n",
    )
