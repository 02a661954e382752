"""The ranking is pure: no database."""

import datetime

from coordinators.ranking import (
    Area,
    Candidate,
    PersonFacts,
    ReceivedService,
    fitting_area,
    rank,
)

TODAY = datetime.date(2026, 3, 10)
HELSESTASJON = Area("helsestasjon", "Helsestasjon")
BARNEHAGE = Area("barnehage", "Barnehage")
SKOLE = Area("grunnskole", "Grunnskole")
HELSE = Area("helse-og-omsorg", "Helse og omsorg")
HJEMME = Area("hjemmetjeneste", "Hjemmetjeneste")
PSYK = Area("psykisk-helse-og-rus", "Psykisk helse og rus")


def born(years: int, months: int = 0) -> datetime.date:
    return TODAY.replace(year=TODAY.year - years) - datetime.timedelta(days=31 * months)


def person(years=None, *, services=()):
    return PersonFacts(
        today=TODAY,
        born_on=born(years) if years is not None else None,
        expected_on=None if years is not None else TODAY,
        services=services,
    )


def candidate(id, area=HELSE, *, active_cases=1, capacity=5, qualified=True, **kw):
    return Candidate(
        id=id,
        name=kw.pop("name", f"Koordinator {id}"),
        area=area,
        active_cases=active_cases,
        capacity=capacity,
        qualified=qualified,
        lacking_training=() if qualified else ("Grunnopplæring",),
        can_take_child_cases=kw.pop("can_take_child_cases", True),
        **kw,
    )


def ids(suggestions):
    return [s.candidate.id for s in suggestions]


# --- The fitting service area --------------------------------------------------------------


def test_an_unborn_child_fits_helsestasjon():
    assert fitting_area(person()).area.slug == "helsestasjon"


def test_a_baby_before_kindergarten_age_fits_helsestasjon():
    assert fitting_area(person(0)).area.slug == "helsestasjon"


def test_a_kindergarten_child_fits_barnehage():
    assert fitting_area(person(3)).area.slug == "barnehage"


def test_a_school_child_fits_grunnskole():
    assert fitting_area(person(9)).area.slug == "grunnskole"


def test_upper_secondary_pupils_and_adults_fit_helse_og_omsorg():
    assert {fitting_area(person(17)).area.slug, fitting_area(person(45)).area.slug} == {
        "helse-og-omsorg"
    }


def test_a_heavy_user_fits_the_area_they_get_most_services_from():
    services = (
        ReceivedService("Hjemmesykepleie", True, (HJEMME,)),
        ReceivedService("Praktisk bistand", True, (HJEMME,)),
        ReceivedService("Fysioterapi", True, (HELSE,)),
    )
    fit = fitting_area(person(70, services=services))
    assert fit.area == HJEMME
    assert "flest fra Hjemmetjeneste (2 av 3 tjenester)" in fit.why


def test_a_heavy_user_with_no_single_main_area_falls_back_to_the_age_rule():
    services = (
        ReceivedService("Hjemmesykepleie", True, (HJEMME,)),
        ReceivedService("Fysioterapi", True, (HELSE,)),
        ReceivedService("HAVO", True, ()),
    )
    assert fitting_area(person(68, services=services)).why == "en voksen (68 år)"


def test_welfare_services_do_not_make_a_heavy_user():
    services = (
        ReceivedService("Skole", False, ()),
        ReceivedService("PPT", False, ()),
        ReceivedService("Psykisk helsetjeneste", True, (PSYK,)),
    )
    assert fitting_area(person(10, services=services)).area.slug == "grunnskole"


# --- Ranking ---------------------------------------------------------------------------------


def test_it_ranks_the_applicants_wish_first():
    best_fit = candidate(1, BARNEHAGE, active_cases=0)
    wished = candidate(2, HELSE, active_cases=4, qualified=False)
    suggestions = rank(
        kind="coordinator", person=person(3), candidates=[best_fit, wished], wished_id=2
    )
    assert ids(suggestions) == [2, 1]
    assert suggestions[0].reasons[0] == "Søkeren ønsket denne koordinatoren."


def test_it_ranks_the_fitting_area_before_other_areas():
    other = candidate(1, HELSE, active_cases=0)
    fitting = candidate(2, BARNEHAGE, active_cases=4)
    assert ids(rank(kind="coordinator", person=person(3), candidates=[other, fitting])) == [2, 1]


def test_it_ranks_qualified_before_unqualified_in_the_same_area():
    unqualified = candidate(1, active_cases=0, qualified=False)
    qualified = candidate(2, active_cases=4)
    assert ids(
        rank(kind="coordinator", person=person(40), candidates=[unqualified, qualified])
    ) == [
        2,
        1,
    ]


def test_it_ranks_lower_load_before_higher():
    busy = candidate(1, active_cases=4, capacity=5)
    free = candidate(2, active_cases=3, capacity=10)
    assert ids(rank(kind="coordinator", person=person(40), candidates=[busy, free])) == [2, 1]


def test_the_reason_text_explains_area_training_and_load():
    suggestion = rank(
        kind="coordinator",
        person=person(3),
        candidates=[candidate(1, BARNEHAGE, active_cases=2, capacity=5)],
    )[0]
    assert suggestion.reason_text == (
        "Fra Barnehage, som passer for et barn i barnehagealder (3 år). "
        "Har gyldig opplæring. Har 2 av 5 saker."
    )


def test_the_reason_text_says_which_area_fits_better():
    suggestion = rank(
        kind="coordinator",
        person=person(45),
        candidates=[candidate(1, SKOLE, qualified=False), candidate(2, HELSE)],
    )[1]
    assert suggestion.reasons[:2] == (
        "Fra Grunnskole; Helse og omsorg passer bedre for en voksen (45 år).",
        "Mangler gyldig opplæring: Grunnopplæring. Må meldes på opplæring ved oppnevning.",
    )


def test_a_full_coordinator_is_marked_as_needing_a_reason():
    suggestion = rank(
        kind="coordinator", person=person(45), candidates=[candidate(1, active_cases=5, capacity=5)]
    )[0]
    assert "Full kapasitet: 5 av 5 saker. Oppnevning krever begrunnelse." in suggestion.reasons


def test_inactive_coordinators_are_not_suggested():
    suggestions = rank(
        kind="coordinator", person=person(45), candidates=[candidate(1, active=False), candidate(2)]
    )
    assert ids(suggestions) == [2]


def test_a_wished_but_inactive_coordinator_is_shown_first_and_cannot_be_appointed():
    suggestion = rank(
        kind="coordinator",
        person=person(45),
        candidates=[candidate(1, active=False), candidate(2)],
        wished_id=1,
    )[0]
    assert (suggestion.candidate.id, suggestion.appointable) == (1, False)


def test_a_child_coordinator_must_take_child_cases():
    suggestions = rank(
        kind="child_coordinator",
        person=person(3),
        candidates=[candidate(1, BARNEHAGE, can_take_child_cases=False), candidate(2, HELSE)],
    )
    assert ids(suggestions) == [2]


def test_an_untrained_child_coordinator_is_listed_but_cannot_be_appointed():
    suggestion = rank(
        kind="child_coordinator",
        person=person(3),
        candidates=[candidate(1, BARNEHAGE, qualified=False)],
    )[0]
    assert suggestion.appointable is False
    assert suggestion.reasons[-1] == "Mangler opplæring for barnekoordinator og kan ikke oppnevnes."


def test_those_who_cannot_be_appointed_come_after_those_who_can():
    untrained_fit = candidate(1, BARNEHAGE, qualified=False)
    trained_other = candidate(2, HELSE)
    suggestions = rank(
        kind="child_coordinator", person=person(3), candidates=[untrained_fit, trained_other]
    )
    assert ids(suggestions) == [2, 1]


def test_ranks_are_numbered_from_one():
    suggestions = rank(
        kind="coordinator",
        person=person(45),
        candidates=[candidate(1), candidate(2, active_cases=3)],
    )
    assert [s.rank for s in suggestions] == [1, 2]


# --- Explanations that hold for the candidate shown -------------------------------------------


def test_an_area_whose_only_coordinator_cannot_be_chosen_is_not_recommended():
    blocked = candidate(1, HELSESTASJON, can_take_child_cases=False)
    other = candidate(2, BARNEHAGE)
    suggestions = rank(
        kind="child_coordinator", person=person(), candidates=[blocked, other], wished_id=1
    )
    shown = next(s for s in suggestions if s.candidate.id == 2)
    assert "Helsestasjon" not in shown.reason_text
    assert shown.reasons[0] == "Fra Barnehage."


def test_an_area_with_no_coordinator_at_all_is_not_recommended():
    suggestion = rank(kind="coordinator", person=person(45), candidates=[candidate(1, SKOLE)])[0]
    assert suggestion.reasons[0] == "Fra Grunnskole."


def test_many_services_are_explained_in_plain_words():
    home = ReceivedService("Hjemmesykepleie", True, (HJEMME,))
    services = (home, ReceivedService("Praktisk bistand", True, (HJEMME,)), home)
    why = fitting_area(person(70, services=services)).why
    assert "storforbruker" not in why
    assert why == (
        "en som får mange helse- og omsorgstjenester, flest fra Hjemmetjeneste (3 av 3 tjenester)"
    )


def test_the_coordinator_being_replaced_is_not_suggested_as_the_replacement():
    suggestions = rank(
        kind="coordinator",
        person=person(45),
        candidates=[candidate(1, active_cases=0), candidate(2, active_cases=3)],
        replacing_id=1,
    )
    assert ids(suggestions) == [2]
