"""Who may take each step of an aanmelding (django-rules), used by services, views and
templates. Object predicates assume the aanmelding is already within the user's scope
(`selectors.aanmeldingen_voor`: a school user sees only its own school's); they look at
role and state only, so they cost no queries in a template.

The school of aanmelding (its IB'er or directeur, role school) registers, extends, decides
and withdraws: the zorgplicht is the school's (its bevoegd gezag's). The trajectbegeleider,
SWV staff and the bestuur read."""

import rules

from swv.roles import Rol
from swv.rules import heeft_rol, is_school

from .models import OPEN_STATUSSEN


def _status(*statussen):
    namen = {str(s) for s in statussen}

    @rules.predicate(name=f"zorgplicht_status({','.join(sorted(namen))})")
    def predicaat(user, obj):
        return obj is not None and getattr(obj, "status", None) in namen

    return predicaat


ziet_aanmeldingen = heeft_rol(
    Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.TRAJECTBEGELEIDER, Rol.BESTUUR, Rol.SCHOOL
)
is_open = _status(*OPEN_STATUSSEN)

rules.add_perm("zorgplicht.bekijken", ziet_aanmeldingen)
rules.add_perm("zorgplicht.registreren", is_school)
# Open, not only 'ontvangen': a second extension is refused by the service with its own
# message ("al eens verlengd"), not as a missing permission.
rules.add_perm("zorgplicht.verlengen", is_open & is_school)
rules.add_perm("zorgplicht.besluiten", is_open & is_school)
rules.add_perm("zorgplicht.intrekken", is_open & is_school)
