"""Who may do what with the verantwoording. Object scope (which rounds and reports) lives
in selectors.py; these predicates say which roles act at all."""

import rules

from swv.roles import Rol
from swv.rules import heeft_rol

is_staf = heeft_rol(Rol.MEDEWERKER, Rol.DIRECTEUR)
is_bestuur = heeft_rol(Rol.BESTUUR)

rules.add_perm("verantwoording.bekijken", heeft_rol(Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.BESTUUR))
# Staff open and close rounds, edit the template (admin) and review reports.
rules.add_perm("verantwoording.beheren", is_staf)
# A bestuur's users write and submit their own report.
rules.add_perm("verantwoording.invullen", is_bestuur)
