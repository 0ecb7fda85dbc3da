from django.conf import settings

from .navigation import menu_gegroepeerd


def navigation(request):
    user = getattr(request, "user", None)
    sectie = request.path.strip("/").split("/", 1)[0]
    return {
        "hoofdmenu": menu_gegroepeerd(user) if user is not None and user.is_authenticated else [],
        "huidige_sectie": sectie,
        "demo_modus": settings.DEMO_MODE,
    }
