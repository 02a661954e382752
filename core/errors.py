class RuleViolation(Exception):
    """A state change the rules refuse. The message is Norwegian and shown to the user."""

    def __init__(self, message: str | list[str]):
        self.messages = [message] if isinstance(message, str) else list(message)
        super().__init__(" ".join(self.messages))


class StaleEdit(RuleViolation):
    """Someone else saved the object after this user opened it."""
