"""Who may do what with the verantwoording (django-rules), used by views, templates (which
actions show) and services (which refuse with PermissionDenied).

Object predicates assume the round or report is already within the user's scope
(selectors.py): views fetch it through a selector and services check it again. They look
at role and ownership only, so they cost no queries in a template; what the state allows
is the step's django-fsm-2 transition (`Stap.mag`) and, where the round's state matters
for a report, the service's own check (a refusal about content, not about permission).
"""

import rules

from swv.roles import Rol
from swv.rules import heeft_rol

is_staf = heeft_rol(Rol.MEDEWERKER, Rol.DIRECTEUR)
is_bestuur = heeft_rol(Rol.BESTUUR)


@rules.predicate
def is_eigen_bestuur(user, verslag):
    """The report is the user's own bestuur's (without a report: the question is about the
    role only, e.g. for the menu)."""
    return verslag is None or (
        user.bestuur_id is not None and verslag.bestuur_id == user.bestuur_id
    )


rules.add_perm("verantwoording.bekijken", heeft_rol(Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.BESTUUR))
# Staff create, open, close rounds, move the deadline, edit the template and review reports.
rules.add_perm("verantwoording.beheren", is_staf)
# A bestuur's users write and submit their own report (and no other bestuur's).
rules.add_perm("verantwoording.invullen", is_bestuur & is_eigen_bestuur)
