"""What a case and a consent must hold, as Norwegian refusals. Pure.

Forms call these to put the message on the right field; services call them again and
refuse with RuleViolation, so a caller that skips the form is held to the same rules.
"""

from collections.abc import Sequence

from cases.models.case import Case


def requested_service_refusals(
    *, requests_coordinator: bool, requests_child_coordinator: bool, requests_plan: bool
) -> list[str]:
    if requests_coordinator or requests_child_coordinator or requests_plan:
        return []
    return ["Velg minst én tjeneste saken gjelder."]


def notifier_refusals(*, origin: str, notifier_name: str) -> list[str]:
    """A notification from health personnel names who sent it (hpl. § 38 a)."""
    if origin == Case.Origin.NOTIFICATION and not (notifier_name or "").strip():
        return ["En melding fra helsepersonell må ha navnet på den som meldte."]
    return []


def consent_scope_refusals(
    *, covers_plan: bool, covers_sharing: bool, sharing_with: str
) -> dict[str, list[str]]:
    """Field name -> refusals. A consent covers the plan, the sharing, or both."""
    refusals: dict[str, list[str]] = {}
    if not (covers_plan or covers_sharing):
        refusals["covers_plan"] = ["Kryss av for hva samtykket gjelder."]
    if covers_sharing and not (sharing_with or "").strip():
        refusals["sharing_with"] = ["Skriv hvem opplysningene kan deles med."]
    return refusals


def second_open_case_refusals(open_case_numbers: Sequence[str], *, confirmed: bool) -> list[str]:
    """A person with an open case gets no second one by accident (one IP per person)."""
    if not open_case_numbers or confirmed:
        return []
    return [
        f"Personen har allerede en åpen sak ({', '.join(open_case_numbers)}). Bruk den saken, "
        "eller kryss av for «Registrer en ny sak likevel»."
    ]
