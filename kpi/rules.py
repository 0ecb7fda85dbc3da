import rules

from swv.roles import Rol
from swv.rules import heeft_rol

rules.add_perm(
    "kpi.bekijken",
    heeft_rol(
        Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.TRAJECTBEGELEIDER, Rol.BESTUUR, Rol.SCHOOL, Rol.OPR
    ),
)
