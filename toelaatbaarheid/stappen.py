"""The steps of the TLV procedure, declared once (swv/workflow.py).

Each step names the permission (rules.py), where the status changes the django-fsm-2
transition on `Aanvraag`, and the one service that takes it (`<entity>_<action>` in
services/<entity>.py) through `workflow.overgang`. The case page derives from this table
which actions a user has; the generated test in tests/beveiliging/test_stappen.py calls
every service of this table as every role.
"""

from django.utils.translation import gettext_lazy as _

from swv.workflow import Stap

_AANVRAAG = "toelaatbaarheid.services.aanvraag."
_ADVIES = "toelaatbaarheid.services.advies."
_BESCHIKKING = "toelaatbaarheid.services.beschikking."
_BEZWAAR = "toelaatbaarheid.services.bezwaar."

AANMAKEN = Stap(
    "aanmaken",
    _("Aanvraag aangemaakt"),
    "toelaatbaarheid.aanvraag_maken",
    service=_AANVRAAG + "aanvraag_aanmaken",
)
WIJZIGEN = Stap(
    "wijzigen",
    _("Aanvraag gewijzigd"),
    "toelaatbaarheid.aanvraag_wijzigen",
    service=_AANVRAAG + "aanvraag_wijzigen",
)
BIJLAGE = Stap(
    "bijlage",
    _("Bijlage toegevoegd"),
    "toelaatbaarheid.bijlage_toevoegen",
    service=_AANVRAAG + "bijlage_toevoegen",
)
INDIENEN = Stap(
    "indienen",
    _("Aanvraag ingediend"),
    "toelaatbaarheid.indienen",
    overgang="indienen",
    service=_AANVRAAG + "aanvraag_indienen",
)
VERDAGEN = Stap(
    "verdagen",
    _("Beslistermijn verdaagd"),
    "toelaatbaarheid.beslistermijn_verdagen",
    service=_AANVRAAG + "beslistermijn_verdagen",
)
MDO = Stap(
    "mdo",
    _("MDO-oordeel vastgelegd"),
    "toelaatbaarheid.mdo_vastleggen",
    overgang="mdo_afronden",
    service=_AANVRAAG + "mdo_vastleggen",
)
TOEWIJZEN = Stap(
    "toewijzen",
    _("Deskundige gevraagd"),
    "toelaatbaarheid.deskundige_toewijzen",
    service=_ADVIES + "deskundige_toewijzen",
)
ADVIES = Stap(
    "advies", _("Advies gegeven"), "toelaatbaarheid.advies_geven", service=_ADVIES + "advies_geven"
)
# Follows from the second advies (checked on the advies by `advies_geven`).
ADVIEZEN_COMPLEET = Stap(
    "adviezen_compleet",
    _("Adviezen compleet"),
    "toelaatbaarheid.advies_geven",
    overgang="adviezen_compleet",
)
TOEKENNEN = Stap(
    "toekennen",
    _("Beschikking afgegeven"),
    "toelaatbaarheid.beschikking_afgeven",
    overgang="toekennen",
    service=_BESCHIKKING + "beschikking_afgeven",
)
AFWIJZEN = Stap(
    "afwijzen",
    _("Beschikking afgegeven"),
    "toelaatbaarheid.beschikking_afgeven",
    overgang="afwijzen",
    service=_BESCHIKKING + "beschikking_afgeven",
)
BEZWAAR = Stap(
    "bezwaar",
    _("Bezwaar geregistreerd"),
    "toelaatbaarheid.bezwaar_registreren",
    overgang="bezwaar_registreren",
    service=_BEZWAAR + "bezwaar_registreren",
)


def _behandeling(naam: str, label, service: str, knop) -> Stap:
    """A step in handling a bezwaar, between its registration and the beslissing: on the
    case's timeline, no change of status, a service of its own. The case page offers
    them while a bezwaar is open, in the order of BEZWAAR_BEHANDELING."""
    return Stap(
        naam,
        label,
        "toelaatbaarheid.bezwaar_behandelen",
        service=_BEZWAAR + service,
        knop=knop,
    )


BEZWAAR_ONTVANGST = _behandeling(
    "bezwaar_ontvangst",
    _("Ontvangstbevestiging verstuurd"),
    "bezwaar_ontvangst_bevestigen",
    _("Vastleggen"),
)
BEZWAAR_LBT = _behandeling(
    "bezwaar_lbt",
    _("Doorgestuurd naar de LBT met verweerschrift en dossier"),
    "bezwaar_naar_lbt",
    _("Doorgestuurd naar de LBT"),
)
BEZWAAR_HOORZITTING = _behandeling(
    "bezwaar_hoorzitting",
    _("Hoorzitting gepland"),
    "bezwaar_hoorzitting_plannen",
    _("Hoorzitting plannen"),
)
BEZWAAR_ADVIES = _behandeling(
    "bezwaar_advies", _("Advies LBT ontvangen"), "bezwaar_advies_vastleggen", _("Advies vastleggen")
)
BEZWAAR_VERDAGEN = _behandeling(
    "bezwaar_verdagen",
    _("Beslistermijn op bezwaar verdaagd"),
    "bezwaar_verdagen",
    _("Beslistermijn eenmaal verdagen (6 weken)"),
)
BEZWAAR_BEHANDELING = [
    BEZWAAR_ONTVANGST,
    BEZWAAR_LBT,
    BEZWAAR_HOORZITTING,
    BEZWAAR_ADVIES,
    BEZWAAR_VERDAGEN,
]
BEZWAAR_TOEGEKEND = Stap(
    "bezwaar_toegekend",
    _("Beslissing op bezwaar"),
    "toelaatbaarheid.bezwaar_beslissen",
    overgang="bezwaar_afronden_toegekend",
    service=_BEZWAAR + "bezwaar_beslissen",
)
BEZWAAR_AFGEWEZEN = Stap(
    "bezwaar_afgewezen",
    _("Beslissing op bezwaar"),
    "toelaatbaarheid.bezwaar_beslissen",
    overgang="bezwaar_afronden_afgewezen",
    service=_BEZWAAR + "bezwaar_beslissen",
)
TERUGPLAATSEN = Stap(
    "terugplaatsen",
    _("Terugplaatsing vastgelegd"),
    "toelaatbaarheid.terugplaatsen",
    overgang="beeindigen",
    service=_BESCHIKKING + "terugplaatsing_vastleggen",
)
NAZORG = Stap(
    "nazorg",
    _("Nazorgmoment vastgelegd"),
    "toelaatbaarheid.nazorg_vastleggen",
    service=_BESCHIKKING + "nazorg_vastleggen",
)
HERBEOORDELING = Stap(
    "herbeoordeling",
    _("Herbeoordeling gestart"),
    "toelaatbaarheid.herbeoordeling_starten",
    service=_AANVRAAG + "herbeoordeling_starten",
)
INTREKKEN = Stap(
    "intrekken",
    _("Aanvraag ingetrokken"),
    "toelaatbaarheid.intrekken",
    overgang="intrekken",
    service=_AANVRAAG + "aanvraag_intrekken",
)

STAPPEN = [
    AANMAKEN,
    WIJZIGEN,
    BIJLAGE,
    INDIENEN,
    VERDAGEN,
    MDO,
    TOEWIJZEN,
    ADVIES,
    ADVIEZEN_COMPLEET,
    TOEKENNEN,
    AFWIJZEN,
    BEZWAAR,
    *BEZWAAR_BEHANDELING,
    BEZWAAR_TOEGEKEND,
    BEZWAAR_AFGEWEZEN,
    TERUGPLAATSEN,
    NAZORG,
    HERBEOORDELING,
    INTREKKEN,
]
