"""Every edit form of the verantwoording carries a version and refuses a stale save with
the conflict page (issue 16), as the report form and the plan's chapters do: a part of a
round's form and the round's deadline (the report form: test_views/test_workflow)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kpi.verantwoording import services
from kpi.verantwoording.models import Ronde, Vraag
from tests.verantwoording.test_sjabloon import _data
from tests.verantwoording.test_sjabloon import ronde as ronde  # noqa: F401 - fixture


def test_een_verouderd_onderdeel_wordt_niet_opgeslagen(als, client, ronde):  # noqa: F811
    vraag = ronde.vragen.get(code="thuiszitters")
    url = reverse("verantwoording:vraag-bewerken", args=[ronde.pk, vraag.pk])
    # The medewerker opens the form; the directeur opens it too and saves first.
    oud = _data(als("medewerker").get(url))
    eerst = _data(als("directeur").get(url))
    eerst["titel"] = "Thuiszitters (directeur)"
    assert client.post(url, eerst).status_code == 302
    oud["titel"] = "Thuiszitters (medewerker)"
    oud["toelichting"] = "Mijn toelichting."
    response = als("medewerker").post(url, oud)
    assert response.status_code == 409
    inhoud = response.content.decode()
    assert "Niet opgeslagen." in inhoud and "Twee versies" in inhoud
    assert "Thuiszitters (directeur)" in inhoud and "Thuiszitters (medewerker)" in inhoud
    vraag.refresh_from_db()
    assert vraag.titel == "Thuiszitters (directeur)" and vraag.toelichting != "Mijn toelichting."
    # The user's input stays in the form, now on the saved version: saving again is a
    # conscious overwrite and is accepted.
    opnieuw = _data(response)
    assert opnieuw["titel"] == "Thuiszitters (medewerker)"
    assert str(opnieuw["versie"]) == str(vraag.versie)
    assert als("medewerker").post(url, opnieuw).status_code == 302
    vraag.refresh_from_db()
    assert vraag.titel == "Thuiszitters (medewerker)" and vraag.toelichting == "Mijn toelichting."


def test_de_service_weigert_een_verouderde_versie(gebruiker, ronde):  # noqa: F811
    vraag = ronde.vragen.get(code="thuiszitters")
    medewerker = gebruiker("medewerker")
    services.vraag_wijzigen(
        vraag=vraag, gebruiker=medewerker, gegevens={"titel": "A"}, versie=vraag.versie
    )
    with pytest.raises(services.Verouderd) as fout:
        services.vraag_wijzigen(
            vraag=vraag, gebruiker=medewerker, gegevens={"titel": "B"}, versie=vraag.versie
        )
    assert fout.value.huidig.titel == "A"
    assert Vraag.objects.get(pk=vraag.pk).titel == "A"


def test_een_verouderde_deadline_wordt_niet_opgeslagen(als, gebruiker, ronde):  # noqa: F811
    ronde = services.ronde_openen(ronde=ronde, gebruiker=gebruiker("medewerker"))
    c = als("medewerker")
    pagina = c.get(ronde.get_absolute_url()).content.decode()
    versie = Ronde.objects.get(pk=ronde.pk).versie
    assert f'name="versie" value="{versie}"' in pagina
    # The directeur moves the deadline meanwhile.
    eerst = timezone.localdate() + timedelta(days=50)
    services.ronde_deadline_wijzigen(
        ronde=ronde, gebruiker=gebruiker("directeur"), deadline=eerst, versie=versie
    )
    later = timezone.localdate() + timedelta(days=70)
    url = reverse("verantwoording:ronde-actie", args=[ronde.pk])
    response = c.post(url, {"actie": "deadline", "deadline": later.isoformat(), "versie": versie})
    assert response.status_code == 409
    assert "Iemand anders heeft deze ronde gewijzigd" in response.content.decode()
    assert Ronde.objects.get(pk=ronde.pk).deadline == eerst
    # A form without a version (an old page) is refused too, with a message.
    response = c.post(url, {"actie": "deadline", "deadline": later.isoformat()}, follow=True)
    assert "Vernieuw de pagina" in response.content.decode()
    assert Ronde.objects.get(pk=ronde.pk).deadline == eerst
