"""The steps of the ondersteuningsroute (vraag, loket meeting, arrangement), declared once
(swv/workflow.py). Each names its permission (rules.py), the django-fsm-2 transition and
the one service that takes it; the pages derive their buttons from this table and the
generated test in tests/beveiliging/test_stappen.py calls every service as every role."""

from django.utils.translation import gettext_lazy as _

from swv.workflow import Stap

_V = "ondersteuning.services.vraag."
_L = "ondersteuning.services.loket."
_A = "ondersteuning.services.arrangement."

AANMAKEN = Stap(
    "aanmaken",
    _("Vraag aangemaakt"),
    "ondersteuning.vraag_aanmaken",
    service=_V + "vraag_aanmaken",
)
INDIENEN = Stap(
    "indienen",
    _("Vraag ingediend"),
    "ondersteuning.vraag_indienen",
    overgang="indienen",
    service=_V + "vraag_indienen",
    knop=_("Indienen bij het samenwerkingsverband"),
)
AGENDEREN = Stap(
    "agenderen",
    _("Geagendeerd voor het loketoverleg"),
    "ondersteuning.vraag_agenderen",
    overgang="agenderen",
    service=_V + "vraag_agenderen",
    knop=_("Agenderen"),
)
VAN_AGENDA = Stap(
    "van_agenda",
    _("Van de agenda gehaald"),
    "ondersteuning.vraag_van_agenda",
    overgang="van_agenda_halen",
    service=_V + "vraag_van_agenda_halen",
    knop=_("Van de agenda halen"),
)
TOEKENNEN = Stap(
    "toekennen",
    _("Besluit: toegekend"),
    "ondersteuning.vraag_besluiten",
    overgang="toekennen",
    service=_V + "vraag_besluiten",
)
AFWIJZEN = Stap(
    "afwijzen",
    _("Besluit: afgewezen"),
    "ondersteuning.vraag_besluiten",
    overgang="afwijzen",
    service=_V + "vraag_besluiten",
)
INTREKKEN = Stap(
    "intrekken",
    _("Vraag ingetrokken"),
    "ondersteuning.vraag_intrekken",
    overgang="intrekken",
    service=_V + "vraag_intrekken",
    knop=_("Vraag intrekken"),
    bevestigen=_("Weet u zeker dat u deze vraag wilt intrekken?"),
)
BIJLAGE = Stap(
    "bijlage",
    _("Bijlage toegevoegd"),
    "ondersteuning.vraag_bijlage",
    service=_V + "vraag_bijlage_toevoegen",
)

OVERLEG_PLANNEN = Stap(
    "plannen",
    _("Loketoverleg gepland"),
    "ondersteuning.loket_plannen",
    service=_L + "loketoverleg_plannen",
)
OVERLEG_HOUDEN = Stap(
    "houden",
    _("Loketoverleg gehouden"),
    "ondersteuning.loket_houden",
    overgang="houden",
    service=_L + "loketoverleg_houden",
    knop=_("Overleg is gehouden"),
)
OVERLEG_AFRONDEN = Stap(
    "afronden",
    _("Loketoverleg afgerond; besluiten verstuurd"),
    "ondersteuning.loket_afronden",
    overgang="afronden",
    service=_L + "loketoverleg_afronden",
    knop=_("Afronden en besluiten versturen"),
    bevestigen=_("De scholen krijgen vandaag bericht van de besluiten. Doorgaan?"),
)

# An arrangement is granted by the decision on its vraag (`vraag_besluiten`, in the same
# transaction): no service of its own.
ARRANGEMENT_TOEGEKEND = Stap(
    "toegekend",
    _("Arrangement toegekend"),
    "ondersteuning.vraag_besluiten",
)
EVALUEREN = Stap(
    "evalueren",
    _("Evaluatie vastgelegd"),
    "ondersteuning.arrangement_evalueren",
    service=_A + "arrangement_evalueren",
    knop=_("Evaluatie vastleggen"),
)
BEEINDIGEN = Stap(
    "beeindigen",
    _("Arrangement beëindigd"),
    "ondersteuning.arrangement_beeindigen",
    overgang="beeindigen",
    service=_A + "arrangement_beeindigen",
    knop=_("Arrangement beëindigen"),
    bevestigen=_("Het arrangement stopt op de einddatum die u invult. Doorgaan?"),
)
VERLENGEN = Stap(
    "verlengen",
    _("Arrangement verlengd (nieuw besluit)"),
    "ondersteuning.arrangement_verlengen",
    overgang="verlengen",
    service=_A + "arrangement_verlengen",
    knop=_("Verlengen"),
)
# The first row of the extension's own timeline (taken by `arrangement_verlengen`).
VERLENGING_TOEGEKEND = Stap(
    "verlenging",
    _("Arrangement toegekend als verlenging"),
    "ondersteuning.arrangement_verlengen",
)

# The actions a vraag page offers (deciding is on the meeting page).
VRAAG_ACTIES = [INDIENEN, INTREKKEN]
OVERLEG_ACTIES = [OVERLEG_HOUDEN, OVERLEG_AFRONDEN]
ARRANGEMENT_ACTIES = [EVALUEREN, VERLENGEN, BEEINDIGEN]

STAPPEN = [
    AANMAKEN,
    INDIENEN,
    AGENDEREN,
    VAN_AGENDA,
    TOEKENNEN,
    AFWIJZEN,
    INTREKKEN,
    BIJLAGE,
    OVERLEG_PLANNEN,
    OVERLEG_HOUDEN,
    OVERLEG_AFRONDEN,
    ARRANGEMENT_TOEGEKEND,
    EVALUEREN,
    BEEINDIGEN,
    VERLENGEN,
    VERLENGING_TOEGEKEND,
]
