"""The Dutch error pages (403, 404, 500), in production and in development alike.

Django shows its own English debug pages when DEBUG is on (for a 404 they list the URL
patterns). A developer, a tester and a demo visitor should meet the pages a user meets,
so in DEBUG `FoutpaginaMiddleware` replaces every error page the handlers below did not
render. The traceback of a 500 still goes to the console (the `django.request` logger);
`SWV_TECHNISCHE_FOUTPAGINAS=true` brings back Django's debug pages.
"""

from django.conf import settings
from django.views import defaults

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


class FoutpaginaMiddleware:
    """Outermost middleware: in DEBUG, an error response that is not ours (Django's
    technical 404/500 page) becomes our Dutch page, keeping the response's headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
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
