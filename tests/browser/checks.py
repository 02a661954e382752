"""What every page a browser test visits must pass: axe-core finds no serious or critical
accessibility violation, and the page does not scroll sideways (at 390 px too).

A test calls `check_page(page)` after each navigation. The `page` fixture counts every
document that loads and fails the test at teardown if one was never checked, so a journey
cannot skip a page by forgetting the call.
"""

from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
BLOCKING_IMPACTS = ("serious", "critical")

# Runs in the page; axe is injected through Playwright's evaluate, which the page's CSP
# does not govern, so the app's policy stays as strict in the tests as in production.
_RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
  }));
}"""

_PAGE_WIDTH = """() => {
  const limit = document.documentElement.clientWidth + 1;
  const clipped = e => {
    for (let up = e.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") return true;
    }
    return false;
  };
  const classes = e => typeof e.className === "string" && e.className
    ? "." + e.className.trim().split(/\\s+/).join(".") : "";
  const describe = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + classes(e);
  return {
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
    wide: [...document.querySelectorAll("body *")]
      .filter(e => e.getBoundingClientRect().right > limit && !clipped(e))
      .slice(0, 5).map(describe),
  };
}"""


@dataclass
class Visits:
    """Each document loaded in a test's page, and whether it was checked."""

    loaded: list[str] = field(default_factory=list)
    checked: set[int] = field(default_factory=set)

    def mark_checked(self, url: str) -> None:
        self.checked.update(i for i, seen in enumerate(self.loaded) if seen == url)

    def unchecked(self) -> list[str]:
        return [url for i, url in enumerate(self.loaded) if i not in self.checked]


_visits: dict[int, Visits] = {}


def track(page: Page) -> Visits:
    visits = _visits[id(page)] = Visits()
    page.on("load", lambda loaded: visits.loaded.append(loaded.url))
    return visits


def forget(page: Page) -> None:
    _visits.pop(id(page), None)


def blocking_violations(page: Page) -> list[dict]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    return [v for v in page.evaluate(_RUN_AXE) if v["impact"] in BLOCKING_IMPACTS]


def check_page(page: Page) -> None:
    """Fail on a serious or critical axe violation or a page wider than the window."""
    page.wait_for_load_state("load")
    violations = blocking_violations(page)
    assert not violations, f"axe on {page.url}:\n" + "\n".join(
        f"  {v['impact']}: {v['id']} ({v['help']}) at {v['targets']}" for v in violations
    )
    width = page.evaluate(_PAGE_WIDTH)
    assert width["scroll"] <= width["client"], (
        f"{page.url} scrolls sideways: {width['scroll']} px wide in a "
        f"{width['client']} px window; too wide: {width['wide']}"
    )
    visits = _visits.get(id(page))
    if visits is not None:
        visits.mark_checked(page.url)
