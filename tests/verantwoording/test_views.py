"""Pages per role: scoping (not yours = 404, wrong role = 403), the guided form with bad
input, locking and submission, review, closed rounds."""

import pytest
from django.urls import reverse

from kpi.models import peildatum
from kpi.verantwoording.models import (
    Antwoord,
    OntvangenBedrag,
    Ronde,
    RondeStatus,
    Verslag,
    VerslagStatus,
)
from swv.schooljaar import huidig_schooljaar
from tests.conftest import DEMO_ACCOUNTS
from tests.verantwoording.helpers import formulier_data, veldnaam

GEEN_TOEGANG = ["trajectbegeleider", "orthopedagoog", "jeugdarts", "ib-innovo", "opr"]


@pytest.fixture
def demo_ronde():
    """The demo round: the open one of PO3104 (over the previous school year; rounds of
    earlier years are closed), found without reading the clock."""
    return Ronde.objects.get(status=RondeStatus.OPEN, samenwerkingsverbanden__code="PO3104")


@pytest.fixture
def innovo(demo_ronde):
    return Verslag.objects.get(ronde=demo_ronde, bestuur__nummer="41506")


@pytest.fixture
def movare(demo_ronde):
    return Verslag.objects.get(ronde=demo_ronde, bestuur__nummer="41516")


@pytest.mark.parametrize("username", DEMO_ACCOUNTS)
def test_index_per_rol(als, username):
    response = als(username).get(reverse("verantwoording:index"))
    assert response.status_code == (403 if username in GEEN_TOEGANG else 200)


def test_anoniem_naar_aanmelden(client, innovo):
    for url in [reverse("verantwoording:index"), innovo.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("username", GEEN_TOEGANG)
def test_andere_rollen_zien_geen_enkel_verslag(als, username, innovo, movare, demo_ronde):
    c = als(username)
    for url in [
        innovo.get_absolute_url(),
        reverse("verantwoording:verslag-pdf", args=[innovo.pk]),
        reverse("verantwoording:verslag-bewerken", args=[movare.pk]),
        demo_ronde.get_absolute_url(),
        reverse("verantwoording:vergelijking", args=[demo_ronde.pk]),
        reverse("verantwoording:ronde-pdf", args=[demo_ronde.pk]),
    ]:
        assert c.get(url).status_code in (403, 404), url


def test_bestuur_ziet_eigen_concept_niet_dat_van_een_ander(als, innovo, movare):
    c = als("bestuur-innovo")
    assert c.get(movare.get_absolute_url()).status_code == 404
    assert c.get(reverse("verantwoording:verslag-pdf", args=[movare.pk])).status_code == 404
    assert c.get(reverse("verantwoording:verslag-bewerken", args=[movare.pk])).status_code == 404
    assert c.get(innovo.get_absolute_url()).status_code == 200
    # Movare reads INNOVO's accepted report (besturen account to each other) ...
    m = als("bestuur-movare")
    response = m.get(innovo.get_absolute_url())
    assert response.status_code == 200
    assert "Verslag invullen" not in response.content.decode()
    # ... but cannot edit it.
    assert m.get(reverse("verantwoording:verslag-bewerken", args=[innovo.pk])).status_code == 404


def test_bestuur_ziet_ander_verslag_pas_na_acceptatie(als, gebruiker, movare):
    from kpi.verantwoording import services
    from tests.factories.verantwoording import vul_compleet

    c = als("bestuur-innovo")
    vul_compleet(movare, gebruiker("bestuur-movare"))
    services.verslag_indienen(verslag=movare, gebruiker=gebruiker("bestuur-movare"))
    assert c.get(movare.get_absolute_url()).status_code == 404
    services.verslag_accepteren(
        verslag=Verslag.objects.get(pk=movare.pk), gebruiker=gebruiker("medewerker")
    )
    assert c.get(movare.get_absolute_url()).status_code == 200
    index = c.get(reverse("verantwoording:index")).content.decode()
    assert "Movare" in index


def test_bestuur_ziet_de_ronde_in_voorbereiding_niet(als, gebruiker):
    from datetime import timedelta

    from django.utils import timezone

    from kpi.verantwoording import services
    from swv.models import Samenwerkingsverband, Schoolbestuur

    # The next round, over the school year now running (the demo's is over the last one).
    ronde = services.ronde_aanmaken(
        gebruiker=gebruiker("medewerker"),
        schooljaar=huidig_schooljaar(),
        deadline=timezone.localdate() + timedelta(days=20),
        samenwerkingsverbanden=list(
            Samenwerkingsverband.objects.filter(code__in=["PO3104", "PO3105", "PO3106"])
        ),
        besturen=list(Schoolbestuur.objects.filter(nummer="41506")),
    )
    assert als("bestuur-innovo").get(ronde.get_absolute_url()).status_code == 404
    response = als("medewerker").get(ronde.get_absolute_url())
    assert response.status_code == 200
    inhoud = response.content.decode()
    assert "Formulier van deze ronde" in inhoud and "Ronde openen voor de besturen" in inhoud
    response = als("medewerker").post(
        reverse("verantwoording:ronde-actie", args=[ronde.pk]), {"actie": "openen"}
    )
    assert response.status_code == 302
    assert Ronde.objects.get(pk=ronde.pk).status == RondeStatus.OPEN
    assert als("bestuur-innovo").get(ronde.get_absolute_url()).status_code == 200


def test_staf_buiten_de_swv_ziet_niets(client, innovo, demo_ronde):
    from swv.models import Gebruiker, Samenwerkingsverband
    from swv.roles import Rol
    from tests.helpers import inloggen

    elders = Samenwerkingsverband.objects.create(code="PO9998", naam="Elders")
    vreemd = Gebruiker.objects.create(username="medewerker-elders", rol=Rol.MEDEWERKER)
    vreemd.samenwerkingsverbanden.set([elders])
    c = inloggen(client, vreemd)
    assert c.get(innovo.get_absolute_url()).status_code == 404
    assert c.get(demo_ronde.get_absolute_url()).status_code == 404
    assert c.get(reverse("verantwoording:vergelijking", args=[demo_ronde.pk])).status_code == 404


# The guided form ------------------------------------------------------------------------------


def test_formulier_toont_context_kengetallen_en_alle_onderdelen(als, movare):
    response = als("bestuur-movare").get(
        reverse("verantwoording:verslag-bewerken", args=[movare.pk])
    )
    assert response.status_code == 200
    inhoud = response.content.decode()
    for tekst in [
        "Ondersteuningsplan",
        "Focus van handelen",
        "Ankerpunt 4 - Ondersteuningsstructuur",
        "Uw kengetallen",
        "toelaatbaar verklaard SBO",
        "Terugploegregeling",
        "Knooppunt (betreft alle scholen)",
        "43",
        "Dit thema heeft een plek in de eigen oudertevredenheidsonderzoeken",
        "Opslaan en indienen",
    ]:
        assert tekst in inhoud, tekst
    # Movare's saved concept text is in the form.
    assert "Alle Movare-scholen hebben een actueel schoolondersteuningsprofiel" in inhoud
    assert 'value="97%"' in inhoud


def test_opslaan_met_nederlandse_bedragen(als, movare):
    c = als("bestuur-movare")
    url = reverse("verantwoording:verslag-bewerken", args=[movare.pk])
    pagina = c.get(url)
    data = formulier_data(pagina)
    swvs = {s.code: s for s in movare.ronde.samenwerkingsverbanden.all()}
    data[f"b_{swvs['PO3106'].id}_terugploeg"] = "€ 132.380,00"
    data["aanwending-0-omschrijving"] = "Startklassen"
    data["aanwending-0-bedrag"] = "250.000"
    data["aanwending-1-omschrijving"] = "IB-netwerken"
    data["aanwending-1-bedrag"] = "12,50"
    data[veldnaam(pagina, "thuiszitters")] = "Het aantal thuiszitters is beperkt."
    response = c.post(url, data)
    assert response.status_code == 302
    movare.refresh_from_db()
    assert OntvangenBedrag.objects.get(verslag=movare).bedrag == 132380
    assert [str(a.bedrag) for a in movare.aanwendingen.all()] == ["250000.00", "12.50"]
    pagina = c.get(url)
    inhoud = pagina.content.decode()
    assert 'value="€ 132.380,00"' in inhoud and "Het aantal thuiszitters is beperkt." in inhoud
    assert "Opgeslagen als concept." in inhoud


@pytest.mark.parametrize(
    "invoer, melding",
    [
        ("12,3.4", "is geen geldig bedrag"),
        ("-250", "Een bedrag kan niet negatief zijn."),
        ("veel geld", "is geen geldig bedrag"),
    ],
)
def test_fout_bedrag_melding_bij_het_veld_en_niets_opgeslagen(als, movare, invoer, melding):
    c = als("bestuur-movare")
    url = reverse("verantwoording:verslag-bewerken", args=[movare.pk])
    pagina = c.get(url)
    data = formulier_data(pagina)
    swv = movare.ronde.samenwerkingsverbanden.get(code="PO3104")
    data[f"b_{swv.id}_terugploeg"] = invoer
    data[veldnaam(pagina, "thuiszitters")] = "Nieuwe tekst die niet half mag worden opgeslagen."
    versie = movare.versie
    response = c.post(url, data)
    assert response.status_code == 400
    inhoud = response.content.decode()
    assert melding in inhoud
    assert "Niet opgeslagen" in inhoud
    # The user's text stays in the form; nothing is written.
    assert "Nieuwe tekst die niet half mag worden opgeslagen." in inhoud
    assert Verslag.objects.get(pk=movare.pk).versie == versie
    assert not Antwoord.objects.filter(verslag=movare, tekst__startswith="Nieuwe tekst").exists()
    veld = response.context["form"][f"b_{swv.id}_terugploeg"]
    assert veld.errors


def test_fout_in_aanwending_regel(als, movare):
    c = als("bestuur-movare")
    url = reverse("verantwoording:verslag-bewerken", args=[movare.pk])
    data = formulier_data(c.get(url))
    data["aanwending-0-omschrijving"] = "Startklassen"
    data["aanwending-0-bedrag"] = ""
    data["aanwending-1-omschrijving"] = ""
    data["aanwending-1-bedrag"] = "1.000"
    response = c.post(url, data)
    assert response.status_code == 400
    inhoud = response.content.decode()
    assert "Vul het bedrag van deze aanwending in." in inhoud
    assert "Beschrijf waaraan dit bedrag is besteed." in inhoud


def test_voorbeeldnummer_moet_bij_het_hoofdonderdeel_horen(als, movare):
    c = als("bestuur-movare")
    url = reverse("verantwoording:verslag-bewerken", args=[movare.pk])
    pagina = c.get(url)
    data = formulier_data(pagina)
    data[veldnaam(pagina, "algemeen", "nummers")] = "7, 20"
    response = c.post(url, data)
    assert response.status_code == 400
    assert "Indicator 20 hoort niet bij Algemeen (kies uit 1 t/m 7)." in response.content.decode()


def test_score_boven_100_geweigerd(als, movare):
    c = als("bestuur-movare")
    url = reverse("verantwoording:verslag-bewerken", args=[movare.pk])
    pagina = c.get(url)
    data = formulier_data(pagina)
    data[veldnaam(pagina, "ankerpunt-2", "score")] = "130"
    response = c.post(url, data)
    assert response.status_code == 400
    assert "Een percentage ligt tussen 0 en 100." in response.content.decode()


def test_twee_gebruikers_tegelijk_geen_stil_verlies(als, client, movare):
    """Both open the form; the first saves; the second is told and keeps their text."""
    from django.test import Client

    from swv.models import Gebruiker
    from swv.roles import Rol
    from tests.helpers import inloggen

    collega = Gebruiker.objects.create(
        username="bestuur-movare-2",
        first_name="Kim",
        last_name="Dassen",
        rol=Rol.BESTUUR,
        bestuur=movare.bestuur,
    )
    tom = als("bestuur-movare")
    kim = inloggen(Client(), collega)
    url = reverse("verantwoording:verslag-bewerken", args=[movare.pk])
    pagina_tom = tom.get(url)
    pagina_kim = kim.get(url)
    veld = veldnaam(pagina_tom, "thuiszitters")
    data_kim = formulier_data(pagina_kim)
    data_kim[veld] = "Tekst van Kim"
    assert kim.post(url, data_kim).status_code == 302
    data_tom = formulier_data(pagina_tom)
    data_tom[veld] = "Tekst van Tom"
    response = tom.post(url, data_tom)
    assert response.status_code == 409
    inhoud = response.content.decode()
    assert "Kim Dassen heeft dit verslag om" in inhoud and "NIET opgeslagen" in inhoud
    assert "Tekst van Tom" in inhoud  # still in the form
    assert Antwoord.objects.get(verslag=movare, vraag__code="thuiszitters").tekst == "Tekst van Kim"
    # Saving again from this page is a conscious overwrite.
    data_opnieuw = formulier_data(response)
    assert tom.post(url, data_opnieuw).status_code == 302
    assert Antwoord.objects.get(verslag=movare, vraag__code="thuiszitters").tekst == "Tekst van Tom"


def test_indienen_onvolledig_toont_lijst_en_bewaart_invoer(als, movare):
    c = als("bestuur-movare")
    url = reverse("verantwoording:verslag-bewerken", args=[movare.pk])
    pagina = c.get(url)
    data = formulier_data(pagina)
    data[veldnaam(pagina, "thuiszitters")] = "Bewaard ondanks weigering."
    data["actie"] = "indienen"
    response = c.post(url, data)
    assert response.status_code == 400
    inhoud = response.content.decode()
    assert "Niet ingediend: het verslag is nog niet compleet." in inhoud
    assert "Ankerpunt 2 - Planmatig en handelingsgericht werken: reflectie" in inhoud
    assert "Thuiszitters: reflectie" not in inhoud.split("Dit ontbreekt nog")[1].split("</ul>")[0]
    assert Verslag.objects.get(pk=movare.pk).status == VerslagStatus.CONCEPT
    assert (
        Antwoord.objects.get(verslag=movare, vraag__code="thuiszitters").tekst
        == "Bewaard ondanks weigering."
    )


def test_volledige_route_via_de_paginas(als, gebruiker, movare):
    from tests.factories.verantwoording import vul_compleet

    vul_compleet(movare, gebruiker("bestuur-movare"))
    c = als("bestuur-movare")
    url = reverse("verantwoording:verslag-bewerken", args=[movare.pk])
    data = formulier_data(c.get(url))
    data["actie"] = "indienen"
    response = c.post(url, data)
    assert response.status_code == 302
    assert Verslag.objects.get(pk=movare.pk).status == VerslagStatus.INGEDIEND
    # After submitting the form is closed.
    response = c.get(url, follow=True)
    assert "ingediend en kan niet meer worden gewijzigd" in response.content.decode()
    response = c.post(url, data, follow=True)
    assert "ingediend en kan niet meer worden gewijzigd" in response.content.decode()
    # Staff: returning needs a comment (own client: `als` re-signs the shared one).
    from django.test import Client

    from tests.helpers import inloggen

    m = inloggen(Client(), gebruiker("medewerker"))
    beoordelen = reverse("verantwoording:verslag-beoordelen", args=[movare.pk])
    response = m.post(beoordelen, {"besluit": "teruggeven", "opmerking": ""})
    assert response.status_code == 400
    assert "Schrijf bij het teruggeven wat het bestuur moet aanvullen." in response.content.decode()
    assert (
        m.post(
            beoordelen, {"besluit": "teruggeven", "opmerking": "Graag ankerpunt 4 aanvullen."}
        ).status_code
        == 302
    )
    assert Verslag.objects.get(pk=movare.pk).status == VerslagStatus.TERUGGEGEVEN
    pagina = c.get(url)
    assert "Graag ankerpunt 4 aanvullen." in pagina.content.decode()
    data = formulier_data(pagina)
    data["actie"] = "indienen"
    assert c.post(url, data).status_code == 302
    # A bestuur cannot review.
    assert c.post(beoordelen, {"besluit": "accepteren"}).status_code == 403
    assert m.post(beoordelen, {"besluit": "accepteren"}).status_code == 302
    assert Verslag.objects.get(pk=movare.pk).status == VerslagStatus.GEACCEPTEERD
    innovo_client = inloggen(Client(), gebruiker("bestuur-innovo"))
    assert innovo_client.get(movare.get_absolute_url()).status_code == 200


def test_gesloten_ronde_geen_wijzigingen(als, movare, demo_ronde):
    c = als("bestuur-movare")
    url = reverse("verantwoording:verslag-bewerken", args=[movare.pk])
    data = formulier_data(c.get(url))
    data[f"v{movare.ronde.vragen.get(code='thuiszitters').id}_tekst"] = "Te laat"
    assert (
        als("medewerker")
        .post(reverse("verantwoording:ronde-actie", args=[demo_ronde.pk]), {"actie": "sluiten"})
        .status_code
        == 302
    )
    c = als("bestuur-movare")
    response = c.post(url, data, follow=True)
    assert (
        "Deze ronde is gesloten; het verslag kan niet meer worden gewijzigd."
        in response.content.decode()
    )
    assert not Antwoord.objects.filter(verslag=movare, tekst="Te laat").exists()
    assert "Verslag invullen" not in c.get(movare.get_absolute_url()).content.decode()


def test_nieuwe_ronde_via_het_formulier(als):
    from datetime import timedelta

    from django.utils import timezone

    from swv.models import Samenwerkingsverband, Schoolbestuur

    c = als("medewerker")
    url = reverse("verantwoording:ronde-nieuw")
    assert c.get(url).status_code == 200
    swvs = Samenwerkingsverband.objects.filter(code__in=["PO3104", "PO3105"])
    besturen = Schoolbestuur.objects.filter(nummer__in=["41506"])
    jaar = huidig_schooljaar()  # the demo round is over the previous school year
    data = {
        "schooljaar": str(jaar),
        "deadline": (timezone.localdate() + timedelta(days=40)).isoformat(),
        "samenwerkingsverbanden": [s.pk for s in swvs],
        "besturen": [b.pk for b in besturen],
    }
    response = c.post(url, data)
    assert response.status_code == 302
    ronde = Ronde.objects.get(schooljaar=jaar)
    assert ronde.status == RondeStatus.VOORBEREIDING and list(ronde.besturen.all()) == list(
        besturen
    )
    # Same year again: a clear message, no second round.
    response = c.post(url, data)
    assert response.status_code == 200 and "bestaat al een ronde" in response.content.decode()
    # A deadline that is not in the future (today) is refused next to the field.
    data["schooljaar"] = str(jaar + 1)
    data["deadline"] = timezone.localdate().isoformat()
    response = c.post(url, data)
    assert "Kies een datum in de toekomst." in response.content.decode()
    assert als("bestuur-innovo").get(url).status_code == 403


def test_thuiszitters_en_kengetallen_naast_de_tekst(als, movare):
    response = als("bestuur-movare").get(
        reverse("verantwoording:verslag-bewerken", args=[movare.pk])
    )
    inhoud = response.content.decode()
    # A round of a school year that is over shows the count at its last peildatum, 30 June.
    laatste = peildatum(movare.ronde.schooljaar, 4)
    assert f"thuiszitters (&gt; 4 weken) op {laatste:%d-%m-%Y}" in inhoud
    assert "nog niet beschikbaar" not in inhoud


def test_opgeslagen_stand_staat_geselecteerd(als, gebruiker, movare):
    from tests.factories.verantwoording import vul_compleet

    vul_compleet(movare, gebruiker("bestuur-movare"))
    response = als("bestuur-movare").get(
        reverse("verantwoording:verslag-bewerken", args=[movare.pk])
    )
    inhoud = response.content.decode()
    assert movare.heeft_speciaal
    assert inhoud.count('<option value="gerealiseerd" selected>') == 43
    assert "Het opgeslagen verslag is compleet en kan worden ingediend." in inhoud


def _koppen(html: str) -> list[int]:
    import re

    inhoud = html.split('<main id="inhoud"', 1)[1]
    return [int(n) for n in re.findall(r"<h([1-6])[\s>]", inhoud)]


def test_koppen_in_volgorde_en_tabellen_met_kopcellen(als, movare, innovo, demo_ronde):
    import re

    paginas = [
        ("bestuur-movare", reverse("verantwoording:verslag-bewerken", args=[movare.pk])),
        ("bestuur-movare", innovo.get_absolute_url()),
        ("bestuur-movare", reverse("verantwoording:index")),
        ("medewerker", demo_ronde.get_absolute_url()),
        ("medewerker", reverse("verantwoording:vergelijking", args=[demo_ronde.pk])),
    ]
    for username, url in paginas:
        html = als(username).get(url).content.decode()
        koppen = _koppen(html)
        assert koppen[0] == 1 and koppen.count(1) == 1, url
        for vorige, volgende in zip(koppen, koppen[1:], strict=False):
            assert volgende <= vorige + 1, (url, koppen)
        assert "<th>" not in html, url  # every header cell says its scope
        # A list item's value is an integer; letter codes (speerpunt A) go in the text.
        assert not re.search(r'<li[^>]* value="(?!-?\d+")', html), url
        assert ' style="' not in html and "<script>" not in html, url  # strict CSP
