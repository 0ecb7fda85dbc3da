import rules

from swv.roles import Rol
from swv.rules import heeft_rol

rules.add_perm("verantwoording.bekijken", heeft_rol(Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.BESTUUR))
