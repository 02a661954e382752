"""The services of working together in a plan: inviting participants, the owner's consent
to each one's access, comments, proposals, messages and marking one's own work done.

Each raises `RuleViolation` with a Norwegian message and changes nothing when refused.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from coordinators.models import Appointment
from core.errors import RuleViolation
from plans import access_rules, notices
from plans.models import (
    AccessConsent,
    Goal,
    GoalComment,
    Invitation,
    ItemStatus,
    Measure,
    Participant,
    ParticipantAccount,
    Plan,
    PlanMessage,
    Proposal,
)
from plans.writes import lock_plan, save

# Participants who log in with ID-porten; everyone else gets a participant account.
CITIZEN_ROLES = (
    Participant.Role.PERSON,
    Participant.Role.PARENT,
    Participant.Role.GUARDIAN,
    Participant.Role.NEXT_OF_KIN,
)
# Staff of the KE's own side: they work in the plan through the staff pages.
STAFF_ROLES = (Participant.Role.COORDINATOR,)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- Invitations ------------------------------------------------------------------------


@transaction.atomic
def participant_invite(*, participant: Participant, by, now=None) -> Participant:
    """Send the participant a notice and a link: to ID-porten for a citizen, to choose a
    password for anyone else (their participant account is made here, with no staff role)."""
    plan = lock_plan(participant.plan)
    now = now or timezone.now()
    if participant.role in STAFF_ROLES:
        raise RuleViolation("Koordinatoren arbeider i planen fra sine egne sider.")
    if not participant.email:
        raise RuleViolation("Registrer e-postadressen til deltakeren først.")
    token = None
    if participant.role in CITIZEN_ROLES:
        relation = participant.relation
        if relation is None or not relation.national_id or relation.person_id != plan.person_id:
            raise RuleViolation(
                "En innbygger logger inn med ID-porten og må knyttes til en registrert "
                "relasjon med fødselsnummer."
            )
    else:
        user = participant.user or _participant_account_for(participant)
        participant.user = user
        if not user.has_usable_password():
            token = secrets.token_urlsafe(32)
            Invitation.objects.filter(participant__user=user, used_at__isnull=True).update(
                used_at=now
            )
            Invitation.objects.create(
                participant=participant,
                token_hash=token_hash(token),
                created_by=by,
                created_at=now,
                expires_at=now + datetime.timedelta(days=settings.KE_INVITATION_DAYS),
            )
    participant.invited_at = now
    save(participant, by=by, update_fields=["user", "invited_at"])
    notices.send_invitation(participant.email, token=token)
    return participant


def _participant_account_for(participant: Participant):
    """The participant account for this email: one per person, across plans."""
    User = get_user_model()
    email = participant.email.strip().lower()
    user = User.objects.filter(username=email).first()
    if user is not None:
        if not ParticipantAccount.objects.filter(user=user).exists():
            raise RuleViolation("E-postadressen brukes allerede av en ansatt her.")
        return user
    user = User(username=email, email=email, first_name=participant.name[:150])
    user.set_unusable_password()
    user.save()
    ParticipantAccount.objects.create(user=user)
    return user


def invitation_for_token(token: str, *, now=None) -> Invitation | None:
    """The unused, unexpired invitation this token opens, or None."""
    now = now or timezone.now()
    return (
        Invitation.objects.select_related("participant__user")
        .filter(token_hash=token_hash(token), used_at__isnull=True, expires_at__gt=now)
        .first()
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, password: str, now=None):
    """The invited participant chooses a password; the link cannot be used again."""
    now = now or timezone.now()
    claimed = Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(used_at=now)
    if not claimed:
        raise RuleViolation("Invitasjonen er allerede brukt.")
    user = invitation.participant.user
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


# --- The owner's consent to each participant's access -----------------------------------------


@transaction.atomic
def access_consent_give(
    *,
    participant: Participant,
    by,
    scope: str,
    valid_from: datetime.date,
    valid_to: datetime.date,
    given_as: str,
    given_by_name: str,
    method: str,
    acr: str = "",
    today: datetime.date | None = None,
) -> AccessConsent:
    """Give or change the consent to one participant's access. A change withdraws the
    consent in force and records the new one, so the history shows both."""
    lock_plan(participant.plan)
    today = today or timezone.localdate()
    if participant.role in STAFF_ROLES:
        raise RuleViolation("Koordinatoren har tilgang til planen gjennom oppnevningen.")
    if scope not in AccessConsent.Scope.values:
        raise RuleViolation("Velg hva deltakeren skal få se.")
    if method == AccessConsent.Method.IDPORTEN and not acr:
        raise RuleViolation("Logg inn med ID-porten på nytt for å gi samtykke.")
    problems = access_rules.access_consent_refusals(
        valid_from=valid_from, valid_to=valid_to, today=today
    )
    if problems:
        raise RuleViolation(problems)
    now = timezone.now()
    for old in AccessConsent.objects.select_for_update().filter(
        participant=participant, withdrawn_at__isnull=True
    ):
        _withdraw(old, by=by, reason="Erstattet av et nytt samtykke.", now=now)
    consent = AccessConsent(
        participant=participant,
        scope=scope,
        valid_from=valid_from,
        valid_to=valid_to,
        given_as=given_as,
        given_by_name=given_by_name.strip(),
        method=method,
        acr=acr,
        recorded_by=by,
        given_at=now,
    )
    save(consent, by=by)
    notices.notify_participant(participant, notices.ACCESS, reverse("participant:plans"))
    return consent


def _withdraw(consent: AccessConsent, *, by, reason: str, now) -> None:
    consent.withdrawn_at = now
    consent.withdrawn_by = by
    consent.withdrawn_reason = reason
    save(consent, by=by, update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])


@transaction.atomic
def access_consent_withdraw(*, consent: AccessConsent, by, reason: str = "") -> AccessConsent:
    """The participant loses access at once: their next request is answered 404."""
    locked = AccessConsent.objects.select_for_update().get(pk=consent.pk)
    if locked.withdrawn_at is not None:
        raise RuleViolation("Samtykket er allerede trukket tilbake.")
    _withdraw(locked, by=by, reason=reason, now=timezone.now())
    notices.notify_participant(consent.participant, notices.ACCESS, reverse("participant:plans"))
    return locked


def access_consents_withdraw_for_plan(*, plan: Plan, by, reason: str, scope=None) -> int:
    """Withdraw the access consents in force in a plan (of one scope, or all)."""
    consents = AccessConsent.objects.select_for_update().filter(
        participant__plan=plan, withdrawn_at__isnull=True
    )
    if scope is not None:
        consents = consents.filter(scope=scope)
    now = timezone.now()
    count = 0
    for consent in consents:
        _withdraw(consent, by=by, reason=reason, now=now)
        count += 1
    return count


# --- Working together ---------------------------------------------------------------------


def _coordinators_of(plan: Plan):
    return [
        a.coordinator.user
        for a in Appointment.objects.filter(
            case_id=plan.case_id, ended_on__isnull=True
        ).select_related("coordinator__user")
    ]


def _tell_coordinators(plan: Plan) -> None:
    path = reverse("plans:together", args=[plan.case_id])
    for user in _coordinators_of(plan):
        notices.notify_user(user, notices.COMMENT, path)


@transaction.atomic
def goal_comment_add(*, goal: Goal, by, author_name: str, text: str) -> GoalComment:
    lock_plan(goal.plan)
    comment = GoalComment(goal=goal, author=by, author_name=author_name, text=text.strip())
    save(comment, by=by)
    _tell_coordinators(goal.plan)
    return comment


@transaction.atomic
def proposal_add(*, plan: Plan, by, author_name: str, kind: str, text: str) -> Proposal:
    lock_plan(plan)
    proposal = Proposal(plan=plan, author=by, author_name=author_name, kind=kind, text=text.strip())
    save(proposal, by=by)
    _tell_coordinators(plan)
    return proposal


@transaction.atomic
def message_send(
    *,
    plan: Plan,
    by,
    author_name: str,
    text: str,
    to_everyone: bool,
    recipients=(),
    confidential: bool = False,
    sees_confidential=lambda participant: False,
) -> PlanMessage:
    """A message to everyone in the plan or to named participants; the coordinator sees
    all. A confidential message goes only to participants allowed to read it."""
    lock_plan(plan)
    recipients = list(recipients)
    if not to_everyone and not recipients:
        raise RuleViolation("Velg hvem meldingen skal til, eller send den til alle.")
    if any(p.plan_id != plan.pk for p in recipients):
        raise RuleViolation("Meldingen kan bare gå til deltakere i denne planen.")
    if confidential:
        barred = [p.name for p in recipients if not sees_confidential(p)]
        if barred:
            raise RuleViolation(
                "Disse deltakerne har ikke samtykke til taushetsbelagte opplysninger: "
                + ", ".join(barred)
                + "."
            )
    message = PlanMessage(
        plan=plan,
        author=by,
        author_name=author_name,
        text=text.strip(),
        to_everyone=to_everyone,
        confidential=confidential,
    )
    save(message, by=by)
    message.recipients.set(recipients)
    path = reverse("participant:plan", args=[plan.pk])
    told = recipients if not to_everyone else list(plan.participants.all())
    for participant in told:
        if (
            participant.user_id != by.pk
            and may_open_the_plan(participant)
            and (not confidential or sees_confidential(participant))
        ):
            notices.notify_participant(participant, notices.MESSAGE, path)
    return message


def may_open_the_plan(participant) -> bool:
    """Worth a notice: the owner's consent lets them in, or they decide over the plan
    as a parent or guardian. (A parent of a 16-year-old may be told in vain.)"""
    relation = participant.relation
    if relation is not None and relation.role in (
        access_rules.PARENT,
        access_rules.GUARDIAN,
    ):
        return True
    consents = getattr(participant, "consents_in_force", None)
    if consents is None:
        today = timezone.localdate()
        return participant.access_consents.filter(
            withdrawn_at__isnull=True, valid_from__lte=today, valid_to__gte=today
        ).exists()
    return bool(consents)


@transaction.atomic
def measure_mark_done(*, measure: Measure, by, author_name: str) -> Measure:
    """The participant responsible for a measure marks it carried out."""
    lock_plan(measure.plan)
    if measure.status == ItemStatus.REACHED:
        raise RuleViolation("Tiltaket er allerede merket som gjennomført.")
    measure.status = ItemStatus.REACHED
    measure.status_note = f"Merket gjennomført av {author_name}."
    save(measure, by=by, update_fields=["status", "status_note"])
    return measure
