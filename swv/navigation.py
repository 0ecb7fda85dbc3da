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
    groep: str = ""  # shown together under this label (a dropdown)

    @property
    def url(self) -> str:
        return reverse(self.url_naam)


ROUTE = _("Ondersteuningsroute")

MENU = [
    Menuitem(_("Overzicht"), "home", "swv.organisatie_bekijken", ""),
    Menuitem(_("Organisatie"), "swv:index", "swv.organisatie_bekijken", "organisatie"),
    Menuitem(
        _("Ondersteuningsplan"),
        "ondersteuningsplan:index",
        "ondersteuningsplan.bekijken",
        "plannen",
    ),
    Menuitem(_("Leerlingen"), "leerlingen:index", "leerlingen.bekijken", "leerlingen", ROUTE),
    Menuitem(_("Vragen"), "ondersteuning:index", "ondersteuning.bekijken", "vragen", ROUTE),
    Menuitem(
        _("Arrangementen"),
        "ondersteuning:arrangementen",
        "ondersteuning.bekijken",
        "arrangementen",
        ROUTE,
    ),
    Menuitem(_("Knooppunten"), "knooppunt:index", "knooppunt.bekijken", "knooppunten", ROUTE),
    Menuitem(
        _("Voorzieningen"), "voorzieningen:index", "voorzieningen.bekijken", "voorzieningen", ROUTE
    ),
    Menuitem(_("Aanmeldingen"), "zorgplicht:index", "zorgplicht.bekijken", "aanmeldingen", ROUTE),
    Menuitem(_("Kengetallen"), "kpi:route", "ondersteuning.bekijken", "kengetallen", ROUTE),
    Menuitem(_("Toelaatbaarheid"), "toelaatbaarheid:index", "toelaatbaarheid.bekijken", "tlv"),
    Menuitem(_("KPI's"), "kpi:index", "kpi.bekijken", "kpi"),
    Menuitem(
        _("Verantwoording"), "verantwoording:index", "verantwoording.bekijken", "verantwoording"
    ),
    Menuitem(_("Privacy"), "audit", "swv.audit_bekijken", "privacy"),
]


def menu_voor(user) -> list[Menuitem]:
    return [item for item in MENU if user.has_perm(item.permissie)]


@dataclass(frozen=True)
class Menugroep:
    label: str
    items: list

    @property
    def secties(self) -> set[str]:
        return {item.sectie for item in self.items}


def menu_gegroepeerd(user) -> list:
    """The menu as shown: items, and in the place of a group's first item its group (a
    group the user sees one item of is shown as that item)."""
    items = menu_voor(user)
    groepen: dict[str, list] = {}
    for item in items:
        if item.groep:
            groepen.setdefault(str(item.groep), []).append(item)
    regels, gezien = [], set()
    for item in items:
        if not item.groep or len(groepen[str(item.groep)]) == 1:
            regels.append(item)
        elif str(item.groep) not in gezien:
            gezien.add(str(item.groep))
            regels.append(Menugroep(item.groep, groepen[str(item.groep)]))
    return regels
