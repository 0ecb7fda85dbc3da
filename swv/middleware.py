"""Two-factor sign-in is required for every role that can see pupil data.

Runs after django-otp's OTPMiddleware. A signed-in user of such a role who has not yet
given a TOTP code this session can reach only the sign-in pages (and public pages); every
other request goes to the code page, or to the set-up page when no device is enrolled.
"""

import time

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .rules import ziet_leerlingen

VRIJ = ("/accounts/", "/static/", "/publiek/")


def tweestaps_vereist(user) -> bool:
    return user.is_authenticated and (user.is_superuser or ziet_leerlingen(user))


class TweeStapsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if tweestaps_vereist(user) and not user.is_verified() and not request.path.startswith(VRIJ):
            from django_otp import devices_for_user

            doel = (
                "tweestaps"
                if any(devices_for_user(user, confirmed=True))
                else "tweestaps-instellen"
            )
            return redirect(f"{reverse(doel)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class PriveCacheMiddleware:
    """Every response to a signed-in user is `Cache-Control: private, no-store`: case
    pages, OPP and beschikking downloads, registers and exports must not stay in a
    shared or browser cache. A view opts into caching only explicitly, by setting its own
    Cache-Control header (e.g. with `django.views.decorators.cache.cache_control`); that
    header is left alone. Sits after the authentication middleware."""

    WAARDE = "private, no-store"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = self.WAARDE
        return response


VERVERST = "_sessie_ververst"


class SessieVerversenMiddleware:
    """The inactivity timeout without a session write on every request (issue 15).

    SESSION_SAVE_EVERY_REQUEST would save the session (BEGIN, UPDATE, COMMIT) on every
    page. Instead a signed-in user's session is marked modified, and so saved with a new
    expiry, at most once per `SWV_SESSIE_VERVERSEN` seconds (default 60): the session ends
    after SESSION_COOKIE_AGE seconds without a request, give or take that minute.
    `sessie_resterend()` gives the exact seconds left (the page's `data-sessie-duur`).
    Sits after the authentication middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            nu = int(time.time())
            if nu - request.session.get(VERVERST, 0) >= settings.SWV_SESSIE_VERVERSEN:
                request.session[VERVERST] = nu
        return self.get_response(request)


def bij_aanmelden(sender, request, user, **kwargs):
    """Signing in saves the session anyway: it counts as the refresh (user_logged_in,
    connected in swv.signals), so the first page after it writes nothing."""
    request.session[VERVERST] = int(time.time())


def sessie_resterend(request) -> int:
    """Seconds until this session ends when no further request comes."""
    gezet = request.session.get(VERVERST)
    if gezet is None:
        return settings.SESSION_COOKIE_AGE
    return max(0, settings.SESSION_COOKIE_AGE - (int(time.time()) - gezet))
