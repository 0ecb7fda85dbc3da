"""Who may do what with a leerlingdossier (django-rules). Object predicates assume the
dossier is already in the user's scope (`selectors.leerlingen_voor`)."""

import rules

from swv.roles import Rol
from swv.rules import heeft_rol, is_school, is_swv_staf, is_trajectbegeleider

# Who has business with pupils' dossiers: the SWV, the trajectbegeleider, the bestuur and
# the school. Deskundigen see a pupil only through the case they advise on; OPR never.
ziet_dossiers = heeft_rol(
    Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.TRAJECTBEGELEIDER, Rol.BESTUUR, Rol.SCHOOL
)
werkt_aan_dossiers = is_swv_staf | is_trajectbegeleider | is_school

rules.add_perm("leerlingen.bekijken", ziet_dossiers)
rules.add_perm("leerlingen.aanmaken", werkt_aan_dossiers)
rules.add_perm("leerlingen.wijzigen", werkt_aan_dossiers)
rules.add_perm("leerlingen.toestemming_vastleggen", werkt_aan_dossiers)
