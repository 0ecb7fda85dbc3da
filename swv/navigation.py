"""The main menu, declared once: label, URL name and the permission that shows it."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Menuitem:
    label: str
    url_naam: str
    permissie: str
    sectie: str  # first URL segment, to mark the current item

    @property
    def url(self) -> str:
        return reverse(self.url_naam)


MENU = [
    Menuitem(_("Overzicht"), "home", "swv.organisatie_bekijken", ""),
    Menuitem(_("Organisatie"), "swv:index", "swv.organisatie_bekijken", "organisatie"),
    Menuitem(
        _("Ondersteuningsplan"),
        "ondersteuningsplan:index",
        "ondersteuningsplan.bekijken",
        "plannen",
    ),
    Menuitem(_("Leerlingen"), "leerlingen:index", "leerlingen.bekijken", "leerlingen"),
    Menuitem(_("Vragen"), "ondersteuning:index", "ondersteuning.bekijken", "vragen"),
    Menuitem(_("Toelaatbaarheid"), "toelaatbaarheid:index", "toelaatbaarheid.bekijken", "tlv"),
    Menuitem(_("KPI's"), "kpi:index", "kpi.bekijken", "kpi"),
    Menuitem(
        _("Verantwoording"), "verantwoording:index", "verantwoording.bekijken", "verantwoording"
    ),
    Menuitem(_("Privacy"), "audit", "swv.audit_bekijken", "privacy"),
]


def menu_voor(user) -> list[Menuitem]:
    return [item for item in MENU if user.has_perm(item.permissie)]
