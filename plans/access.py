"""The one place that decides which plans a participant user may see, and how much.

A participant user is a citizen (cases.CitizenAccount, logged in through ID-porten) or a
participant from another service (plans.ParticipantAccount). They never reach the staff
pages (plans.confinement). A plan is visible to them while it is not closed and

- they are its person, 16 or older (the owner), or
- they are a registered parent of a person under 16, or a guardian (the representative), or
- one of the plan's participants is them (their account, or their relation's national
  id) and the owner's consent to that participant's access is in force today.

Everything else is answered with 404. Staff see plans through the case scope instead.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from cases.models import CitizenAccount, Relation
from core.dates import add_years
from plans import access_rules
from plans.access_rules import OWNER, PARTICIPANT, REPRESENTATIVE
from plans.models import AccessConsent, Participant, ParticipantAccount, Plan


def is_participant_user(user) -> bool:
    """A citizen or another service's participant: someone the staff pages are not for."""
    if not user.is_authenticated:
        return False
    return (
        CitizenAccount.objects.filter(user=user).exists()
        or ParticipantAccount.objects.filter(user=user).exists()
    )


def national_id_of(user) -> str:
    """The ID-porten national id of a citizen user, or "" for anyone else."""
    if not user.is_authenticated:
        return ""
    return (
        CitizenAccount.objects.filter(user=user).values_list("national_id", flat=True).first() or ""
    )


def consents_in_force(today: datetime.date):
    return AccessConsent.objects.filter(
        withdrawn_at__isnull=True, valid_from__lte=today, valid_to__gte=today
    )


def _is_me(user, national_id: str) -> Q:
    """An access consent (relative to AccessConsent) given to a participant that is this
    user, in the plan of the outer query."""
    me = Q(participant__user=user)
    if national_id:
        me |= Q(
            participant__relation__national_id=national_id,
            participant__relation__person=OuterRef("person"),
        )
    return me & Q(participant__plan=OuterRef("pk"))


def participant_plans(user, *, national_id: str | None = None, today=None) -> QuerySet:
    """The plans this participant user may open, closed plans never."""
    if not user.is_authenticated:
        return Plan.objects.none()
    today = today or timezone.localdate()
    national_id = national_id_of(user) if national_id is None else national_id
    of_age_born_by = add_years(today, -access_rules.CONSENT_AGE)
    visible = Exists(consents_in_force(today).filter(_is_me(user, national_id)))
    if national_id:
        relations = Relation.objects.filter(person=OuterRef("person"), national_id=national_id)
        visible |= Q(person__national_id=national_id, person__born_on__lte=of_age_born_by)
        visible |= Exists(relations.filter(role=Relation.Role.GUARDIAN))
        visible |= Exists(relations.filter(role=Relation.Role.PARENT)) & (
            Q(person__born_on__gt=of_age_born_by) | Q(person__born_on__isnull=True)
        )
    return Plan.objects.exclude(status=Plan.Status.CLOSED).filter(visible)


@dataclass(frozen=True)
class PlanAccess:
    """What one user may do in one plan."""

    standing: str  # OWNER, REPRESENTATIVE or PARTICIPANT
    # The plan's participant rows that are this user (a parent may be listed once).
    mine: tuple[Participant, ...]
    consent: AccessConsent | None
    role_label: str  # how the access log names their role
    given_as: str  # as whom a consent they give is recorded (AccessConsent.GivenAs)

    @property
    def decides(self) -> bool:
        """The owner, or the owner's representative, gives and withdraws consents."""
        return self.standing in (OWNER, REPRESENTATIVE)

    @property
    def confidential(self) -> bool:
        if self.decides:
            return True
        return self.consent is not None and self.consent.scope == AccessConsent.Scope.CONFIDENTIAL

    @property
    def participant_ids(self) -> set[int]:
        return {p.pk for p in self.mine}


def participants_prefetch(today: datetime.date) -> Prefetch:
    """A plan's participants with the relation they log in by and their consent in force."""
    return Prefetch(
        "participants",
        queryset=Participant.objects.select_related("relation").prefetch_related(
            Prefetch(
                "access_consents",
                queryset=consents_in_force(today),
                to_attr="consents_in_force",
            )
        ),
    )


def sees_confidential(participant, *, today=None) -> bool:
    """Whether the owner's consent in force lets this participant see confidential
    information; reads `consents_in_force` where `participants_prefetch` put it."""
    consents = getattr(participant, "consents_in_force", None)
    if consents is None:
        consents = consents_in_force(today or timezone.localdate()).filter(participant=participant)
    return any(c.scope == AccessConsent.Scope.CONFIDENTIAL for c in consents)


def plan_access(user, plan: Plan, *, national_id: str, today: datetime.date) -> PlanAccess | None:
    """How `user` may use `plan`, read from a plan fetched with `person`, its relations
    (`person__relations`) and `participants_prefetch`: no query of its own."""
    person = plan.person
    relation_roles = {
        r.role for r in person.relations.all() if national_id and r.national_id == national_id
    }
    mine = tuple(
        p
        for p in plan.participants.all()
        if p.user_id == user.pk
        or (national_id and p.relation_id and p.relation.national_id == national_id)
    )
    standing = access_rules.citizen_standing(
        is_person=bool(national_id) and person.national_id == national_id,
        relation_roles=relation_roles,
        person_of_age=access_rules.of_consent_age(person.born_on, today),
    )
    if standing == OWNER:
        return PlanAccess(OWNER, mine, None, "Planeier", AccessConsent.GivenAs.PERSON)
    if standing == REPRESENTATIVE:
        guardian = access_rules.GUARDIAN in relation_roles
        label, given_as = (
            ("Verge", AccessConsent.GivenAs.GUARDIAN)
            if guardian
            else ("Forelder", AccessConsent.GivenAs.PARENT)
        )
        return PlanAccess(REPRESENTATIVE, mine, None, label, given_as)
    granted = [(p, c) for p in mine for c in p.consents_in_force]
    if not granted:
        return None
    # Listed twice (rare): the wider consent counts.
    participant, consent = max(
        granted, key=lambda pc: pc[1].scope == AccessConsent.Scope.CONFIDENTIAL
    )
    return PlanAccess(PARTICIPANT, mine, consent, participant.get_role_display(), "")
