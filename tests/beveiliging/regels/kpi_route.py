"""The ondersteuningsroute's kengetallen page (kpi:route) for the authorisation test:
counted over pupil records, so opened by the roles that see the route's records (SWV
staff, trajectbegeleider, besturen, school); OPR and deskundigen get 403."""

from tests.beveiliging.test_autorisatie import DOSSIERROLLEN, regel

REGELS = {
    "kpi:route": regel(DOSSIERROLLEN),
}
