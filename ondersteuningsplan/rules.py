import rules

rules.add_perm("ondersteuningsplan.bekijken", rules.is_authenticated)
