"""On PostgreSQL the name search has a trigram index (migration 0012): with many cases
the planner can use it for `LIKE '%...%'` instead of reading every case."""

import pytest
from django.db import connection


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL")
def test_trigramindex_op_de_naamsleutel():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'toelaatbaarheid_aanvraag' "
            "AND indexname = 'toelaatbaarheid_aanvraag_sleutel_trgm'"
        )
        rij = cursor.fetchone()
    assert rij is not None and "gin_trgm_ops" in rij[0]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM toelaatbaarheid_aanvraag WHERE leerling_sleutel LIKE %s",
            ["%jans%"],
        )
        plan = " ".join(r[0] for r in cursor.fetchall())
    assert "toelaatbaarheid_aanvraag_sleutel_trgm" in plan
