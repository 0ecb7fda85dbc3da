"""Sign-in lockout locks only the attacker (issue 16): django-axes counts failures per
combination of username AND address. Wrong passwords for a name from one address do not
lock that user out from another address; many names tried from one address do not block
that address for the others who sign in from it."""

from django.urls import reverse

WACHTWOORD = "passend-demo"
AANVALLER = "198.51.100.7"
ELDERS = "203.0.113.20"


def _aanmelden(client, username, wachtwoord, adres):
    client.logout()
    return client.post(
        reverse("login"), {"username": username, "password": wachtwoord}, REMOTE_ADDR=adres
    )


def test_wrong_passwords_from_one_address_do_not_lock_the_user_out_elsewhere(client):
    pogingen = [_aanmelden(client, "jeugdarts", "fout", AANVALLER).status_code for _ in range(5)]
    assert pogingen[:4] == [200] * 4 and pogingen[4] == 429  # the fifth failure locks
    # The attacker's address is locked for this name, even with the right password...
    geblokkeerd = _aanmelden(client, "jeugdarts", WACHTWOORD, AANVALLER)
    assert geblokkeerd.status_code == 429
    assert "tijdelijk geblokkeerd" in geblokkeerd.content.decode()
    # ...the user from another address signs in.
    antwoord = _aanmelden(client, "jeugdarts", WACHTWOORD, ELDERS)
    assert antwoord.status_code == 302, antwoord.status_code
    assert client.session.get("_auth_user_id")


def test_many_names_from_one_address_do_not_block_that_address_for_others(client):
    for i in range(6):
        for _ in range(5):
            _aanmelden(client, f"verzonnen{i}", "fout", AANVALLER)
    antwoord = _aanmelden(client, "directeur", WACHTWOORD, AANVALLER)
    assert antwoord.status_code == 302, antwoord.status_code
    assert client.session.get("_auth_user_id")


def test_the_directeur_is_never_locked_out_by_someone_else(client):
    for adres in (AANVALLER, "198.51.100.8"):
        for _ in range(6):
            _aanmelden(client, "directeur", "fout", adres)
    assert _aanmelden(client, "directeur", WACHTWOORD, ELDERS).status_code == 302
