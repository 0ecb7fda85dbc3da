import pytest
from django.core.management import CommandError, call_command

from swv.models import Gebruiker, Leerlingtelling, School, Schoolbestuur
from tests.conftest import DEMO_ACCOUNTS


def _stand():
    return (
        School.objects.count(),
        Leerlingtelling.objects.count(),
        Schoolbestuur.objects.count(),
        sorted(Gebruiker.objects.values_list("username", "rol", "bestuur_id", "school_id")),
    )


def test_demo_is_idempotent(settings):
    settings.DEMO_MODE = True
    voor = _stand()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _stand() == voor


def test_demo_refused_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="SWV_DEMO_MODE"):
        call_command("load_demo")


def test_demo_accounts_are_tied_to_the_right_organisation(gebruiker):
    assert gebruiker("bestuur-innovo").bestuur.nummer == "41506"
    assert gebruiker("bestuur-movare").bestuur.nummer == "41516"
    ib = gebruiker("ib-innovo")
    assert ib.school.bestuur.nummer == "41506"
    for naam in [
        "medewerker",
        "directeur",
        "trajectbegeleider",
        "orthopedagoog",
        "jeugdarts",
        "opr",
    ]:
        assert set(gebruiker(naam).samenwerkingsverbanden.values_list("code", flat=True)) == {
            "PO3104",
            "PO3105",
            "PO3106",
        }


@pytest.mark.parametrize("username", DEMO_ACCOUNTS)
def test_every_demo_account_signs_in_with_the_documented_password(client, username):
    antwoord = client.post("/accounts/login/", {"username": username, "password": "passend-demo"})
    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert "Wat vraagt uw aandacht" in home.content.decode()


def test_wrong_password_gets_a_dutch_message(client):
    antwoord = client.post("/accounts/login/", {"username": "medewerker", "password": "fout"})
    assert antwoord.status_code == 200
    assert "Voer een correcte gebruikersnaam en wachtwoord in" in antwoord.content.decode()


def test_anonymous_is_sent_to_login(client):
    for url in [
        "/",
        "/organisatie/",
        "/organisatie/scholen/",
        "/tlv/",
        "/kpi/",
        "/plannen/",
        "/verantwoording/",
    ]:
        antwoord = client.get(url)
        assert antwoord.status_code == 302, url
        assert antwoord["Location"].startswith("/accounts/login/"), url


def test_logout_is_a_post(als):
    client = als("medewerker")
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302
