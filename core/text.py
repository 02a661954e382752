"""Small helpers for Norwegian text."""

from collections.abc import Sequence


def join_with_og(items: Sequence[str]) -> str:
    """A list as a sentence reads it: 'a', 'a og b', 'a, b og c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]
