"""The steps on a leerlingdossier, declared once (swv/workflow.py). A dossier has no
status: these are records, each checked (scope, then permission) in its service and
audited; the generated test in tests/beveiliging/test_stappen.py calls every service as
every role."""

from django.utils.translation import gettext_lazy as _

from swv.workflow import Stap

S = "leerlingen.services."

AANMAKEN = Stap(
    "aanmaken", _("Dossier aangemaakt"), "leerlingen.aanmaken", service=S + "leerling_aanmaken"
)
WIJZIGEN = Stap(
    "wijzigen", _("Dossier gewijzigd"), "leerlingen.wijzigen", service=S + "leerling_wijzigen"
)
TOESTEMMING = Stap(
    "toestemming",
    _("Toestemming vastgelegd"),
    "leerlingen.toestemming_vastleggen",
    service=S + "toestemming_vastleggen",
)
TOESTEMMING_INTREKKEN = Stap(
    "toestemming_intrekken",
    _("Toestemming ingetrokken"),
    "leerlingen.toestemming_vastleggen",
    service=S + "toestemming_intrekken",
)

STAPPEN = [AANMAKEN, WIJZIGEN, TOESTEMMING, TOESTEMMING_INTREKKEN]
