"""Who may do what with KPIs, metingen and the thuiszitters register."""

import rules

from swv.roles import Rol
from swv.rules import heeft_rol

# Aggregate figures: everyone with a stake in the plan, OPR included (no pupil rows).
rules.add_perm(
    "kpi.bekijken",
    heeft_rol(
        Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.TRAJECTBEGELEIDER, Rol.BESTUUR, Rol.SCHOOL, Rol.OPR
    ),
)
# Metingen are the SWV office's job.
rules.add_perm("kpi.meting_invoeren", heeft_rol(Rol.MEDEWERKER, Rol.DIRECTEUR))
# The thuiszitters register holds pupil data: same circle as TLV cases (no OPR, no
# deskundigen); the rows a user sees are scoped in kpi.selectors.thuiszitters_voor.
kan_thuiszitters_zien = heeft_rol(
    Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.TRAJECTBEGELEIDER, Rol.BESTUUR, Rol.SCHOOL
)
rules.add_perm("kpi.thuiszitters_bekijken", kan_thuiszitters_zien)
# Schools and SWV staff record cases; a bestuur reads its schools' cases.
rules.add_perm(
    "kpi.thuiszitter_registreren",
    heeft_rol(Rol.MEDEWERKER, Rol.DIRECTEUR, Rol.TRAJECTBEGELEIDER, Rol.SCHOOL),
)
# The quarterly inspectie registration is sent by the SWV office.
rules.add_perm("kpi.inspectie_exporteren", heeft_rol(Rol.MEDEWERKER, Rol.DIRECTEUR))
