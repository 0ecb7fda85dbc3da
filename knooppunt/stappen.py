"""The steps of the knooppunt, declared once (swv/workflow.py). Each names its permission
(rules.py), the django-fsm-2 transition where there is one, and the one service that takes
it; the pages derive their buttons from this table and the generated test in
tests/beveiliging/test_stappen.py calls every service as every role."""

from django.utils.translation import gettext_lazy as _

from swv.workflow import Stap

_K = "knooppunt.services.knooppunt."
_O = "knooppunt.services.overleg."

INRICHTEN = Stap(
    "inrichten", _("Knooppunt ingericht"), "knooppunt.inrichten", service=_K + "knooppunt_inrichten"
)
WIJZIGEN = Stap(
    "wijzigen", _("Knooppunt gewijzigd"), "knooppunt.wijzigen", service=_K + "knooppunt_wijzigen"
)
PARTNER_TOEVOEGEN = Stap(
    "partner_toevoegen",
    _("Kernpartner toegevoegd"),
    "knooppunt.partner_beheren",
    service=_K + "kernpartner_toevoegen",
    knop=_("Kernpartner toevoegen"),
)
PARTNER_VERWIJDEREN = Stap(
    "partner_verwijderen",
    _("Kernpartner verwijderd"),
    "knooppunt.partner_beheren",
    service=_K + "kernpartner_verwijderen",
    knop=_("Verwijderen"),
    bevestigen=_("Weet u zeker dat u deze kernpartner wilt verwijderen?"),
)
EVALUATIE = Stap(
    "evaluatie",
    _("Jaarlijkse evaluatie vastgelegd"),
    "knooppunt.evaluatie_vastleggen",
    service=_K + "evaluatie_vastleggen",
    knop=_("Evaluatie vastleggen"),
)

OVERLEG_PLANNEN = Stap(
    "plannen",
    _("Knooppuntoverleg gepland"),
    "knooppunt.overleg_plannen",
    service=_O + "overleg_plannen",
    knop=_("Overleg plannen"),
)
OVERLEG_WIJZIGEN = Stap(
    "wijzigen",
    _("Verslag van het overleg bijgewerkt"),
    "knooppunt.overleg_wijzigen",
    service=_O + "overleg_wijzigen",
    knop=_("Verslag bewerken"),
)
OVERLEG_HOUDEN = Stap(
    "houden",
    _("Knooppuntoverleg gehouden"),
    "knooppunt.overleg_houden",
    overgang="houden",
    service=_O + "overleg_houden",
    knop=_("Overleg is gehouden"),
)
NAAR_MDO = Stap(
    "naar_mdo",
    _("Omgezet naar MDO (knooppunt toeleiding); TLV-aanvraag geopend"),
    "knooppunt.overleg_naar_mdo",
    overgang="naar_mdo",
    service=_O + "overleg_naar_mdo",
    knop=_("Omzetten naar MDO (TLV-aanvraag)"),
)

OVERLEG_ACTIES = [OVERLEG_WIJZIGEN, OVERLEG_HOUDEN, NAAR_MDO]

STAPPEN = [
    INRICHTEN,
    WIJZIGEN,
    PARTNER_TOEVOEGEN,
    PARTNER_VERWIJDEREN,
    EVALUATIE,
    OVERLEG_PLANNEN,
    OVERLEG_WIJZIGEN,
    OVERLEG_HOUDEN,
    NAAR_MDO,
]
