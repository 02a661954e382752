"""A complete letter of each kind, built without a database."""

import dataclasses
from datetime import date

from cases.vocabulary import ServiceKind
from decisions import letters

KINDS = [
    (service, outcome)
    for service in (
        ServiceKind.COORDINATOR,
        ServiceKind.CHILD_COORDINATOR,
        ServiceKind.PLAN,
    )
    for outcome in (letters.OUTCOME_GRANTED, letters.OUTCOME_REFUSED)
]

SECTION_FIELDS = {f.name for f in dataclasses.fields(letters.ServiceDecision)}
LABELS = {
    letters.OUTCOME_GRANTED: "Innvilget",
    letters.OUTCOME_REFUSED: "Avslag",
    letters.OUTCOME_PARTLY_GRANTED: "Delvis innvilget",
}


def complete_section(service=ServiceKind.COORDINATOR, outcome=letters.OUTCOME_GRANTED, **changes):
    grant = outcome in letters.GRANTING_OUTCOMES
    voice = letters.Voice()
    section = letters.ServiceDecision(
        service=service,
        outcome=outcome,
        outcome_label=LABELS[outcome],
        decision_text=letters.decision_text(service=service, outcome=outcome, voice=voice),
        children=("Kari Nordmann, født 01.02.2016",)
        if service == ServiceKind.CHILD_COORDINATOR
        else (),
        starts_on=date(2026, 3, 2) if grant else None,
        coordinator_text=letters.coordinator_text(
            service=service, outcome=outcome, coordinator="Per Koordinator", voice=voice
        ),
        legal_basis="Vedtaket er fattet etter pasient- og brukerrettighetsloven § 2-5 b.",
        facts="– Du mottar hjemmesykepleie og fysioterapi.",
        reasons="Behovet er langvarig og koordinert."
        if grant
        else "Du har bare én helse- og omsorgstjeneste.",
        granted_part="Koordinator fra 1. april."
        if outcome == letters.OUTCOME_PARTLY_GRANTED
        else "",
        refused_part="Koordinator fra 1. mars avslås: tjenestene starter først i april."
        if outcome == letters.OUTCOME_PARTLY_GRANTED
        else "",
        plan_rights_text=letters.PLAN_RIGHTS_TEXT if service == ServiceKind.PLAN else "",
    )
    return dataclasses.replace(section, **changes)


def complete_letter(service=ServiceKind.COORDINATOR, outcome=letters.OUTCOME_GRANTED):
    return letters.Letter(
        municipality="Eksempel kommune",
        unit="Koordinerende enhet",
        sender_address="Rådhusgata 1, 0001 Eksempelby",
        letter_date=date(2026, 3, 2),
        case_number="2026/0042",
        addressee=letters.Address("Kari Nordmann", ("Storgata 1", "0155 Eksempelby")),
        parties=("Kari Nordmann (søker)",),
        concerns="Kari Nordmann",
        decisions=(complete_section(service, outcome),),
        assumed_received_on=date(2026, 3, 2),
        complaint_deadline=date(2026, 3, 30),
        **letters.complaint_texts(
            unit="Koordinerende enhet",
            municipality="Eksempel kommune",
            address="Rådhusgata 1, 0001 Eksempelby",
            appeal_body="Statsforvalteren i Eksempel",
        ),
        contact_name="Sara Saksbehandler",
        contact_details="Telefon 12 34 56 78, e-post ke@kommune.example",
        signature="Sara Saksbehandler\nsaksbehandler",
        laws=letters.laws_listed([service]),
    )


def without(letter, **changes):
    """The letter with `changes`; a field of a service's part changes its first section."""
    own = {k: v for k, v in changes.items() if k not in SECTION_FIELDS}
    section = {k: v for k, v in changes.items() if k in SECTION_FIELDS}
    if section:
        first, *rest = letter.decisions
        own["decisions"] = (dataclasses.replace(first, **section), *rest)
    return dataclasses.replace(letter, **own)
