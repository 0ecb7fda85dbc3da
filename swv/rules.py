"""Permission predicates (django-rules), reused by views, templates and menus."""

import rules

from .roles import Rol


def heeft_rol(*rollen):
    namen = {str(r) for r in rollen}

    @rules.predicate(name=f"heeft_rol({','.join(sorted(namen))})")
    def predicaat(user):
        return bool(user and user.is_authenticated and user.is_active and user.rol in namen)

    return predicaat


is_superuser = rules.is_superuser
is_medewerker = heeft_rol(Rol.MEDEWERKER)
is_directeur = heeft_rol(Rol.DIRECTEUR)
is_swv_staf = heeft_rol(Rol.MEDEWERKER, Rol.DIRECTEUR)
is_trajectbegeleider = heeft_rol(Rol.TRAJECTBEGELEIDER)
is_bestuur = heeft_rol(Rol.BESTUUR)
is_school = heeft_rol(Rol.SCHOOL)
is_opr = heeft_rol(Rol.OPR)
# Roles with any business with pupil data (OPR and the public never have).
ziet_leerlingen = heeft_rol(
    Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.TRAJECTBEGELEIDER, Rol.DESKUNDIGE, Rol.BESTUUR, Rol.SCHOOL
)

rules.add_perm("swv.organisatie_bekijken", rules.is_authenticated)
rules.add_perm("swv.duo_importeren", is_medewerker | is_superuser)


@rules.predicate
def is_privacyfunctionaris(user):
    return bool(user and user.is_authenticated and user.is_active and user.privacyrol)


rules.add_perm("swv.audit_bekijken", is_privacyfunctionaris)
rules.add_perm("swv.inzage_uitvoeren", is_privacyfunctionaris)
