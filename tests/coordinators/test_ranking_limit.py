"""Ranking thousands of coordinators: a name filter and a limit keep the overall rank."""

import datetime

from coordinators import ranking
from coordinators.qualification import COORDINATOR

TODAY = datetime.date(2026, 12, 1)
AREA = ranking.Area("helse-og-omsorg", "Helse og omsorg")
PERSON = ranking.PersonFacts(today=TODAY, born_on=datetime.date(1970, 1, 1))


def _candidates():
    return [
        ranking.Candidate(
            id=i,
            name=f"Koordinator {i:03d}",
            area=AREA,
            active_cases=i,
            capacity=500,
            qualified=True,
        )
        for i in range(1, 101)
    ]


def _rank(**kwargs):
    return ranking.rank(kind=COORDINATOR, person=PERSON, candidates=_candidates(), **kwargs)


def test_a_limit_returns_the_best_first_as_the_full_ranking_does():
    assert [s.candidate.id for s in _rank(limit=5)] == [s.candidate.id for s in _rank()][:5]


def test_a_name_filter_keeps_each_coordinators_rank_among_all():
    found = _rank(name="koordinator 05")
    assert [(s.candidate.id, s.rank) for s in found] == [(50, 50)] + [(i, i) for i in range(51, 60)]
