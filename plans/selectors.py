def case_has_active_plan(case) -> bool:
    """Filled in by the plans issue; until then no plan can be active."""
    return False
