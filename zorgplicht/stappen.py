"""The steps of an aanmelding, declared once (swv/workflow.py). Each names its permission
(rules.py), the django-fsm-2 transition and the one service that takes it; the pages
derive their actions from this table and tests/beveiliging/test_stappen.py calls every
service as every role."""

from django.utils.translation import gettext_lazy as _

from swv.workflow import Stap

_S = "zorgplicht.services."

REGISTREREN = Stap(
    "registreren",
    _("Schriftelijke aanmelding geregistreerd"),
    "zorgplicht.registreren",
    service=_S + "aanmelding_registreren",
)
VERLENGEN = Stap(
    "verlengen",
    _("Beslistermijn verlengd"),
    "zorgplicht.verlengen",
    overgang="verlengen",
    service=_S + "aanmelding_verlengen",
    knop=_("Termijn verlengen"),
)
BESLUITEN = Stap(
    "besluiten",
    _("Besluit over de toelating"),
    "zorgplicht.besluiten",
    overgang="besluiten",
    service=_S + "aanmelding_besluiten",
    knop=_("Besluit vastleggen"),
)
INTREKKEN = Stap(
    "intrekken",
    _("Aanmelding ingetrokken"),
    "zorgplicht.intrekken",
    overgang="intrekken",
    service=_S + "aanmelding_intrekken",
    knop=_("Aanmelding intrekken"),
    bevestigen=_("De ouders trekken de aanmelding in. Weet u het zeker?"),
)

ACTIES = [VERLENGEN, BESLUITEN, INTREKKEN]
STAPPEN = [REGISTREREN, VERLENGEN, BESLUITEN, INTREKKEN]
