import rules

from swv.rules import ziet_leerlingen

rules.add_perm("toelaatbaarheid.bekijken", ziet_leerlingen)
