"""A complete letter of each kind, built without a database."""

from dataclasses import replace
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


def complete_letter(service=ServiceKind.COORDINATOR, outcome=letters.OUTCOME_GRANTED):
    grant = outcome in letters.GRANTING_OUTCOMES
    return letters.Letter(
        municipality="Eksempel kommune",
        unit="Koordinerende enhet",
        sender_address="Rådhusgata 1, 0001 Eksempelby",
        letter_date=date(2026, 3, 2),
        case_number="2026/0042",
        addressee=letters.Address("Kari Nordmann", ("Storgata 1", "0155 Eksempelby")),
        parties=("Kari Nordmann (søker)",),
        concerns="Kari Nordmann",
        service=service,
        outcome=outcome,
        outcome_label="Innvilget" if grant else "Avslag",
        decision_text=letters.decision_text(
            service=service, outcome=outcome, concerns="Kari Nordmann"
        ),
        children=("Kari Nordmann, født 01.02.2016",)
        if service == ServiceKind.CHILD_COORDINATOR
        else (),
        starts_on=date(2026, 3, 2) if grant else None,
        coordinator_text=letters.coordinator_text(
            service=service, outcome=outcome, coordinator="Per Koordinator"
        ),
        legal_basis="Vedtaket er fattet etter pasient- og brukerrettighetsloven § 2-5 b.",
        facts="– Personen mottar hjemmesykepleie og fysioterapi.",
        reasons="Vilkårene er vurdert slik: behovet er langvarig og koordinert.",
        **letters.complaint_texts(
            unit="Koordinerende enhet",
            municipality="Eksempel kommune",
            address="Rådhusgata 1, 0001 Eksempelby",
            appeal_body="Statsforvalteren i Eksempel",
        ),
        plan_rights_text=letters.PLAN_RIGHTS_TEXT if service == ServiceKind.PLAN else "",
        contact_name="Sara Saksbehandler",
        contact_details="Telefon 12 34 56 78, e-post ke@kommune.example",
        signature="Sara Saksbehandler\nsaksbehandler",
    )


def without(letter, **changes):
    return replace(letter, **changes)
