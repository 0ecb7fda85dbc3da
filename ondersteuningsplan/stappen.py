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

S = "ondersteuningsplan.services."
BEWERKEN = "ondersteuningsplan.bewerken"

# Status transitions ----------------------------------------------------------------------

NAAR_CONSULTATIE = Stap(
    "naar_consultatie",
    _("In consultatie gebracht"),
    BEWERKEN,
    overgang="naar_consultatie",
    service=S + "plan_naar_consultatie",
    knop=_("In consultatie brengen"),
)
VOORLEGGEN = Stap(
    "voorleggen",
    _("Voorgelegd aan de OPR"),
    BEWERKEN,
    overgang="voorleggen",
    service=S + "plan_voorleggen",
    knop=_("Voorleggen aan OPR (ter instemming)"),
)
TERUG_NAAR_CONCEPT = Stap(
    "terug_naar_concept",
    _("Teruggezet naar concept"),
    BEWERKEN,
    overgang="terug_naar_concept",
    service=S + "plan_terug_naar_concept",
    knop=_("Terug naar concept"),
)
VASTSTELLEN = Stap(
    "vaststellen",
    _("Vastgesteld namens het bestuur"),
    "ondersteuningsplan.vaststellen",
    overgang="vaststellen",
    service=S + "plan_vaststellen",
    knop=_("Vaststellen namens het bestuur"),
)
NAAR_INSPECTIE = Stap(
    "naar_inspectie",
    _("Verzonden aan de inspectie"),
    BEWERKEN,
    overgang="naar_inspectie",
    service=S + "plan_naar_inspectie",
    knop=_("Verzonden aan inspectie"),
)
PUBLICEREN = Stap(
    "publiceren",
    _("Gepubliceerd"),
    "ondersteuningsplan.publiceren",
    overgang="publiceren",
    service=S + "plan_publiceren",
    knop=_("Publiceren"),
)
# Follows from publishing the new version (checked there by `plan_publiceren`).
VERVANGEN = Stap(
    "vervangen",
    _("Vervangen door een nieuwe versie"),
    "ondersteuningsplan.publiceren",
    overgang="vervangen",
)

# New plans ---------------------------------------------------------------------------------

# Taken by `plan_aanmaken` (permission and the SWVs in the user's scope checked there). Not
# in the generated test: before the plan exists there is no object to try it on;
# tests/ondersteuningsplan/test_workflow.py tries it as every role.
AANMAKEN = Stap("aanmaken", _("Plan aangemaakt"), BEWERKEN)
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
