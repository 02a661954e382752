from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST


@require_POST
def session_keepalive(request):
    """ "Fortsett innlogget" in the idle warning (static/js/idle.js): any request renews the
    idle timeout (SESSION_SAVE_EVERY_REQUEST), so this one only has to arrive."""
    return HttpResponse(status=204)


# Error pages say what happened in Norwegian and nothing about why.
@login_not_required
def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


@login_not_required
def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


@login_not_required
def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


@login_not_required
def server_error(request):
    return render(request, "errors/500.html", status=500)
