"""Staff edit the round's template in the app while the round is in preparation."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kpi.verantwoording import services
from kpi.verantwoording.models import Procesindicator, Ronde
from swv.models import Samenwerkingsverband, Schoolbestuur


@pytest.fixture
def ronde(gebruiker):
    return services.ronde_aanmaken(
        gebruiker=gebruiker("medewerker"),
        schooljaar=2024,
        deadline=timezone.localdate() + timedelta(days=30),
        samenwerkingsverbanden=list(
            Samenwerkingsverband.objects.filter(code__in=["PO3104", "PO3105", "PO3106"])
        ),
        besturen=list(Schoolbestuur.objects.filter(nummer__in=["41506", "41516"])),
    )


def _data(response):
    data = {}
    for veld in response.context["form"]:
        waarde = veld.value()
        if isinstance(waarde, bool):
            if waarde:
                data[veld.html_name] = "on"
        else:
            data[veld.html_name] = waarde or ""
    indicatoren = response.context["indicatoren"]
    if indicatoren is not None:
        for veld in indicatoren.management_form:
            data[veld.html_name] = veld.value()
        for sub in indicatoren:
            for veld in sub:
                data[veld.html_name] = "" if veld.value() is None else veld.value()
    return data


def test_medewerker_wijzigt_onderdeel_en_indicatoren(als, ronde):
    vraag = ronde.vragen.get(code="algemeen")
    c = als("medewerker")
    url = reverse("verantwoording:vraag-bewerken", args=[ronde.pk, vraag.pk])
    pagina = c.get(url)
    assert pagina.status_code == 200
    data = _data(pagina)
    data["titel"] = "Algemeen (bestuurlijk)"
    data["indicator-6-tekst"] = "Schoolbesturen zoeken elkaar op in het 'hoe'"
    data["indicator-2-nummer"] = ""  # empty row: indicator 3 goes
    data["indicator-2-tekst"] = ""
    data["indicator-7-nummer"] = "8"
    data["indicator-7-tekst"] = "Nieuwe indicator"
    response = c.post(url, data)
    assert response.status_code == 302
    vraag.refresh_from_db()
    assert vraag.titel == "Algemeen (bestuurlijk)"
    assert list(vraag.indicatoren.values_list("nummer", flat=True)) == [1, 2, 4, 5, 6, 7, 8]
    assert vraag.indicatoren.get(nummer=7).tekst == "Schoolbesturen zoeken elkaar op in het 'hoe'"


def test_dubbel_nummer_geweigerd(als, ronde):
    vraag = ronde.vragen.get(code="knooppunt")
    c = als("medewerker")
    url = reverse("verantwoording:vraag-bewerken", args=[ronde.pk, vraag.pk])
    data = _data(c.get(url))
    data["indicator-1-nummer"] = "35"
    response = c.post(url, data)
    assert response.status_code == 400
    assert "Elk nummer van een procesindicator komt één keer voor." in response.content.decode()
    assert vraag.indicatoren.count() == 9


def test_na_openen_is_het_formulier_vast(als, gebruiker, ronde):
    vraag = ronde.vragen.get(code="thuiszitters")
    c = als("medewerker")
    url = reverse("verantwoording:vraag-bewerken", args=[ronde.pk, vraag.pk])
    data = _data(c.get(url))
    services.ronde_openen(ronde=ronde, gebruiker=gebruiker("medewerker"))
    data["titel"] = "Anders"
    response = c.post(url, data, follow=True)
    assert "Het formulier is vast zodra de ronde open is" in response.content.decode()
    vraag.refresh_from_db()
    assert vraag.titel == "Thuiszitters"
    assert "Het formulier is vast" in c.get(url, follow=True).content.decode()
    with pytest.raises(services.VerantwoordingFout):
        services.vraag_wijzigen(
            vraag=vraag, gebruiker=gebruiker("medewerker"), gegevens={"titel": "X"}
        )


@pytest.mark.parametrize("username", ["bestuur-innovo", "trajectbegeleider", "opr"])
def test_anderen_wijzigen_het_formulier_niet(als, ronde, username):
    vraag = ronde.vragen.get(code="thuiszitters")
    url = reverse("verantwoording:vraag-bewerken", args=[ronde.pk, vraag.pk])
    assert als(username).get(url).status_code == 403
    assert als(username).post(url, {"titel": "X"}).status_code == 403
    assert Ronde.objects.get(pk=ronde.pk).vragen.get(code="thuiszitters").titel == "Thuiszitters"
    assert Procesindicator.objects.filter(vraag__ronde=ronde).count() == 43
