"""The steps of the TLV procedure, declared once (swv/workflow.py).

Each step names the permission (rules.py) and, where the status changes, the django-fsm-2
transition on `Aanvraag`. The services (`<entity>_<action>` in services.py) take them
through `workflow.overgang`; the case page derives from this table which actions a user
has; the generated test in tests/beveiliging/test_stappen.py calls every service of this
table as every role.
"""

from django.utils.translation import gettext_lazy as _

from swv.workflow import Stap

S = "toelaatbaarheid.services."

AANMAKEN = Stap(
    "aanmaken",
    _("Aanvraag aangemaakt"),
    "toelaatbaarheid.aanvraag_maken",
    service=S + "aanvraag_aanmaken",
)
WIJZIGEN = Stap(
    "wijzigen",
    _("Aanvraag gewijzigd"),
    "toelaatbaarheid.aanvraag_wijzigen",
    service=S + "aanvraag_wijzigen",
)
BIJLAGE = Stap(
    "bijlage",
    _("Bijlage toegevoegd"),
    "toelaatbaarheid.bijlage_toevoegen",
    service=S + "bijlage_toevoegen",
)
INDIENEN = Stap(
    "indienen",
    _("Aanvraag ingediend"),
    "toelaatbaarheid.indienen",
    overgang="indienen",
    service=S + "aanvraag_indienen",
)
VERDAGEN = Stap(
    "verdagen",
    _("Beslistermijn verdaagd"),
    "toelaatbaarheid.beslistermijn_verdagen",
    service=S + "beslistermijn_verdagen",
)
MDO = Stap(
    "mdo",
    _("MDO-oordeel vastgelegd"),
    "toelaatbaarheid.mdo_vastleggen",
    overgang="mdo_afronden",
    service=S + "mdo_vastleggen",
)
TOEWIJZEN = Stap(
    "toewijzen",
    _("Deskundige gevraagd"),
    "toelaatbaarheid.deskundige_toewijzen",
    service=S + "deskundige_toewijzen",
)
ADVIES = Stap(
    "advies", _("Advies gegeven"), "toelaatbaarheid.advies_geven", service=S + "advies_geven"
)
# Follows from the second advies (checked on the advies by `advies_geven`, service=S + "advies_geven")
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
    service=S + "beschikking_afgeven",
)
AFWIJZEN = Stap(
    "afwijzen",
    _("Beschikking afgegeven"),
    "toelaatbaarheid.beschikking_afgeven",
    overgang="afwijzen",
    service=S + "beschikking_afgeven",
)
BEZWAAR = Stap(
    "bezwaar",
    _("Bezwaar geregistreerd"),
    "toelaatbaarheid.bezwaar_registreren",
    overgang="bezwaar_registreren",
    service=S + "bezwaar_registreren",
)
BEZWAAR_STAP = Stap(
    "bezwaar_stap",
    _("Bezwaar behandeld"),
    "toelaatbaarheid.bezwaar_behandelen",
    service=S + "bezwaar_stap",
)
BEZWAAR_TOEGEKEND = Stap(
    "bezwaar_toegekend",
    _("Beslissing op bezwaar"),
    "toelaatbaarheid.bezwaar_beslissen",
    overgang="bezwaar_afronden_toegekend",
    service=S + "bezwaar_beslissen",
)
BEZWAAR_AFGEWEZEN = Stap(
    "bezwaar_afgewezen",
    _("Beslissing op bezwaar"),
    "toelaatbaarheid.bezwaar_beslissen",
    overgang="bezwaar_afronden_afgewezen",
    service=S + "bezwaar_beslissen",
)
TERUGPLAATSEN = Stap(
    "terugplaatsen",
    _("Terugplaatsing vastgelegd"),
    "toelaatbaarheid.terugplaatsen",
    overgang="beeindigen",
    service=S + "terugplaatsing_vastleggen",
)
HERBEOORDELING = Stap(
    "herbeoordeling",
    _("Herbeoordeling gestart"),
    "toelaatbaarheid.herbeoordeling_starten",
    service=S + "herbeoordeling_starten",
)
INTREKKEN = Stap(
    "intrekken",
    _("Aanvraag ingetrokken"),
    "toelaatbaarheid.intrekken",
    overgang="intrekken",
    service=S + "aanvraag_intrekken",
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
    BEZWAAR_STAP,
    BEZWAAR_TOEGEKEND,
    BEZWAAR_AFGEWEZEN,
    TERUGPLAATSEN,
    HERBEOORDELING,
    INTREKKEN,
]
