import datetime


def case_has_active_plan(case) -> bool:
    """Filled in by the plans issue; until then no plan can be active."""
    return False


def next_evaluations(case_ids) -> dict[int, datetime.date]:
    """Case id -> the next evaluation date of its active plan (plans issue fills this in)."""
    return {}
