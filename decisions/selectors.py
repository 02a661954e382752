def case_has_sent_decision(case) -> bool:
    """Filled in by the decisions issue; until then no decision can have been sent."""
    return False
