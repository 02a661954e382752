"""The case page's tabs, its header actions, its next-step checklist and the forms other
apps serve on it.

The case page belongs to cases, but most of its tabs belong to the apps above. Each of
those registers its tab (and any action on the case) from its AppConfig.ready(), so the
page is rendered from one list in one loop and cases imports none of them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from django.urls import reverse


@dataclass(frozen=True)
class CaseTab:
    key: str
    title: str
    url_name: str  # takes the case's pk
    order: int
    ke_only: bool = False  # shown to KE staff only, not to coordinators


@dataclass(frozen=True)
class CaseAction:
    """A button in the case header, for KE staff on an open case (or on a closed one only,
    with `on_closed`)."""

    title: str
    url_name: str  # takes the case's pk
    order: int
    danger: bool = False
    on_closed: bool = False
    # Shown only where this holds of the case (e.g. moving it: only with several units).
    shown: Callable[..., bool] | None = None


class StepState(Enum):
    DONE = "done"
    TODO = "todo"
    NOT_NEEDED = "not_needed"  # e.g. no plan step when no plan was granted


@dataclass(frozen=True)
class CaseStep:
    """One item of the case's checklist: consent, services, assessment, decision, ...

    `state` reads the case and says where it stands; `todo` tells what to do next, and
    `url_name` (taking the case's pk) is where it is done. A step done once per service
    has `progress`, giving (done, of) and the `counted` word ("sendt"), so a step half done
    says "1 av 2 sendt" rather than "ikke gjort". `proves` names the earlier steps that
    must have been done once this one is begun: a sent decision proves the assessment.
    """

    key: str
    title: str
    todo: str
    url_name: str
    order: int
    state: Callable[..., StepState]
    progress: Callable[..., tuple[int, int]] | None = None
    counted: str = ""
    proves: tuple[str, ...] = ()


@dataclass(frozen=True)
class StepShown:
    step: CaseStep
    state: StepState
    link: str
    is_next: bool
    note: str = ""  # e.g. "1 av 2 sendt", on a step half done

    @property
    def done(self) -> bool:
        return self.state == StepState.DONE


_tabs: dict[str, CaseTab] = {}
_actions: dict[str, CaseAction] = {}
_steps: dict[str, CaseStep] = {}
# Forms on the case's own tabs that another app handles, by name -> URL name.
_endpoints: dict[str, str] = {}


def register_tab(tab: CaseTab) -> None:
    _tabs[tab.key] = tab


def register_action(action: CaseAction) -> None:
    _actions[action.url_name] = action


def register_step(step: CaseStep) -> None:
    _steps[step.key] = step


def register_endpoint(name: str, url_name: str) -> None:
    _endpoints[name] = url_name


def endpoint(name: str) -> str:
    """The URL name registered for `name`, or "" when no app handles it."""
    return _endpoints.get(name, "")


def tab_title(key: str) -> str:
    tab = _tabs.get(key)
    return tab.title if tab else ""


def case_page_url_names() -> set[str]:
    """Every URL name that shows a page of the case (its tabs and actions)."""
    return {tab.url_name for tab in _tabs.values()} | set(_actions)


def case_tabs(case, *, is_ke: bool) -> list[tuple[CaseTab, str]]:
    """The tabs this user sees on the case, in order, each with its link."""
    return [
        (tab, reverse(tab.url_name, args=[case.pk]))
        for tab in sorted(_tabs.values(), key=lambda t: t.order)
        if is_ke or not tab.ke_only
    ]


def case_actions(case, *, is_ke: bool) -> list[tuple[CaseAction, str]]:
    if not is_ke:
        return []
    return [
        (action, reverse(action.url_name, args=[case.pk]))
        for action in sorted(_actions.values(), key=lambda a: a.order)
        if action.on_closed != case.is_open and (action.shown is None or action.shown(case))
    ]


def case_steps(case, *, is_ke: bool) -> list[StepShown]:
    """The checklist of an open case for KE staff, in order; the first undone step is next."""
    if not (is_ke and case.is_open):
        return []
    steps = sorted(_steps.values(), key=lambda s: s.order)
    states = {step.key: step.state(case) for step in steps}
    notes, proven = {}, set()
    for step in steps:
        done, of = (0, 0)
        if step.progress and states[step.key] == StepState.TODO:
            done, of = step.progress(case)
            if done:
                notes[step.key] = f"{done} av {of} {step.counted}"
        if states[step.key] == StepState.DONE or done:
            proven.update(step.proves)
    shown, next_found = [], False
    for step in steps:
        state = states[step.key]
        if state == StepState.NOT_NEEDED:
            continue
        if step.key in proven:
            state = StepState.DONE
        is_next = state == StepState.TODO and not next_found
        next_found = next_found or is_next
        link = reverse(step.url_name, args=[case.pk])
        note = notes.get(step.key, "") if state == StepState.TODO else ""
        shown.append(StepShown(step, state, link, is_next, note))
    return shown


for _tab in (
    CaseTab("person", "Person og familie", "cases:detail", 10),
    CaseTab("services", "Tjenester", "cases:services", 20),
    CaseTab("consent", "Samtykke", "cases:consent", 30),
    CaseTab("timeline", "Journal", "cases:timeline", 90),
):
    register_tab(_tab)
register_action(CaseAction("Endre", "cases:edit", 10))
register_action(CaseAction("Gjenåpne sak", "cases:reopen", 10, on_closed=True))
register_action(
    CaseAction(
        "Flytt til en annen enhet",
        "cases:move",
        20,
        # Annotated by cases.selectors.case_get_for_detail: no query of its own.
        shown=lambda case: getattr(case, "has_other_units", False),
    )
)
