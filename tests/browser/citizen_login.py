"""How a browser test logs a citizen in, in one place.

For now: the CitizenAccount an ID-porten login would leave is made directly, and the
browser gets that user's session cookie. When the real login through the local OpenID
Connect provider is merged, only `log_in_citizen` changes (go to the login page, sign in
at the provider with the national id); the journeys that call it stay as they are.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from cases.models import CitizenAccount

ACR = "idporten-loa-substantial"


def log_in_citizen(browser, live_server, *, national_id: str, name: str):
    """A new browser context with the citizen logged in; returns its page."""
    given, _, family = name.partition(" ")
    user, _ = get_user_model().objects.get_or_create(
        username=f"innbygger-{national_id[-5:]}",
        defaults={"first_name": given, "last_name": family},
    )
    user.set_unusable_password()
    user.save()
    CitizenAccount.objects.update_or_create(
        user=user, defaults={"national_id": national_id, "last_acr": ACR}
    )
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    return page
