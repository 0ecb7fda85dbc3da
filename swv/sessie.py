"""Signing out with a confirmation, and keeping a session alive (issue 14).

Included in `swv/urls.py` before the login route (`path("accounts/", include("swv.sessie"))`),
so it answers /accounts/logout/ (GET: "Wilt u uitloggen?", POST: sign out and show
"U bent uitgelogd"), /accounts/uitgelogd/ and /accounts/sessie/ (the keep-alive that
static/js/sessie.js calls when the user chooses "Blijf ingelogd"). The session is an
inactivity timeout (SESSION_COOKIE_AGE, refreshed at most once a minute by
swv.middleware.SessieVerversenMiddleware); this request refreshes it now.
"""

import time
from urllib.parse import urlsplit

from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, path, resolve
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from .middleware import VERVERST, sessie_resterend


class AfmeldenView(LoginRequiredMixin, auth_views.LogoutView):
    """GET asks "Wilt u uitloggen?" (a button that POSTs here); POST signs out. Without a
    session there is nothing to sign out: to the sign-in page."""

    http_method_names = ["get", "post", "options"]
    template_name = "registration/afmelden.html"
    next_page = "uitgelogd"

    def handle_no_permission(self):
        return redirect("login")

    def get(self, request, *args, **kwargs):
        return TemplateView.get(self, request, *args, **kwargs)


class UitgelogdView(TemplateView):
    template_name = "registration/uitgelogd.html"


class SessieVerlengenView(LoginRequiredMixin, View):
    """The keep-alive: 200 with the seconds the session now has left. Signed out: the
    usual redirect to the sign-in page (the script then knows the session has gone)."""

    def get(self, request):
        request.session[VERVERST] = int(time.time())
        response = JsonResponse({"resterend": sessie_resterend(request)})
        response["Cache-Control"] = "no-store"
        return response


urlpatterns = [
    path("logout/", AfmeldenView.as_view(), name="logout"),
    path("uitgelogd/", never_cache(UitgelogdView.as_view()), name="uitgelogd"),
    path("sessie/", never_cache(SessieVerlengenView.as_view()), name="sessie-verlengen"),
]


# After sign-in: back to the page, never to a POST-only address ---------------------------

_METHODEN = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"}


def _methoden(view) -> set[str] | None:
    """The HTTP methods a resolved view answers (class views: their handlers; function
    views: what `require_http_methods`/`require_POST` allow), None when unknown."""
    gezien, stapel = set(), [view]
    while stapel:
        f = stapel.pop()
        if id(f) in gezien:
            continue
        gezien.add(id(f))
        cls = getattr(f, "view_class", None)
        if cls is not None:
            return {m.upper() for m in cls.http_method_names if hasattr(cls, m)}
        for cel in getattr(f, "__closure__", None) or ():
            try:
                inhoud = cel.cell_contents
            except ValueError:
                continue
            if (
                isinstance(inhoud, list | tuple)
                and inhoud
                and all(isinstance(m, str) for m in inhoud)
                and set(inhoud) <= _METHODEN
            ):
                return set(inhoud)
            if callable(inhoud):
                stapel.append(inhoud)
        if (binnen := getattr(f, "__wrapped__", None)) is not None:
            stapel.append(binnen)
    return None


def _opvraagbaar(pad: str) -> bool:
    """Whether a GET of `pad` (a path of this site) reaches a view that answers GET."""
    try:
        match = resolve(pad)
    except Resolver404:
        return False
    methoden = _methoden(match.func)
    return methoden is None or "GET" in methoden


def formulierpagina(request, volgende: str) -> str:
    """`volgende` if a GET of it works; otherwise the page the user came from (the
    Referer, same site, not a sign-in page) or the nearest parent address that answers a
    GET (/tlv/5/indienen/ -> /tlv/5/); '' (the default, home) if none."""
    if not volgende:
        return volgende
    deel = urlsplit(volgende)
    if not deel.path or _opvraagbaar(deel.path):
        return volgende
    herkomst = urlsplit(request.headers.get("referer", ""))
    if (
        herkomst.netloc == request.get_host()
        and herkomst.path
        and not herkomst.path.startswith("/accounts/")
        and _opvraagbaar(herkomst.path)
    ):
        return herkomst.path + (f"?{herkomst.query}" if herkomst.query else "")
    delen = [d for d in deel.path.split("/") if d]
    while delen:
        delen.pop()
        pad = "/" + "".join(f"{d}/" for d in delen)
        if _opvraagbaar(pad) and not pad.startswith("/accounts/"):
            return pad
    return ""
