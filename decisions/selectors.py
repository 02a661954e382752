"""Reads: what a case has to decide, decisions in the user's scope, the letter's content,
who gets the letter."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from cases.models import Case, FamilyMember, Relation
from cases.scoping import case_visible
from core.dates import add_years
from decisions import letters
from decisions.models import Complaint, Decision, Dispatch, Letter
from decisions.receipts import covering_decisions_q
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


def _decisions_visible_to(user):
    return Decision.objects.filter(case_visible(user, "case__"))


def decision_list(user):
    return _decisions_visible_to(user).select_related("case", "case__person")


def sent_in(decisions, *, since: datetime.date, before: datetime.date | None = None):
    """The decisions sent on `since` or later (and before `before`).

    A decision belongs to the day it was sent: `sent_on`, the local date in Oslo when it
    went out, the "Sendt" date every list shows. Oversikt's figures per month and the
    decision list's month filter both read this, so they count the same decisions.
    """
    sent = decisions.filter(sent_on__gte=since)
    return sent if before is None else sent.filter(sent_on__lt=before)


def decision_for_detail(user):
    """The decision with what its page shows. The case and its header come in a second
    read: as one join of ten tables, PostgreSQL took 15-30 ms to plan it (the rows
    themselves under 1 ms); as two, about 2 ms."""
    return (
        _decisions_visible_to(user)
        .select_related("assessment", "approved_by", "decided_by", "replaces")
        .prefetch_related(
            Prefetch("case", queryset=Case.objects.select_related("person", "family", "caseworker"))
        )
    )


def case_decisions(case):
    return (
        Decision.objects.filter(case=case)
        .select_related("replaces")
        .prefetch_related("complaints")
        .order_by("created_at", "id")
    )


def decision_letters(decision):
    """The letters that carry the decision: sent from it, or covering it with others."""
    return (
        Letter.objects.filter(covering_decisions_q(decision), kind=Letter.Kind.DECISION)
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
            case_visible(user, "letter__decision__case__"),
            channel=Dispatch.Channel.OUTBOX,
        )
        .select_related("letter", "letter__decision", "letter__decision__case")
        .order_by("-queued_at", "-id")
    )


def decision_complaints(decision):
    return (
        Complaint.objects.filter(decision=decision)
        .select_related("new_decision", "registered_by")
        .select_related("on_rejection")
        .prefetch_related(Prefetch("letters", queryset=Letter.objects.order_by("kind", "id")))
    )


def letter_scope(user):
    return Letter.objects.filter(case_visible(user, "decision__case__")).select_related(
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
            case_visible(user, "letter__decision__case__"),
            channel=Dispatch.Channel.POST,
            status=Dispatch.Status.QUEUED,
        )
        .select_related("letter", "letter__decision", "letter__decision__case")
        .order_by("queued_at", "id")
    )


def failed_dispatches(user):
    return Dispatch.objects.filter(
        case_visible(user, "letter__decision__case__"), status=Dispatch.Status.FAILED
    ).select_related("letter__decision__case")


# --- Recipients ---------------------------------------------------------------------------

# From 16 the young person holds the health-law consent and is a party (pbrl. §§ 3-4, 4-3).
PARTY_AGE = 16


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
    voice: letters.Voice = letters.Voice()

    @property
    def address_lines(self) -> tuple[str, ...]:
        """The address block of the letter."""
        return PROTECTED_ADDRESS_LINES if self.protected else self.postal_lines


def is_child(person, on: datetime.date) -> bool:
    if person.born_on is None:
        return True  # unborn
    adult_on = eighteenth_birthday(person.born_on)
    return adult_on is None or adult_on > on


def is_own_party(person, on: datetime.date) -> bool:
    """The person gets the decision themselves: from 16 (pbrl. §§ 3-4, 4-3)."""
    return person.born_on is not None and add_years(person.born_on, PARTY_AGE) <= on


def _relation_lines(relation: Relation) -> tuple[str, ...]:
    return tuple(part.strip() for part in relation.address.split(",") if part.strip())


def _child_phrase(person, you: str) -> str:
    """How a parent's letter names the child: "barnet deres, Noah" or "barnet dere venter"."""
    if person.is_unborn:
        return f"barnet {you} venter"
    return f"barnet {'ditt' if you == 'du' else 'deres'}, {person.given_name}"


def recipients(case: Case, *, on: datetime.date | None = None) -> list[Recipient]:
    """Who the letters go to, each once, and how each letter speaks to them.

    An adult, and any guardian. From 16 the young person too, beside each holder of
    parental responsibility (who keep what their responsibility needs until 18). Under 16
    (and before birth) each holder of parental responsibility and any guardian.
    """
    on = on or timezone.localdate()
    person = case.person
    parties = [r for r in person.relations.all() if r.is_party]
    # A protected address protects the household: the person and the parents a child lives
    # with. A guardian (verge) lives elsewhere and keeps an address of their own.
    protected = person.has_protected_address
    result = []
    if is_own_party(person, on):
        postal = tuple(
            line
            for line in (person.address, f"{person.postal_code} {person.postal_town}".strip())
            if line
        )
        youth = is_child(person, on)
        voice = letters.Voice("du", is_family_reader=youth)
        role = "Søker" if not youth else "Selv part fra 16 år"
        result.append(
            Recipient(
                f"person:{person.pk}",
                person.full_name,
                role,
                person.national_id or "",
                () if protected else postal,
                protected,
                voice,
            )
        )
        if not youth:
            parties = [r for r in parties if r.role == Relation.Role.GUARDIAN]
    you = "dere" if len(parties) > 1 else "du"
    for relation in parties:
        if relation.role == Relation.Role.GUARDIAN and not is_child(person, on):
            voice = letters.Voice("du", child=person.full_name)
        else:
            voice = letters.Voice(you, child=_child_phrase(person, you))
        shielded = protected and relation.role == Relation.Role.PARENT
        result.append(
            Recipient(
                f"relation:{relation.pk}",
                relation.name,
                relation.get_role_display(),
                relation.national_id,
                () if shielded else _relation_lines(relation),
                shielded,
                voice,
            )
        )
    return result


APPEAL_BODY_KEY = "statsforvalteren"


def appeal_body() -> Recipient:
    """Statsforvalteren, an organisation: reached through SvarUt by its organisation number
    (KE_COUNTY_GOVERNOR_ORGNR), or by our print batch at its postal address; never by email."""
    lines = tuple(p.strip() for p in settings.KE_COUNTY_GOVERNOR_ADDRESS.split(",") if p.strip())
    return Recipient(
        APPEAL_BODY_KEY,
        settings.KE_COUNTY_GOVERNOR,
        "Klageinstans",
        settings.KE_COUNTY_GOVERNOR_ORGNR,
        lines,
    )


def recipient_of(letter: Letter) -> Recipient | None:
    """The recipient a stored letter was made for, as the case stands now."""
    if letter.recipient_key == APPEAL_BODY_KEY:
        return appeal_body()
    found = recipients(letter.decision.case, on=letter.sent_on or letter.decision.sent_on)
    return next((r for r in found if r.key == letter.recipient_key), None)


# Who is appointed is known to coordinators, which sits above decisions: it registers a
# lookup here at start-up (CoordinatorsConfig.ready). With none registered, a grant's
# letter says that a coordinator will be appointed.
_coordinator_lookup: Callable[..., str] | None = None


def register_coordinator_lookup(lookup: Callable[..., str]) -> None:
    """`lookup(case_id=..., service=...)` names the coordinator appointed now, or gives ""."""
    global _coordinator_lookup
    _coordinator_lookup = lookup


def coordinator_name(decision: Decision) -> str:
    if _coordinator_lookup is None or decision.service not in letters.COORDINATOR_SERVICES:
        return ""
    return _coordinator_lookup(case_id=decision.case_id, service=decision.service)


def describe_child(person) -> str:
    if person.born_on:
        return f"{person.full_name}, født {person.born_on:%d.%m.%Y}"
    if person.expected_on:
        return f"{person.full_name} (ufødt, termin {person.expected_on:%d.%m.%Y})"
    return person.full_name


def family_children(case: Case) -> tuple[str, ...]:
    children = [case.person]
    if case.family_id:
        members = FamilyMember.objects.filter(
            family=case.family_id, role=FamilyMember.Role.CHILD
        ).select_related("person")
        children += [m.person for m in members if m.person_id != case.person_id]
    return tuple(describe_child(p) for p in children)


def unsent_companions(decision: Decision) -> list[Decision]:
    """The case's other decisions still being drafted: they may go in the same letter."""
    return list(
        Decision.objects.filter(
            case=decision.case_id,
            status__in=(Decision.Status.DRAFT, Decision.Status.AWAITING_APPROVAL),
            replaced_by__isnull=True,
        )
        .exclude(pk=decision.pk)
        .select_related("assessment", "approved_by", "decided_by")
        .order_by("created_at", "id")
    )
