from cases import rules


def test_a_case_asks_for_at_least_one_service():
    assert rules.requested_service_refusals(
        requests_coordinator=False, requests_child_coordinator=False, requests_plan=False
    ) == ["Velg minst én tjeneste saken gjelder."]


def test_one_service_asked_for_is_enough():
    assert (
        rules.requested_service_refusals(
            requests_coordinator=False, requests_child_coordinator=False, requests_plan=True
        )
        == []
    )


def test_a_notification_names_who_sent_it():
    assert rules.notifier_refusals(origin="notification", notifier_name="  ") == [
        "En melding fra helsepersonell må ha navnet på den som meldte."
    ]


def test_an_application_needs_no_notifier():
    assert rules.notifier_refusals(origin="application", notifier_name="") == []


def test_a_consent_covers_the_plan_or_the_sharing():
    refusals = rules.consent_scope_refusals(
        covers_plan=False, covers_sharing=False, sharing_with=""
    )
    assert refusals == {"covers_plan": ["Kryss av for hva samtykket gjelder."]}


def test_a_consent_to_sharing_names_who_it_is_shared_with():
    refusals = rules.consent_scope_refusals(covers_plan=False, covers_sharing=True, sharing_with="")
    assert refusals == {"sharing_with": ["Skriv hvem opplysningene kan deles med."]}


def test_a_second_open_case_is_refused_unless_confirmed():
    assert rules.second_open_case_refusals(["2026/0001"], confirmed=False)[0].startswith(
        "Personen har allerede en åpen sak (2026/0001)."
    )


def test_a_confirmed_second_open_case_is_allowed():
    assert rules.second_open_case_refusals(["2026/0001"], confirmed=True) == []
