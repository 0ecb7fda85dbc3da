"""The steps of the voorzieningen register and of a placement, declared once
(swv/workflow.py): each names its permission (rules.py), the django-fsm-2 transition and
the one service that takes it. The generated test in tests/beveiliging/test_stappen.py
calls every service as every role."""

from django.utils.translation import gettext_lazy as _

from swv.workflow import Stap

_V = "voorzieningen.services.voorziening."
_P = "voorzieningen.services.plaatsing."

VOORZIENING_AANMAKEN = Stap(
    "voorziening_aanmaken",
    _("Voorziening toegevoegd"),
    "voorzieningen.beheren",
    service=_V + "voorziening_aanmaken",
)
VOORZIENING_WIJZIGEN = Stap(
    "voorziening_wijzigen",
    _("Voorziening gewijzigd"),
    "voorzieningen.beheren",
    service=_V + "voorziening_wijzigen",
)
AANMELDEN = Stap(
    "aanmelden",
    _("Op de wachtlijst gezet"),
    "voorzieningen.plaatsing_aanmaken",
    service=_P + "plaatsing_aanmaken",
)
PLAATSEN = Stap(
    "plaatsen",
    _("Geplaatst"),
    "voorzieningen.plaatsing_plaatsen",
    overgang="plaatsen",
    service=_P + "plaatsing_plaatsen",
    knop=_("Plaatsen"),
)
BEEINDIGEN = Stap(
    "beeindigen",
    _("Plaatsing beëindigd"),
    "voorzieningen.plaatsing_beeindigen",
    overgang="beeindigen",
    service=_P + "plaatsing_beeindigen",
    knop=_("Plaatsing beëindigen"),
)
VERVALLEN = Stap(
    "vervallen",
    _("Van de wachtlijst gehaald (vervallen)"),
    "voorzieningen.plaatsing_laten_vervallen",
    overgang="laten_vervallen",
    service=_P + "plaatsing_laten_vervallen",
    knop=_("Van de wachtlijst halen"),
    bevestigen=_("De leerling verdwijnt van de wachtlijst. Doorgaan?"),
)

# The actions a placement page offers.
PLAATSING_ACTIES = [PLAATSEN, BEEINDIGEN, VERVALLEN]

STAPPEN = [VOORZIENING_AANMAKEN, VOORZIENING_WIJZIGEN, AANMELDEN, PLAATSEN, BEEINDIGEN, VERVALLEN]
