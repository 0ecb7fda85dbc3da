"""Every write of the TLV workflow, by entity. Keyword-only, typed, atomic.

Each service checks scope (`selectors.aanvragen_voor`) and permission (rules.py), locks
the case row (`select_for_update`) and compares the version the user saw (`versie`) so a
second person saving the same step is told instead of silently overwriting. Each step is
declared once in stappen.py, naming its service here; each transition writes a
status-history row and an audit event in the same transaction (`swv.workflow`).
Messages are Dutch and meant for the user.

- `aanvraag`: creating, editing, attachments, filing, extending the term, the MDO,
  withdrawing, herbeoordeling (the herkomst of an aanvraag decides who files it);
- `advies`: asking the deskundigen and their advice;
- `beschikking`: the decision (its PDFs stored as sent), the terugplaatsing and its
  nazorg moments;
- `bezwaar`: registering a bezwaar, each step of its handling, the beslissing op bezwaar.
"""

from ._gemeen import DubbeleAanvraag, VerouderdeVersie
from .aanvraag import (
    VELDEN,
    aanvraag_aanmaken,
    aanvraag_indienen,
    aanvraag_intrekken,
    aanvraag_wijzigen,
    beslistermijn_verdagen,
    bijlage_toevoegen,
    herbeoordeling_starten,
    mdo_vastleggen,
)
from .advies import advies_geven, deskundige_toewijzen, onafhankelijkheid_bezwaren
from .beschikking import (
    beschikking_afgeven,
    documenten_bewaren,
    nazorg_vastleggen,
    terugplaatsing_vastleggen,
)
from .bezwaar import (
    bezwaar_advies_vastleggen,
    bezwaar_beslissen,
    bezwaar_hoorzitting_plannen,
    bezwaar_naar_lbt,
    bezwaar_ontvangst_bevestigen,
    bezwaar_registreren,
    bezwaar_verdagen,
    lbt_dossier_starten,
)

__all__ = [
    "VELDEN",
    "DubbeleAanvraag",
    "VerouderdeVersie",
    "aanvraag_aanmaken",
    "aanvraag_indienen",
    "aanvraag_intrekken",
    "aanvraag_wijzigen",
    "advies_geven",
    "beschikking_afgeven",
    "documenten_bewaren",
    "beslistermijn_verdagen",
    "bezwaar_advies_vastleggen",
    "bezwaar_beslissen",
    "bezwaar_hoorzitting_plannen",
    "bezwaar_naar_lbt",
    "bezwaar_ontvangst_bevestigen",
    "bezwaar_registreren",
    "bezwaar_verdagen",
    "bijlage_toevoegen",
    "deskundige_toewijzen",
    "herbeoordeling_starten",
    "lbt_dossier_starten",
    "mdo_vastleggen",
    "nazorg_vastleggen",
    "onafhankelijkheid_bezwaren",
    "terugplaatsing_vastleggen",
]
