"""The development login for citizens: pick a person or relation from the demo data.

For `make run` on a laptop with no identity provider, so that the citizen's pages can be
tried. It exists only with debug on (KE_DEV_CITIZEN_LOGIN follows DJANGO_DEBUG): with
debug off every request to it is a 404. The login is recorded with the level
"utvikling", never with an ID-porten level.
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from cases.access import log_shown
from cases.login.accounts import citizen_login
from cases.login.views import SESSION_PROVIDER
from cases.models import Person, Relation

DEV_ACR = "utvikling"
LIMIT = 50


def _choices():
    people = Person.objects.exclude(national_id=None).exclude(national_id="")
    relations = Relation.objects.exclude(national_id="").select_related("person")
    return (
        [(f"person-{p.pk}", p.full_name, "Personen selv", p.pk) for p in people[:LIMIT]],
        [
            (
                f"relation-{r.pk}",
                r.name,
                f"{r.get_role_display()} til {r.person.full_name}",
                r.person_id,
            )
            for r in relations[:LIMIT]
        ],
    )


def _national_id(choice: str) -> str | None:
    kind, _, pk = choice.partition("-")
    if not pk.isdigit():
        return None
    model = {"person": Person, "relation": Relation}.get(kind)
    if model is None:
        return None
    return model.objects.filter(pk=pk).values_list("national_id", flat=True).first() or None


@login_not_required
@require_http_methods(["GET", "POST"])
def dev_login(request):
    if not settings.KE_DEV_CITIZEN_LOGIN:
        raise Http404
    error = ""
    if request.method == "POST":
        number = _national_id(request.POST.get("who", ""))
        if number:
            auth.logout(request)
            user = citizen_login(national_id=number, acr=DEV_ACR)
            auth.login(request, user, backend="cases.login.backends.CitizenBackend")
            request.session[SESSION_PROVIDER] = "dev"
            return redirect("citizen:home")
        error = "Velg en person fra listen."
    people, relations = _choices()
    log_shown(
        request,
        {
            "person": [(p[3], p[3]) for p in people],
            "relation": [(r[0].split("-")[1], r[3]) for r in relations],
        },
    )
    context = {"people": people, "relations": relations, "error": error}
    return render(request, "login/dev_login.html", context, status=400 if error else 200)
