"""A lost database connection is survived without a 500 (issue 16, "Faults survived").

A GET meets a dropped connection: it is tried once more on a fresh connection and the
user never notices. When the database stays away, or the request was a POST (which is
not repeated: it might have been half-way), the user gets the Dutch "Even geduld" page,
503 with Retry-After. The last test really drops the connection on PostgreSQL
(pg_terminate_backend from a second connection) in the middle of a request.
"""

import psycopg2
import pytest
from django.db import OperationalError, connection
from django.db.backends.utils import CursorWrapper
from django.test import Client


@pytest.fixture
def storing(monkeypatch):
    """Makes the next `n` queries fail as a lost connection does."""
    echt = CursorWrapper.execute
    over = {"n": 0, "fout": OperationalError}

    def execute(self, sql, params=None):
        if over["n"] > 0:
            over["n"] -= 1
            raise over["fout"]("server closed the connection unexpectedly")
        return echt(self, sql, params)

    monkeypatch.setattr(CursorWrapper, "execute", execute)

    def zet(n, fout=OperationalError):
        over["n"], over["fout"] = n, fout

    yield zet
    over["n"] = 0  # the test's own teardown queries must work


def test_get_na_een_verloren_verbinding_wordt_herhaald(als, storing):
    client = als("medewerker")
    client.raise_request_exception = False
    storing(1)
    antwoord = client.get("/tlv/")
    assert antwoord.status_code == 200
    assert "Even geduld" not in antwoord.content.decode()


def test_database_blijft_weg_geeft_even_geduld(als, storing):
    client = als("medewerker")
    client.raise_request_exception = False
    storing(10_000)
    antwoord = client.get("/tlv/")
    assert antwoord.status_code == 503
    assert antwoord["Retry-After"] == "30"
    assert antwoord["Cache-Control"] == "no-store"
    html = antwoord.content.decode()
    assert "<h1>Even geduld</h1>" in html and 'lang="nl"' in html
    assert "Opnieuw proberen" in html


def test_post_wordt_niet_herhaald(als, storing):
    client = als("medewerker")
    client.raise_request_exception = False
    storing(1)  # one failure only: a repeated POST would succeed, so 503 shows it was not
    antwoord = client.post("/accounts/logout/")
    assert antwoord.status_code == 503
    assert "niet</strong> verwerkt" in antwoord.content.decode()


def test_andere_fouten_blijven_een_500(als, storing):
    """A bug is not hidden behind "even geduld"."""
    client = als("medewerker")
    client.raise_request_exception = False
    storing(1, fout=ValueError)
    assert client.get("/tlv/").status_code == 500


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="vraagt PostgreSQL")
def test_verbinding_echt_verbroken_midden_in_een_verzoek(monkeypatch):
    """The server terminates the app's connection just before the request's first query
    on the plans; the page still answers 200, from a fresh connection."""
    echt = CursorWrapper.execute
    afgebroken = []

    def execute(self, sql, params=None):
        if not afgebroken and "ondersteuningsplan" in sql:
            afgebroken.append(sql)
            pid = self.db.connection.get_backend_pid()
            instellingen = self.db.settings_dict
            beheer = psycopg2.connect(
                dbname=instellingen["NAME"],
                user=instellingen["USER"],
                host=instellingen["HOST"] or "127.0.0.1",
                port=instellingen["PORT"] or 5432,
            )
            beheer.autocommit = True
            with beheer.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            beheer.close()
        return echt(self, sql, params)

    monkeypatch.setattr(CursorWrapper, "execute", execute)
    client = Client(raise_request_exception=False)
    antwoord = client.get("/publiek/plannen/")
    assert afgebroken, "the page queried the plans"
    assert antwoord.status_code == 200, antwoord.status_code
