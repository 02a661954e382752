"""No page title holds a person's name: titles end up in browser history, tab lists and
bookmarks, outside the access log. Found by walking every page a caseworker and a
coordinator can reach from their start page in the demo municipality."""

import io
import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from cases.models import Person, Relation

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
LINK = re.compile(r'href="(/[^"#?]*)"')
# Files and pages that end the session or are the admin's (its own titles, not ours).
SKIP = re.compile(r"^/(static|media|admin|logg-ut|logg-inn|passord)/|\.(pdf|csv|ics)$|/pdf/$")


@pytest.fixture
def demo(db, settings):
    settings.KE_DEMO_PASSWORD = "demo-passord-for-test"
    call_command("seed_demo", stdout=io.StringIO())


def walk(client, start: list[str], limit=250) -> dict[str, str]:
    """Each page's title, by path, for the pages reachable from `start`."""
    titles, queue = {}, list(start)
    while queue and len(titles) < limit:
        path = queue.pop(0)
        if path in titles or SKIP.search(path):
            continue
        response = client.get(path, follow=True)
        titles[path] = ""
        if "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        found = TITLE.search(html)
        titles[path] = unescape(found.group(1)) if found else ""
        queue.extend(link for link in LINK.findall(html) if link not in titles)
    return titles


def names() -> set[str]:
    people = Person.objects.values_list("given_name", "family_name")
    return (
        {f"{given} {family}" for given, family in people}
        | {family for _, family in people}
        | set(Relation.objects.values_list("name", flat=True))
    )


@pytest.mark.parametrize("username", ["saksbehandler", "koordinator"])
def test_no_page_title_holds_a_persons_name(client, demo, username):
    client.force_login(get_user_model().objects.get(username=username))
    # The person page is linked from nowhere yet, so it is walked from too.
    people = [person.get_absolute_url() for person in Person.objects.all()]
    titles = walk(client, ["/", *people])
    assert len(titles) >= 15
    named = {
        path: title for path, title in titles.items() for name in names() if name and name in title
    }
    assert named == {}
