"""The texts a draft is pre-filled with from an assessment's findings, without a database."""

import pytest

from decisions import letters, prefill

FINDINGS = [
    {"code": "C1", "met": True, "text": "Bor i kommunen.", "legal_basis": "hol. § 3-1"},
    {"code": "K1", "met": False, "text": "1 tjeneste.", "legal_basis": "hol. § 7-2"},
    {"code": "B3", "met": None, "text": "Funksjonsnivå 4.", "legal_basis": "pbrl. § 2-5 c"},
]


def test_a_drafted_grant_gives_the_met_conditions_with_their_legal_references():
    texts = prefill.draft_texts(service="koordinator", outcome="granted", findings=FINDINGS)
    assert "– Bor i kommunen (helse- og omsorgstjenesteloven § 3-1)." in texts["reasons"]
    assert "1 tjeneste." not in texts["reasons"]


def test_a_drafted_refusal_gives_the_conditions_not_met():
    texts = prefill.draft_texts(service="koordinator", outcome="refused", findings=FINDINGS)
    # hol. § 7-2 is the koordinator provision, already cited in the legal basis.
    assert texts["reasons"].splitlines()[1:] == ["– 1 tjeneste."]


def test_drafted_facts_list_every_finding():
    texts = prefill.draft_texts(
        service="koordinator", outcome="granted", findings=FINDINGS, function_level=4
    )
    assert texts["facts"].count("–") == 3


def test_drafted_legal_basis_names_the_provision_and_describes_its_content():
    texts = prefill.draft_texts(service="individuell_plan", outcome="granted", findings=[])
    assert texts["legal_basis"].startswith(
        f"Vedtaket er fattet etter {letters.reference('individuell_plan')}."
    )
    assert "rett til å få utarbeidet individuell plan" in texts["legal_basis"]


# The engine's findings for an adult asking for koordinator, as stored: C4 and C5 cite the
# provisions of every service, K1 and K2 the koordinator's own.
ENGINE = "pbrl. §§ 2-5, 2-5 b og 2-5 c"
ADULT_FINDINGS = [
    {"code": "C1", "met": True, "text": "Personen bor i kommunen.", "legal_basis": "hol. § 3-1"},
    {
        "code": "K1",
        "met": True,
        "text": "3 helse- og omsorgstjeneste(r) mottatt eller søkt; minst 2 kreves.",
        "legal_basis": "hol. § 7-2; pbrl. § 2-5 b",
    },
    {"code": "C4", "met": True, "text": "Behovet er langvarig.", "legal_basis": ENGINE},
    {"code": "C5", "met": True, "text": "Behovet er koordinert.", "legal_basis": ENGINE},
    {
        "code": "K2",
        "met": True,
        "text": "Behovet er aktuelt.",
        "legal_basis": "hol. § 7-2; pbrl. § 2-5 b",
    },
]
SERVICES = [
    {"name": "Hjemmesykepleie", "category": "municipal_health_care", "status": "received"},
    {"name": "Fysioterapi", "category": "municipal_health_care", "status": "received"},
    {"name": "Avlastning", "category": "municipal_health_care", "status": "applied"},
]


def adult_texts(service="koordinator", outcome="granted", findings=ADULT_FINDINGS):
    return prefill.draft_texts(
        service=service, outcome=outcome, findings=findings, services=SERVICES
    )


def test_a_koordinator_letter_does_not_cite_the_barnekoordinator_or_plan_provisions():
    texts = adult_texts()
    for part in texts.values():
        assert "2-5 c" not in part
        assert "§§ 2-5," not in part


@pytest.mark.parametrize(
    "service,own,foreign",
    [
        ("koordinator", "brukerrettighetsloven § 2-5 b", ["2-5 c", "7-2 a", "7-1"]),
        ("barnekoordinator", "brukerrettighetsloven § 2-5 c", ["2-5 b", "7-1"]),
        ("individuell_plan", "brukerrettighetsloven § 2-5 og", ["2-5 b", "2-5 c", "7-2"]),
    ],
)
def test_the_general_conditions_cite_only_the_provision_of_the_service_decided(
    service, own, foreign
):
    general = [f for f in ADULT_FINDINGS if f["code"] in ("C4", "C5")]
    texts = prefill.draft_texts(service=service, outcome="granted", findings=general)
    assert own in texts["legal_basis"]
    for reference in foreign:
        assert reference not in texts["legal_basis"] + texts["reasons"]


def test_the_legal_basis_cites_each_reference_once():
    legal_basis = adult_texts()["legal_basis"]
    assert legal_basis.count("§ 2-5 b") == 1
    assert legal_basis.count("§ 7-2") == 1
    assert legal_basis.endswith("Vurderingen bygger også på helse- og omsorgstjenesteloven § 3-1.")


def test_references_from_several_findings_are_merged_by_law():
    findings = [
        {
            "code": "I2",
            "met": True,
            "text": "Samtykke.",
            "legal_basis": "IP-forskriften; pbrl. kap. 4",
        },
        {"code": "I3", "met": True, "text": "Deltar.", "legal_basis": "pbrl. § 3-1; hol. § 7-1"},
        {"code": "X", "met": None, "text": "Mer.", "legal_basis": "pbrl. § 3-2; hol. § 3-1"},
    ]
    texts = prefill.draft_texts(service="individuell_plan", outcome="granted", findings=findings)
    assert texts["legal_basis"].endswith(
        "Vurderingen bygger også på forskrift om individuell plan ved ytelse av "
        "velferdstjenester; pasient- og brukerrettighetsloven kap. 4 og §§ 3-1 og 3-2; "
        "helse- og omsorgstjenesteloven § 3-1."
    )


def test_the_reasons_cite_only_what_the_legal_basis_does_not_already():
    reasons = adult_texts()["reasons"]
    assert "– Du bor i kommunen (helse- og omsorgstjenesteloven § 3-1)." in reasons
    assert "– Behovet er langvarig." in reasons
    assert "pbrl." not in reasons


def test_the_facts_name_the_services_instead_of_counting_them():
    facts = adult_texts()["facts"]
    assert facts.splitlines()[0] == (
        "– Du mottar hjemmesykepleie og fysioterapi, og har søkt om avlastning."
    )
    assert "tjeneste(r)" not in facts
    assert "minst 2 kreves" not in facts


def test_the_reasons_say_the_service_condition_in_plain_words():
    reasons = adult_texts()["reasons"]
    assert (
        "– Du mottar eller har søkt om tre helse- og omsorgstjenester (hjemmesykepleie, "
        "fysioterapi og avlastning). Det kreves minst to." in reasons
    )


def test_a_refusal_for_too_few_services_names_the_one_there_is():
    one = SERVICES[:1]
    finding = {**ADULT_FINDINGS[1], "met": False, "text": "1 helse- og omsorgstjeneste(r)"}
    texts = prefill.draft_texts(
        service="koordinator", outcome="refused", findings=[finding], services=one
    )
    assert texts["reasons"].splitlines()[1] == (
        "– Du mottar eller har søkt om én helse- og omsorgstjeneste (hjemmesykepleie). "
        "Det kreves minst to. Andre velferdstjenester og tjenester som bare ventes, "
        "teller ikke med."
    )


def test_the_engine_text_is_kept_when_the_named_services_do_not_bear_out_the_finding():
    # The engine counts rows: two rows named "Fysioterapi" count as two services.
    twice = [SERVICES[1], SERVICES[1]]
    texts = prefill.draft_texts(
        service="koordinator", outcome="granted", findings=ADULT_FINDINGS[1:2], services=twice
    )
    assert "3 helse- og omsorgstjeneste(r)" in texts["reasons"]


def test_a_childs_services_are_said_of_the_child_with_acronyms_kept():
    services = [
        {"name": "HABU", "category": "specialist_health_care", "status": "received"},
        {"name": "Spesialundervisning", "category": "welfare", "status": "expected"},
    ]
    sentence = prefill.services_sentence(services, subject="Barnet")
    assert sentence == "Barnet mottar HABU, og ventes å trenge spesialundervisning."


def test_a_person_with_no_services_is_said_so():
    assert prefill.services_sentence([]) == "Du mottar ingen tjenester og har ikke søkt om noen."


def test_unanswered_questions_are_not_given_as_facts():
    open_question = {
        **ADULT_FINDINGS[2],
        "met": None,
        "text": "Ikke vurdert: Er behovet langvarig?",
    }
    texts = prefill.draft_texts(
        service="koordinator", outcome="refused", findings=[open_question], services=SERVICES
    )
    assert "Ikke vurdert" not in texts["facts"]


@pytest.mark.parametrize(
    "assessment,outcome",
    [("eligible", "granted"), ("not_eligible", "refused"), ("needs_judgement", None)],
)
def test_the_assessment_outcome_suggests_the_decision_outcome(assessment, outcome):
    assert prefill.outcome_from_assessment(assessment) == outcome


# --- The caseworker's reasons, the reader's voice, no jargon ---------------------------------

JUDGED = [
    {"code": "C1", "met": True, "text": "Personen bor eller oppholder seg i kommunen."},
    {"code": "C4", "met": False, "text": "Behovet er vurdert som ikke langvarig."},
    {"code": "C5", "met": True, "text": "Behovet er vurdert som koordinert."},
]
ANSWERS = {
    "long_term": {"answer": False, "reason": "Legen venter bedring innen tre måneder."},
    "coordinated": {"answer": True, "reason": "Fastlegen og fysioterapeuten må samarbeide."},
}


def test_a_refusal_carries_the_caseworkers_reason_beside_the_conclusion():
    texts = prefill.draft_texts(
        service="koordinator", outcome="refused", findings=JUDGED, answers=ANSWERS
    )
    assert (
        "– Behovet er vurdert som ikke langvarig. Dette har vi lagt vekt på: "
        "Legen venter bedring innen tre måneder."
    ) in texts["reasons"].splitlines()


def test_a_refusal_also_gives_the_judgements_that_went_the_other_way():
    texts = prefill.draft_texts(
        service="koordinator", outcome="refused", findings=JUDGED, answers=ANSWERS
    )
    assert "Fastlegen og fysioterapeuten må samarbeide." in texts["reasons"]


def test_a_judgement_is_not_a_fact():
    texts = prefill.draft_texts(
        service="koordinator", outcome="refused", findings=JUDGED, answers=ANSWERS
    )
    assert "langvarig" not in texts["facts"]


def test_an_adult_is_told_du_and_never_personen():
    texts = prefill.draft_texts(service="koordinator", outcome="granted", findings=JUDGED)
    assert "– Du bor eller oppholder deg i kommunen." in texts["facts"].splitlines()
    assert "Personen" not in "".join(texts.values())


def test_a_childs_facts_name_the_child():
    texts = prefill.draft_texts(
        service="barnekoordinator", outcome="granted", findings=JUDGED, subject="Noah"
    )
    assert "– Noah bor eller oppholder seg i kommunen." in texts["facts"].splitlines()


def test_the_kpr_level_is_explained_in_plain_words():
    finding = {"code": "B3", "met": None, "text": "Funksjonsnivå (KPR) 4 (omfattende) taler."}
    texts = prefill.draft_texts(
        service="barnekoordinator",
        outcome="granted",
        findings=[finding],
        subject="Noah",
        function_level=4,
    )
    assert texts["facts"] == (
        "– Noahs funksjonsnivå er kartlagt til 4 på en skala fra 1 (ingen problemer) til 5 "
        "(trenger full hjelp). Skalaen er den samme som kommunen bruker når den melder til "
        "Kommunalt pasient- og brukerregister (KPR). Et så omfattende hjelpebehov taler "
        "vanligvis for at tilstanden er alvorlig."
    )
