"""Who may do what with a plan. Which plans a user reaches at all is selectors.plannen_voor
(out of scope = 404); these rules decide the actions on a plan in scope."""

import rules

from swv.rules import is_directeur, is_opr, is_superuser, is_swv_staf

# Every role reads plans (which ones: selectors.plannen_voor).
rules.add_perm("ondersteuningsplan.bekijken", rules.is_authenticated)
# Staff write drafts, record OOGO, answer OPR comments, send to the inspectie.
rules.add_perm("ondersteuningsplan.bewerken", is_swv_staf | is_superuser)
# The directeur adopts (on behalf of the bestuur) and publishes.
rules.add_perm("ondersteuningsplan.vaststellen", is_directeur)
rules.add_perm("ondersteuningsplan.publiceren", is_directeur)
# OPR members comment per section and record the OPR's decision (product.md).
rules.add_perm("ondersteuningsplan.opmerken", is_opr)
rules.add_perm("ondersteuningsplan.opr_besluit", is_opr)
# The completeness check and the reactienota are working documents of staff and OPR.
rules.add_perm("ondersteuningsplan.toetsen", is_swv_staf | is_opr | is_superuser)
rules.add_perm("ondersteuningsplan.reactienota", is_swv_staf | is_opr | is_superuser)
