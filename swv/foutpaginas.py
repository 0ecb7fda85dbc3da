"""The Dutch error pages (403, 404, 500), in production and in development alike.

Django shows its own English debug pages when DEBUG is on (for a 404 they list the URL
patterns). A developer, a tester and a demo visitor should meet the pages a user meets,
so in DEBUG `FoutpaginaMiddleware` replaces every error page the handlers below did not
render. The traceback of a 500 still goes to the console (the `django.request` logger);
`SWV_TECHNISCHE_FOUTPAGINAS=true` brings back Django's debug pages.

A lost database connection (a PostgreSQL restart, a failover, SQLite locked for longer
than its timeout) is not a 500 (issue 16): a GET or HEAD is tried once more on a fresh
connection, and when that fails too, or the request was a POST, the user gets the Dutch
"Even geduld" page with 503 and Retry-After. Nothing half-saved: writes run in
transaction.atomic, so a request that met the fault committed nothing.
"""

import contextlib
import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connections
from django.dispatch import receiver
from django.http import HttpResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)
_DATABASEFOUT = "_swv_databasefout"
HERHAALBAAR = {"GET", "HEAD"}

_GEMARKEERD = "_swv_foutpagina"
_HANDLERS = {}


def _gemarkeerd(status):
    def decorator(view):
        def handler(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            setattr(response, _GEMARKEERD, True)
            return response

        handler.__name__ = view.__name__
        _HANDLERS[status] = handler
        return handler

    return decorator


@_gemarkeerd(403)
def geen_toegang(request, exception=None):
    return defaults.permission_denied(request, exception)


@_gemarkeerd(404)
def niet_gevonden(request, exception=None):
    return defaults.page_not_found(request, exception)


@_gemarkeerd(500)
def serverfout(request):
    return defaults.server_error(request)


@receiver(got_request_exception)
def _databasefout_onthouden(sender, request=None, **kwargs):
    """Django turns an exception anywhere below into a 500 response; remember on the
    request whether it was the database that went away."""
    fout = sys.exc_info()[1]
    if request is not None and isinstance(fout, OperationalError | InterfaceError):
        setattr(request, _DATABASEFOUT, True)


def _verbindingen_sluiten():
    for verbinding in connections.all(initialized_only=True):
        if verbinding.in_atomic_block:  # a test's transaction (never so in a request)
            continue
        with contextlib.suppress(Exception):  # a broken connection may fail to close
            verbinding.close()


def even_geduld(request):
    """Rendered without the request's context processors: they read the database."""
    html = loader.render_to_string("503.html", {"pad": request.get_full_path()})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    setattr(response, _GEMARKEERD, True)
    return response


class FoutpaginaMiddleware:
    """Outermost middleware: a lost database connection becomes a retry (GET, HEAD) or
    the 503 page; in DEBUG, an error response that is not ours (Django's technical
    404/500 page) becomes our Dutch page, keeping the response's headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, _DATABASEFOUT, False):
            _verbindingen_sluiten()
            if request.method in HERHAALBAAR:
                logger.warning("Databaseverbinding verloren; het verzoek wordt herhaald.")
                setattr(request, _DATABASEFOUT, False)
                response = self.get_response(request)
            if response.status_code == 500 and getattr(request, _DATABASEFOUT, False):
                _verbindingen_sluiten()
                return even_geduld(request)
        handler = _HANDLERS.get(response.status_code)
        if (
            handler is None
            or not settings.DEBUG
            or settings.TECHNISCHE_FOUTPAGINAS
            or getattr(response, _GEMARKEERD, False)
            or not response.get("Content-Type", "").startswith("text/html")
        ):
            return response
        eigen = handler(request) if response.status_code == 500 else handler(request, None)
        for kop, waarde in response.items():
            if kop.lower() not in ("content-type", "content-length"):
                eigen[kop] = waarde
        return eigen
