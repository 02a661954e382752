"""Find what a user can send to the site: every form and every link with a query string,
by crawling the pages the user can reach and reading their HTML."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.urls import Resolver404, resolve

# Never sent or followed: they end the session, or answer a file rather than a page
# (PDFs take a second each to render and hold no forms).
SKIP = re.compile(
    r"^/(logg-ut|logg-inn|passord|static|media|admin/logout|admin/password_change)/"
    r"|\.(pdf|csv|ics)$|/pdf/$|/eksport/$|^/vedtak/brev/"
)


@dataclass
class Target:
    """One place input goes: a form's action, or a page's query parameters."""

    method: str
    path: str
    # Each field's values as the page offered them (a select's options, a field's value).
    fields: dict[str, list[str]] = field(default_factory=dict)

    @property
    def view_name(self) -> str:
        try:
            return resolve(self.path).view_name
        except Resolver404:
            return self.path

    def key(self):
        return (self.method, self.view_name, frozenset(self.fields))


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[tuple[dict, dict[str, list[str]]]] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            # A browser ignores a form inside a form: its fields go with the outer one.
            if self._form is None:
                self._form = (attrs, {})
                self.forms.append(self._form)
        elif tag == "option" and self._select is not None:
            self._select.append(attrs.get("value", ""))
        elif self._form is None or not attrs.get("name") or attrs["name"] == "csrfmiddlewaretoken":
            return
        elif tag in ("input", "button"):
            kind = attrs.get("type", "text")
            if kind != "file":
                default = "on" if kind in ("checkbox", "radio") else ""
                self._field(attrs["name"]).append(attrs.get("value", default))
        elif tag == "select":
            self._select = self._field(attrs["name"])
        elif tag == "textarea":
            self._textarea = self._field(attrs["name"])
            self._textarea.append("")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def _field(self, name) -> list[str]:
        return self._form[1].setdefault(name, [])


def _local(base: str, href: str) -> str | None:
    url = urlsplit(urljoin(base, href))
    if url.scheme not in ("", "http") or url.netloc not in ("", "testserver"):
        return None
    if not url.path.startswith("/") or SKIP.search(url.path):
        return None
    return url.path + (f"?{url.query}" if url.query else "")


def targets_on(path: str, html: str) -> tuple[list[Target], list[str]]:
    """The forms and query-string links on one page, and the pages it links to."""
    parser = _PageParser()
    parser.feed(html)
    found, pages = [], []
    for attrs, fields in parser.forms:
        action = _local(path, attrs.get("action") or path)
        if action is None:
            continue
        action_path, _, query = action.partition("?")
        method = attrs.get("method", "get").lower()
        if method == "get":
            for name, value in parse_qsl(query, keep_blank_values=True):
                fields.setdefault(name, []).append(value)
        found.append(Target(method, action_path if method == "get" else action, fields))
    for href in parser.links:
        link = _local(path, href)
        if link is None:
            continue
        link_path, _, query = link.partition("?")
        pages.append(link_path)
        if query:
            params: dict[str, list[str]] = {}
            for name, value in parse_qsl(query, keep_blank_values=True):
                params.setdefault(name, []).append(value)
            found.append(Target("get", link_path, params))
    return found, pages


def merged(targets: list[Target]) -> list[Target]:
    """One target per view, method and set of field names, with every value offered."""
    by_key: dict = {}
    for target in targets:
        kept = by_key.setdefault(target.key(), Target(target.method, target.path))
        for name, values in target.fields.items():
            offered = kept.fields.setdefault(name, [])
            offered.extend(v for v in values if v not in offered)
    return list(by_key.values())


def crawl(client, start: list[str], *, follow=lambda path: True, limit: int = 80):
    """Every target on the pages reachable from `start` that `follow` lets through."""
    seen, queue, found = set(), list(start), []
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen or not follow(path):
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        targets, pages = targets_on(path, response.content.decode())
        found.extend(targets)
        queue.extend(p for p in pages if p not in seen)
    return merged(found), seen
