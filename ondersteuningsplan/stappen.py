"""The steps of the plan procedure, declared once (swv/workflow.py).

Each step names the permission (rules.py) and, where the status changes, the django-fsm-2
transition on `Ondersteuningsplan`. The services (`<entity>_<action>` in services.py)
take them; the transitions and new versions through `workflow.overgang` /
`workflow.aangemaakt`, which write the plan's timeline. The other steps are edits and
records of the procedure (OOGO, the OPR's decision and comments): they change no status
and write no timeline row, only their audit event. The plan page derives from this table
which actions a user has; the generated test in tests/beveiliging/test_stappen.py calls
every service of this table as every role.
"""

from django.utils.translation import gettext_lazy as _

from swv.workflow import Stap

from .models import STATUS_BEWERKBAAR, PlanStatus

S = "ondersteuningsplan.services."
BEWERKEN = "ondersteuningsplan.bewerken"

# Status transitions ----------------------------------------------------------------------


def _knop(naam, label, permissie, knop) -> Stap:
    """A transition taken with a button on the plan page (`knop`, its text): the model's
    transition is named as the step, its service `plan_<naam>`."""
    return Stap(naam, label, permissie, overgang=naam, service=f"{S}plan_{naam}", knop=knop)


NAAR_CONSULTATIE = _knop(
    "naar_consultatie", _("In consultatie gebracht"), BEWERKEN, _("In consultatie brengen")
)
VOORLEGGEN = _knop(
    "voorleggen", _("Voorgelegd aan de OPR"), BEWERKEN, _("Voorleggen aan OPR (ter instemming)")
)
TERUG_NAAR_CONCEPT = _knop(
    "terug_naar_concept", _("Teruggezet naar concept"), BEWERKEN, _("Terug naar concept")
)
VASTSTELLEN = _knop(
    "vaststellen", _("Vastgesteld namens het bestuur"), "ondersteuningsplan.vaststellen",
    _("Vaststellen namens het bestuur"),
)  # fmt: skip
NAAR_INSPECTIE = _knop(
    "naar_inspectie", _("Verzonden aan de inspectie"), BEWERKEN, _("Verzonden aan inspectie")
)
PUBLICEREN = _knop(
    "publiceren", _("Gepubliceerd"), "ondersteuningsplan.publiceren", _("Publiceren")
)
# Follows from publishing the new version (checked there by `plan_publiceren`).
VERVANGEN = Stap(
    "vervangen",
    _("Vervangen door een nieuwe versie"),
    "ondersteuningsplan.publiceren",
    overgang="vervangen",
)

# New plans ---------------------------------------------------------------------------------

# There is no plan yet to ask the permission on: `plan_aanmaken` checks it, then the SWVs
# against the user's (the generated test tries it with SWVs inside and outside).
AANMAKEN = Stap("aanmaken", _("Plan aangemaakt"), BEWERKEN, service=S + "plan_aanmaken")
NIEUWE_VERSIE = Stap(
    "nieuwe_versie",
    _("Nieuwe versie aangemaakt"),
    BEWERKEN,
    service=S + "plan_nieuwe_versie",
)

# Content of a draft -------------------------------------------------------------------------

TEKST = Stap("tekst", _("Plantekst gewijzigd"), BEWERKEN, service=S + "plan_tekst_bijwerken")
HOOFDSTUK_AANMAKEN = Stap(
    "hoofdstuk_aanmaken", _("Hoofdstuk aangemaakt"), BEWERKEN, service=S + "hoofdstuk_aanmaken"
)
HOOFDSTUK_BIJWERKEN = Stap(
    "hoofdstuk_bijwerken", _("Hoofdstuk gewijzigd"), BEWERKEN, service=S + "hoofdstuk_bijwerken"
)
HOOFDSTUK_VERWIJDEREN = Stap(
    "hoofdstuk_verwijderen",
    _("Hoofdstuk verwijderd"),
    BEWERKEN,
    service=S + "hoofdstuk_verwijderen",
)
# Speerpunten, ontwikkelacties and vademecum documents (one service for the three forms).
INHOUD = Stap("inhoud", _("Inhoud opgeslagen"), BEWERKEN, service=S + "object_opslaan")
KPI = Stap("kpi", _("KPI opgeslagen"), BEWERKEN, service=S + "kpi_opslaan")

# Consultation: OOGO with the gemeenten, the OPR's decision and comments ---------------------

OOGO = Stap("oogo", _("OOGO vastgelegd"), BEWERKEN, service=S + "oogo_vastleggen")
OPR_BESLUIT = Stap(
    "opr_besluit",
    _("Besluit van de OPR vastgelegd"),
    "ondersteuningsplan.opr_besluit",
    service=S + "opr_besluit_vastleggen",
)
OPMERKEN = Stap(
    "opmerken",
    _("Opmerking van de OPR geplaatst"),
    "ondersteuningsplan.opmerken",
    service=S + "opmerking_plaatsen",
)
BEANTWOORDEN = Stap(
    "beantwoorden",
    _("Opmerking van de OPR beantwoord"),
    BEWERKEN,
    service=S + "opmerking_beantwoorden",
)

STAPPEN = [
    NAAR_CONSULTATIE,
    VOORLEGGEN,
    TERUG_NAAR_CONCEPT,
    VASTSTELLEN,
    NAAR_INSPECTIE,
    PUBLICEREN,
    VERVANGEN,
    AANMAKEN,
    NIEUWE_VERSIE,
    TEKST,
    HOOFDSTUK_AANMAKEN,
    HOOFDSTUK_BIJWERKEN,
    HOOFDSTUK_VERWIJDEREN,
    INHOUD,
    KPI,
    OOGO,
    OPR_BESLUIT,
    OPMERKEN,
    BEANTWOORDEN,
]

# The transitions a user takes with a button on the plan page, in this order (each service
# takes gebruiker, plan, toelichting, request).
KNOPPEN = [stap for stap in STAPPEN if stap.knop]
PER_NAAM = {stap.naam: stap for stap in STAPPEN}
# Transitions that record a legal fact on a date the user confirms (a page with the date
# before the step is taken; the service checks the date).
MET_DATUM = (VASTSTELLEN, NAAR_INSPECTIE, PUBLICEREN)

# What the status allows besides the transitions ------------------------------------------

# Steps without a transition that only these statuses allow. The services refuse the other
# statuses (each with its own message); the plan page offers the step only here.
IN_STATUS = {
    **dict.fromkeys(
        (TEKST, HOOFDSTUK_AANMAKEN, HOOFDSTUK_BIJWERKEN, HOOFDSTUK_VERWIJDEREN, INHOUD, KPI),
        STATUS_BEWERKBAAR,
    ),
    OOGO: (PlanStatus.CONSULTATIE, PlanStatus.TER_INSTEMMING),
    OPR_BESLUIT: (PlanStatus.TER_INSTEMMING,),
    OPMERKEN: (PlanStatus.TER_INSTEMMING,),
    NIEUWE_VERSIE: (PlanStatus.GEPUBLICEERD,),
}


def mag(stap: Stap, gebruiker, plan) -> bool:
    """May the user take `stap` on `plan` now: the rule and the transition (`Stap.mag`),
    the status the step asks (IN_STATUS) and, for a new version, none in progress yet.
    The step's service checks the same and says why not."""
    if not stap.mag(gebruiker, plan):
        return False
    if stap in IN_STATUS and plan.status not in IN_STATUS[stap]:
        return False
    if stap == NIEUWE_VERSIE:
        return not plan.wijzigingen.exclude(status=PlanStatus.VERVANGEN).exists()
    return True


def acties(gebruiker, plan) -> dict:
    """What the plan page offers this user now (the template's names)."""
    return {
        "knoppen": [stap for stap in KNOPPEN if mag(stap, gebruiker, plan)],
        "bewerkbaar": mag(TEKST, gebruiker, plan),
        "kan_beantwoorden": mag(BEANTWOORDEN, gebruiker, plan),
        "kan_opmerken": mag(OPMERKEN, gebruiker, plan),
        "kan_opr_besluit": mag(OPR_BESLUIT, gebruiker, plan),
        "kan_oogo": mag(OOGO, gebruiker, plan),
        "kan_nieuwe_versie": mag(NIEUWE_VERSIE, gebruiker, plan),
    }
