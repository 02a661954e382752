"""Reads: what a case has to decide, decisions in the user's scope, the letter's content,
who gets the letter."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.templatetags.static import static
from django.utils import timezone

from cases.models import Case, FamilyMember, Relation
from cases.vocabulary import ServiceKind
from decisions import letters
from decisions.models import Complaint, Decision, Dispatch, Letter
from eligibility.rules import eighteenth_birthday


def granted_services(case) -> set[str]:
    """The services (ServiceKind values) the case has a sent grant for."""
    return set(
        Decision.objects.filter(
            case=case, status__in=Decision.SENT_STATUSES, outcome__in=Decision.GRANTING_OUTCOMES
        ).values_list("service", flat=True)
    )


# --- What a case has to decide, and what falls due ----------------------------------------


def current_decision(case: Case, service: str) -> Decision | None:
    """The decision on this service that has not been replaced by a newer one."""
    return Decision.objects.filter(case=case, service=service, replaced_by__isnull=True).first()


def services_to_decide(case: Case) -> list[str]:
    """Requested services that have no decision yet."""
    decided = set(Decision.objects.filter(case=case).values_list("service", flat=True))
    return [kind for kind in case.requested_kinds() if kind not in decided]


# --- Scoped lists and details ------------------------------------------------------------


def decision_list(user):
    visible = Case.objects.visible_to(user)
    return Decision.objects.filter(case__in=visible).select_related("case", "case__person")


def decision_for_detail(user):
    return decision_list(user).select_related(
        "case__family", "case__caseworker", "assessment", "approved_by", "decided_by", "replaces"
    )


def case_decisions(case):
    return (
        Decision.objects.filter(case=case)
        .select_related("replaces")
        .prefetch_related("complaints")
        .order_by("created_at", "id")
    )


def decision_letters(decision):
    return (
        Letter.objects.filter(decision=decision, kind=Letter.Kind.DECISION)
        .prefetch_related("dispatches")
        .order_by("id")
    )


def letters_working(letters) -> bool:
    """Any of these letters (dispatches prefetched) still being rendered or sent."""
    return any(d.is_working for letter in letters for d in letter.dispatches.all())


def outbox(user):
    """Letters "sent" to the local outbox (no SvarUt configured), newest first."""
    return (
        Dispatch.objects.filter(
            channel=Dispatch.Channel.OUTBOX,
            letter__decision__case__in=Case.objects.visible_to(user),
        )
        .select_related("letter", "letter__decision", "letter__decision__case")
        .order_by("-queued_at", "-id")
    )


def decision_complaints(decision):
    return (
        Complaint.objects.filter(decision=decision)
        .select_related("new_decision", "registered_by")
        .prefetch_related(
            Prefetch("letters", queryset=Letter.objects.filter(kind=Letter.Kind.FORWARDING))
        )
    )


def letter_scope(user):
    return Letter.objects.filter(decision__case__in=Case.objects.visible_to(user)).select_related(
        "decision", "decision__case"
    )


def complaint_scope(user):
    return Complaint.objects.filter(decision__in=decision_list(user)).select_related(
        "decision__case"
    )


def dispatch_scope(user):
    return Dispatch.objects.filter(letter__decision__in=decision_list(user)).select_related(
        "letter__decision__case"
    )


def print_batch(user):
    """Letters waiting to be printed and posted, oldest first."""
    return (
        Dispatch.objects.filter(
            channel=Dispatch.Channel.POST,
            status=Dispatch.Status.QUEUED,
            letter__decision__case__in=Case.objects.visible_to(user),
        )
        .select_related("letter", "letter__decision", "letter__decision__case")
        .order_by("queued_at", "id")
    )


def failed_dispatches(user):
    return Dispatch.objects.filter(
        status=Dispatch.Status.FAILED, letter__decision__case__in=Case.objects.visible_to(user)
    ).select_related("letter__decision__case")


# --- Recipients ---------------------------------------------------------------------------


# The address block of a letter to a protected address: the letter goes through SvarUt,
# which finds the address itself; ours is never printed.
PROTECTED_ADDRESS_LINES = ("Sendes gjennom KS SvarUt",)


@dataclass(frozen=True)
class Recipient:
    key: str
    name: str
    role: str
    national_id: str
    # Empty for a protected address: it never leaves the person page's own record.
    postal_lines: tuple[str, ...]
    protected: bool = False

    @property
    def address_lines(self) -> tuple[str, ...]:
        """The address block of the letter."""
        return PROTECTED_ADDRESS_LINES if self.protected else self.postal_lines


def is_child(person, on: datetime.date) -> bool:
    if person.born_on is None:
        return True  # unborn
    adult_on = eighteenth_birthday(person.born_on)
    return adult_on is None or adult_on > on


def _relation_lines(relation: Relation) -> tuple[str, ...]:
    return tuple(part.strip() for part in relation.address.split(",") if part.strip())


def recipients(case: Case, *, on: datetime.date | None = None) -> list[Recipient]:
    """Who the letter goes to: a child's parents and guardians; an adult and any guardian."""
    on = on or timezone.localdate()
    person = case.person
    parties = [r for r in person.relations.all() if r.is_party]
    # A protected address protects the household: the person and the parents a child lives
    # with. A guardian (verge) lives elsewhere and keeps an address of their own.
    protected = person.has_protected_address
    result = []
    if not is_child(person, on):
        postal = tuple(
            line
            for line in (person.address, f"{person.postal_code} {person.postal_town}".strip())
            if line
        )
        result.append(
            Recipient(
                f"person:{person.pk}",
                person.full_name,
                "Søker",
                person.national_id or "",
                () if protected else postal,
                protected,
            )
        )
        parties = [r for r in parties if r.role == Relation.Role.GUARDIAN]
    for relation in parties:
        shielded = protected and relation.role == Relation.Role.PARENT
        result.append(
            Recipient(
                f"relation:{relation.pk}",
                relation.name,
                relation.get_role_display(),
                relation.national_id,
                () if shielded else _relation_lines(relation),
                shielded,
            )
        )
    return result


def recipient_of(letter: Letter) -> Recipient | None:
    """The recipient a stored letter was made for, as the case stands now."""
    found = recipients(letter.decision.case, on=letter.decision.sent_on)
    return next((r for r in found if r.key == letter.recipient_key), None)


# --- The letter's content ---------------------------------------------------------------------


# Who is appointed is known to coordinators, which sits above decisions: it registers a
# lookup here at start-up (CoordinatorsConfig.ready). With none registered, a grant's
# letter says that a coordinator will be appointed.
_coordinator_lookup: Callable[..., str] | None = None


def register_coordinator_lookup(lookup: Callable[..., str]) -> None:
    """`lookup(case_id=..., service=...)` names the coordinator appointed now, or gives ""."""
    global _coordinator_lookup
    _coordinator_lookup = lookup


def _coordinator_name(decision: Decision) -> str:
    if _coordinator_lookup is None or decision.service not in letters.COORDINATOR_SERVICES:
        return ""
    return _coordinator_lookup(case_id=decision.case_id, service=decision.service)


def _describe_child(person) -> str:
    if person.born_on:
        return f"{person.full_name}, født {person.born_on:%d.%m.%Y}"
    if person.expected_on:
        return f"{person.full_name} (ufødt, termin {person.expected_on:%d.%m.%Y})"
    return person.full_name


def _children(case: Case) -> tuple[str, ...]:
    children = [case.person]
    if case.family_id:
        members = FamilyMember.objects.filter(
            family=case.family_id, role=FamilyMember.Role.CHILD
        ).select_related("person")
        children += [m.person for m in members if m.person_id != case.person_id]
    return tuple(_describe_child(p) for p in children)


def _full_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def decision_letter(
    decision: Decision,
    *,
    recipient: Recipient | None = None,
    letter_date: datetime.date | None = None,
) -> letters.Letter:
    """The content of the letter for one recipient (the first, when none is given)."""
    case = decision.case
    all_recipients = recipients(case)
    if recipient is None and all_recipients:
        recipient = all_recipients[0]
    municipality, unit = settings.MUNICIPALITY_NAME, settings.KE_UNIT_NAME
    contact = decision.decided_by or case.caseworker
    signature = [_full_name(contact), f"saksbehandler, {unit.lower()}"] if contact else []
    if decision.approved_by:
        signature += [_full_name(decision.approved_by), "leder"]
    return letters.Letter(
        municipality=municipality,
        unit=unit,
        sender_address=settings.KE_ADDRESS,
        letter_date=letter_date or timezone.localdate(),
        case_number=case.number,
        addressee=letters.Address(recipient.name, recipient.address_lines) if recipient else None,
        parties=tuple(f"{r.name} ({r.role.lower()})" for r in all_recipients),
        concerns=case.person.full_name,
        service=decision.service,
        outcome=decision.outcome,
        outcome_label=decision.get_outcome_display(),
        decision_text=letters.decision_text(
            service=decision.service, outcome=decision.outcome, concerns=case.person.full_name
        ),
        children=_children(case) if decision.service == ServiceKind.CHILD_COORDINATOR else (),
        starts_on=decision.starts_on,
        coordinator_text=letters.coordinator_text(
            service=decision.service,
            outcome=decision.outcome,
            coordinator=_coordinator_name(decision),
        ),
        legal_basis=decision.legal_basis,
        facts=decision.facts,
        reasons=decision.reasons,
        **letters.complaint_texts(
            unit=unit,
            municipality=municipality,
            address=settings.KE_ADDRESS,
            appeal_body=settings.KE_COUNTY_GOVERNOR,
        ),
        plan_rights_text=letters.PLAN_RIGHTS_TEXT if decision.service == ServiceKind.PLAN else "",
        contact_name=_full_name(contact),
        contact_details=f"Telefon {settings.KE_PHONE}, e-post {settings.KE_EMAIL}",
        signature="\n".join(signature),
        logo=static(settings.KE_LETTER_LOGO) if settings.KE_LETTER_LOGO else "",
    )
