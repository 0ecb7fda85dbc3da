"""Who may take each step of the ondersteuningsroute (django-rules), used by services,
views and templates. Object predicates assume the object is already within the user's
scope (`selectors.vragen_voor`, `selectors.loketoverleggen_voor`,
`selectors.arrangementen_voor`); they look at role and state only, so they cost no
queries in a template.

Arrangementen: seen with `ondersteuning.bekijken` (a bestuur reads its schools' ones, no
step); evaluated by the (uitvoerende) school, the trajectbegeleider and SWV staff; ended
and extended by SWV staff only. OPR and deskundigen never."""

import rules

from swv.roles import Rol
from swv.rules import heeft_rol, is_school, is_swv_staf, is_trajectbegeleider

from .models import OPEN_STATUSSEN, ArrangementStatus, OverlegStatus, Status


def _status(*statussen):
    namen = {str(s) for s in statussen}

    @rules.predicate(name=f"status({','.join(sorted(namen))})")
    def predicaat(user, obj):
        return obj is not None and getattr(obj, "status", None) in namen

    return predicaat


ziet_vragen = heeft_rol(
    Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.TRAJECTBEGELEIDER, Rol.BESTUUR, Rol.SCHOOL
)
vraagsteller = is_school | is_trajectbegeleider
loket = is_swv_staf | is_trajectbegeleider

rules.add_perm("ondersteuning.bekijken", ziet_vragen)
rules.add_perm("ondersteuning.vraag_aanmaken", vraagsteller)
rules.add_perm("ondersteuning.vraag_indienen", _status(Status.CONCEPT) & vraagsteller)
rules.add_perm("ondersteuning.vraag_agenderen", _status(Status.INGEDIEND) & loket)
rules.add_perm("ondersteuning.vraag_van_agenda", _status(Status.GEAGENDEERD) & loket)
rules.add_perm("ondersteuning.vraag_besluiten", _status(Status.GEAGENDEERD) & is_swv_staf)
rules.add_perm(
    "ondersteuning.vraag_intrekken",
    (_status(Status.CONCEPT) & vraagsteller) | (_status(*OPEN_STATUSSEN) & loket),
)
# Attachments while the vraag is open: by whoever asks, and by the loket preparing it.
rules.add_perm(
    "ondersteuning.vraag_bijlage", _status(*OPEN_STATUSSEN) & (vraagsteller | is_swv_staf)
)
rules.add_perm("ondersteuning.loket_bekijken", loket)
rules.add_perm("ondersteuning.loket_plannen", is_swv_staf)
rules.add_perm("ondersteuning.loket_houden", _status(OverlegStatus.GEPLAND) & is_swv_staf)
rules.add_perm("ondersteuning.loket_afronden", _status(OverlegStatus.GEHOUDEN) & is_swv_staf)

lopend = _status(ArrangementStatus.LOPEND)
rules.add_perm(
    "ondersteuning.arrangement_evalueren", lopend & (is_school | is_trajectbegeleider | is_swv_staf)
)
rules.add_perm("ondersteuning.arrangement_beeindigen", lopend & is_swv_staf)
rules.add_perm("ondersteuning.arrangement_verlengen", lopend & is_swv_staf)
