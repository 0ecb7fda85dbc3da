"""The writes of the KPI app, declared once (swv/workflow.py): metingen and the
thuiszitters register have no status workflow, but each write is a step with a permission
(kpi/rules.py) and one service, checked there (tests/beveiliging/test_stappen.py)."""

from django.utils.translation import gettext_lazy as _

from swv.workflow import Stap

S = "kpi.services."

METING = Stap(
    "meting", _("Meting vastgelegd"), "kpi.meting_invoeren", service=S + "meting_vastleggen"
)
THUISZITTER_REGISTREREN = Stap(
    "thuiszitter_registreren",
    _("Thuiszitter geregistreerd"),
    "kpi.thuiszitter_registreren",
    service=S + "thuiszitter_registreren",
)
THUISZITTER_WIJZIGEN = Stap(
    "thuiszitter_wijzigen",
    _("Thuiszitter gewijzigd"),
    "kpi.thuiszitter_registreren",
    service=S + "thuiszitter_wijzigen",
)
THUISZITTER_ACTIE = Stap(
    "thuiszitter_actie",
    _("Actie toegevoegd"),
    "kpi.thuiszitter_registreren",
    service=S + "thuiszitter_actie_toevoegen",
)

STAPPEN = [METING, THUISZITTER_REGISTREREN, THUISZITTER_WIJZIGEN, THUISZITTER_ACTIE]
