"""Who may do what with voorzieningen and placements (django-rules), used by services,
views and templates. Object predicates assume the object is within the user's scope
(`selectors.voorzieningen_voor`, `selectors.plaatsingen_voor`); they look at role and state
only, so they cost no queries in a template.

- The register and the dekkend netwerk (no pupil data): SWV staff, trajectbegeleiders,
  besturen, schools and the OPR (the OPR sees numbers only: no placements, which are
  pupil records). Deskundigen advise on cases and have no business with the register.
- Keeping the register: SWV staff.
- Placing, the waiting list, ending a placement: SWV staff and trajectbegeleiders (the
  trajectbegeleider takes the regie after the MDO, seed 001 §5.2).
"""

import rules

from swv.roles import Rol
from swv.rules import heeft_rol, is_swv_staf, is_trajectbegeleider

from .models import Status


def _status(*statussen):
    namen = {str(s) for s in statussen}

    @rules.predicate(name=f"plaatsing_status({','.join(sorted(namen))})")
    def predicaat(user, obj):
        return obj is not None and getattr(obj, "status", None) in namen

    return predicaat


ziet_register = heeft_rol(
    Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.TRAJECTBEGELEIDER, Rol.BESTUUR, Rol.SCHOOL, Rol.OPR
)
plaatser = is_swv_staf | is_trajectbegeleider

rules.add_perm("voorzieningen.bekijken", ziet_register | rules.is_superuser)
rules.add_perm("voorzieningen.beheren", is_swv_staf)
rules.add_perm("voorzieningen.plaatsing_aanmaken", plaatser)
rules.add_perm("voorzieningen.plaatsing_plaatsen", _status(Status.WACHTLIJST) & plaatser)
rules.add_perm("voorzieningen.plaatsing_beeindigen", _status(Status.GEPLAATST) & plaatser)
rules.add_perm("voorzieningen.plaatsing_laten_vervallen", _status(Status.WACHTLIJST) & plaatser)
