"""Small helpers for Norwegian text."""

from collections.abc import Sequence


def join_with_og(items: Sequence[str]) -> str:
    """A list as a sentence reads it: 'a', 'a og b', 'a, b og c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


def in_text(name: str) -> str:
    """A name that starts a line, as it reads inside a sentence: only its first letter
    lowered, so that "Koordinerende enhet, bydel Frogner" keeps the capital of Frogner."""
    return name[:1].lower() + name[1:]
