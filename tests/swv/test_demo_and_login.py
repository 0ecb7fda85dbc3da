import base64

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from swv.models import AuditEvent, Gebruiker, Leerlingtelling, School, Schoolbestuur
from tests.conftest import DEMO_ACCOUNTS
from tests.factories import GebruikerFactory
from tests.helpers import huidige_code


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
def test_every_demo_account_signs_in_with_password_and_the_documented_totp(client, username):
    antwoord = client.post("/accounts/login/", {"username": username, "password": "passend-demo"})
    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/"
    gebruiker = Gebruiker.objects.get(username=username)
    if username == "opr":  # no pupil data: no second step
        assert client.get("/").status_code == 200
        return
    # Roles that see pupil data must give a TOTP code first.
    antwoord = client.get("/organisatie/")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/accounts/tweestaps/?next=%2Forganisatie%2F"
    apparaat = TOTPDevice.objects.get(user=gebruiker, confirmed=True)
    assert apparaat.bin_key == base64.b32decode("JBSWY3DPEHPK3PXP")  # the README's secret
    fout = client.post("/accounts/tweestaps/", {"token": "000000", "next": "/organisatie/"})
    assert "Deze code klopt niet" in fout.content.decode() or huidige_code(apparaat) == "000000"
    apparaat.refresh_from_db()
    apparaat.throttle_reset()
    antwoord = client.post(
        "/accounts/tweestaps/", {"token": huidige_code(apparaat), "next": "/organisatie/"}
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/organisatie/"
    home = client.get("/")
    assert home.status_code == 200
    assert "Wat vraagt uw aandacht" in home.content.decode()


def test_user_without_device_enrols_one(client):
    gebruiker = GebruikerFactory(rol="medewerker")
    client.force_login(gebruiker)
    antwoord = client.get("/organisatie/")
    assert antwoord["Location"].startswith("/accounts/tweestaps/instellen/")
    pagina = client.get(antwoord["Location"])
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "<svg" in html and "<code" in html
    apparaat = TOTPDevice.objects.get(user=gebruiker, confirmed=False)
    assert client.post("/accounts/tweestaps/instellen/", {"token": "12345a"}).status_code == 200
    antwoord = client.post(
        "/accounts/tweestaps/instellen/", {"token": huidige_code(apparaat), "next": "/organisatie/"}
    )
    assert antwoord["Location"] == "/organisatie/"
    apparaat.refresh_from_db()
    assert apparaat.confirmed
    assert client.get("/organisatie/").status_code == 200


def test_open_redirect_after_second_step_is_refused(client, gebruiker):
    medewerker = gebruiker("medewerker")
    client.force_login(medewerker)
    apparaat = TOTPDevice.objects.get(user=medewerker)
    antwoord = client.post(
        "/accounts/tweestaps/", {"token": huidige_code(apparaat), "next": "https://evil.example/"}
    )
    assert antwoord["Location"] == "/"


def test_failed_sign_ins_lock_the_account_out(client):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "medewerker", "password": "fout"})
    antwoord = client.post(
        "/accounts/login/", {"username": "medewerker", "password": "passend-demo"}
    )
    assert antwoord.status_code == 429
    assert "tijdelijk geblokkeerd" in antwoord.content.decode()
    assert (
        AuditEvent.objects.filter(
            actie="aanmelden_mislukt", details__gebruikersnaam="medewerker"
        ).count()
        >= 5
    )


def test_successful_sign_in_is_audited(client):
    client.post("/accounts/login/", {"username": "opr", "password": "passend-demo"})
    event = AuditEvent.objects.filter(actie="aangemeld", gebruikersnaam="opr").first()
    assert event is not None and event.ip_adres == "127.0.0.1"


def test_session_expires_after_inactivity(settings):
    """Behaviour in tests/swv/test_conventies_sessie.py; here the settings it rests on."""
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert "swv.middleware.SessieVerversenMiddleware" in settings.MIDDLEWARE


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
