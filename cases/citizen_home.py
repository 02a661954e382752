"""The citizen's start page, "Mine planer", and what the apps above show on it.

The page belongs to cases (it knows the citizen's account), but what a citizen sees on it
belongs to the apps above: each registers a section from its AppConfig.ready(), as the
case page's tabs are registered (cases/tabs.py), so cases imports none of them.

A section is a function `(request, account) -> dict | None`: None shows nothing; a dict
is handed to the section's template as `section` (`{{ section.plans }}`), rendered inside
the page in `order`. The
function reads only what this citizen may see, and logs what it shows (cases.access),
as every page does.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CitizenSection:
    key: str
    template: str
    context: Callable  # (request, account) -> dict | None
    order: int = 100


_sections: dict[str, CitizenSection] = {}


def register_section(section: CitizenSection) -> None:
    _sections[section.key] = section


def sections_for(request, account) -> list[tuple[CitizenSection, dict]]:
    """The sections with something to show this citizen, in order, with their context."""
    shown = []
    for section in sorted(_sections.values(), key=lambda s: s.order):
        context = section.context(request, account)
        if context is not None:
            shown.append((section, context))
    return shown
