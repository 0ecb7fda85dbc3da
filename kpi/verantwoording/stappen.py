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
BEHEREN = "verantwoording.beheren"  # staff of the round's SWVs
INVULLEN = "verantwoording.invullen"  # the report's own bestuur


def _stap(naam, label, permissie, *, overgang=None, service="", melding="") -> Stap:
    """A step of this table; its service is `services.<naam>` unless `service` names it."""
    return Stap(
        naam, label, permissie, overgang=overgang, service=S + (service or naam), melding=melding
    )


# Rounds -----------------------------------------------------------------------------------

# There is no round yet to ask the permission on: `ronde_aanmaken` checks it, then the SWVs
# against the user's (the generated test tries it with SWVs inside and outside).
RONDE_AANMAKEN = _stap("ronde_aanmaken", _("Ronde aangemaakt"), BEHEREN)
RONDE_OPENEN = _stap(
    "ronde_openen", _("Ronde geopend"), BEHEREN, overgang="openen",
    melding=_("De ronde is geopend; de besturen kunnen invullen."),
)  # fmt: skip
RONDE_DEADLINE = _stap(
    "ronde_deadline", _("Uiterste inleverdatum gewijzigd"), BEHEREN,
    overgang="deadline_wijzigen", service="ronde_deadline_wijzigen",
    melding=_("De uiterste inleverdatum is nu %(datum)s."),
)  # fmt: skip
RONDE_SLUITEN = _stap(
    "ronde_sluiten", _("Ronde gesloten"), BEHEREN, overgang="sluiten",
    melding=_("De ronde is gesloten; er kan niets meer worden gewijzigd."),
)  # fmt: skip
SJABLOON_WIJZIGEN = _stap(
    "sjabloon_wijzigen", _("Formulier gewijzigd"), BEHEREN, service="vraag_wijzigen"
)

# Reports ----------------------------------------------------------------------------------

VERSLAG_OPSLAAN = _stap(
    "verslag_opslaan", _("Verslag opgeslagen"), INVULLEN, melding=_("Opgeslagen als concept.")
)
VERSLAG_INDIENEN = _stap(
    "verslag_indienen", _("Verslag ingediend"), INVULLEN, overgang="indienen",
    melding=_("Uw verslag is ingediend. Het SWV beoordeelt het; u krijgt bericht als er iets "
              "moet worden aangevuld."),
)  # fmt: skip
VERSLAG_TERUGGEVEN = _stap(
    "verslag_teruggeven", _("Verslag teruggegeven"), BEHEREN, overgang="teruggeven",
    melding=_("Het verslag is teruggegeven aan %(bestuur)s."),
)  # fmt: skip
VERSLAG_ACCEPTEREN = _stap(
    "verslag_accepteren", _("Verslag geaccepteerd"), BEHEREN, overgang="accepteren",
    melding=_("Het verslag van %(bestuur)s is geaccepteerd en gepubliceerd voor de andere "
              "besturen."),
)  # fmt: skip

RONDE_STAPPEN = [RONDE_AANMAKEN, RONDE_OPENEN, RONDE_DEADLINE, RONDE_SLUITEN, SJABLOON_WIJZIGEN]
VERSLAG_STAPPEN = [VERSLAG_OPSLAAN, VERSLAG_INDIENEN, VERSLAG_TERUGGEVEN, VERSLAG_ACCEPTEREN]
# The review form's choice -> the step it takes.
BESLUITEN = {"accepteren": VERSLAG_ACCEPTEREN, "teruggeven": VERSLAG_TERUGGEVEN}

STAPPEN = RONDE_STAPPEN + VERSLAG_STAPPEN
