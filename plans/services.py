def plans_suspend_for_withdrawn_consent(*, case, by) -> None:
    """Filled in by the plans issue: withdrawn consent stops the plan work."""
