"""The steps of the verantwoording, declared once (swv/workflow.py).

Each step names the permission (rules.py) and, where the state decides whether it can be
taken, the django-fsm-2 transition on `Ronde` or `Verslag`. The services (services.py,
one per step) take them; the round and report pages derive from this table which actions
a user has; the generated test in tests/beveiliging/test_stappen.py calls every service of
this table as every role.

Saving a report and editing a round's form are steps without a timeline row (they happen
many times; the audit log has them); every other step writes one through
`workflow.overgang` / `workflow.aangemaakt`.
"""

from django.utils.translation import gettext_lazy as _

from swv.workflow import Stap

S = "kpi.verantwoording.services."

# Rounds -----------------------------------------------------------------------------------

# Taken by `ronde_aanmaken`, which has no object to check the permission on yet (it checks
# the permission, then the SWVs against the user's): covered by tests/verantwoording.
RONDE_AANMAKEN = Stap("ronde_aanmaken", _("Ronde aangemaakt"), "verantwoording.beheren")
RONDE_OPENEN = Stap(
    "ronde_openen",
    _("Ronde geopend"),
    "verantwoording.beheren",
    overgang="openen",
    service=S + "ronde_openen",
    melding=_("De ronde is geopend; de besturen kunnen invullen."),
)
RONDE_DEADLINE = Stap(
    "ronde_deadline",
    _("Uiterste inleverdatum gewijzigd"),
    "verantwoording.beheren",
    overgang="deadline_wijzigen",
    service=S + "ronde_deadline_wijzigen",
    melding=_("De uiterste inleverdatum is nu %(datum)s."),
)
RONDE_SLUITEN = Stap(
    "ronde_sluiten",
    _("Ronde gesloten"),
    "verantwoording.beheren",
    overgang="sluiten",
    service=S + "ronde_sluiten",
    melding=_("De ronde is gesloten; er kan niets meer worden gewijzigd."),
)
SJABLOON_WIJZIGEN = Stap(
    "sjabloon_wijzigen",
    _("Formulier gewijzigd"),
    "verantwoording.beheren",
    service=S + "vraag_wijzigen",
)

# Reports ----------------------------------------------------------------------------------

VERSLAG_OPSLAAN = Stap(
    "verslag_opslaan",
    _("Verslag opgeslagen"),
    "verantwoording.invullen",
    service=S + "verslag_opslaan",
    melding=_("Opgeslagen als concept."),
)
VERSLAG_INDIENEN = Stap(
    "verslag_indienen",
    _("Verslag ingediend"),
    "verantwoording.invullen",
    overgang="indienen",
    service=S + "verslag_indienen",
    melding=_(
        "Uw verslag is ingediend. Het SWV beoordeelt het; u krijgt bericht als er iets moet "
        "worden aangevuld."
    ),
)
VERSLAG_TERUGGEVEN = Stap(
    "verslag_teruggeven",
    _("Verslag teruggegeven"),
    "verantwoording.beheren",
    overgang="teruggeven",
    service=S + "verslag_teruggeven",
    melding=_("Het verslag is teruggegeven aan %(bestuur)s."),
)
VERSLAG_ACCEPTEREN = Stap(
    "verslag_accepteren",
    _("Verslag geaccepteerd"),
    "verantwoording.beheren",
    overgang="accepteren",
    service=S + "verslag_accepteren",
    melding=_(
        "Het verslag van %(bestuur)s is geaccepteerd en gepubliceerd voor de andere besturen."
    ),
)

RONDE_STAPPEN = [RONDE_AANMAKEN, RONDE_OPENEN, RONDE_DEADLINE, RONDE_SLUITEN, SJABLOON_WIJZIGEN]
VERSLAG_STAPPEN = [VERSLAG_OPSLAAN, VERSLAG_INDIENEN, VERSLAG_TERUGGEVEN, VERSLAG_ACCEPTEREN]
# The review form's choice -> the step it takes.
BESLUITEN = {"accepteren": VERSLAG_ACCEPTEREN, "teruggeven": VERSLAG_TERUGGEVEN}

STAPPEN = RONDE_STAPPEN + VERSLAG_STAPPEN
