"""Issue 16: no lost updates in the KPI app. The thuiszitter edit form carries the version
it was opened on and a save over a later one is refused with the chapters' conflict page;
confirming to replace a meting names the version shown."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from kpi import services
from kpi.berekeningen import thuiszitters_op
from kpi.models import Meting, Thuiszitter
from swv.demo import innovo_school
from swv.models import AuditEvent
from tests.factories.kpi import MetingFactory, ThuiszitterFactory
from tests.helpers import inloggen


def _formulier(client, t) -> dict:
    """What the edit form posts as opened: its initial values (and version)."""
    form = client.get(reverse("kpi:thuiszitter-wijzigen", args=[t.pk])).context["form"]
    data = {}
    for naam in form.fields:
        waarde = form[naam].value()
        if hasattr(waarde, "isoformat"):
            waarde = waarde.isoformat()
        data[naam] = "" if waarde is None else waarde
    assert data["versie"] == t.versie
    return data


def test_een_eerder_geopend_formulier_overschrijft_geen_latere_opslag(gebruiker):
    """A returned thuiszitter does not count as thuiszitter again because a form opened
    before the return was saved afterwards."""
    t = ThuiszitterFactory(school=innovo_school(), startdatum=date(2025, 1, 6))
    eerder = inloggen(Client(), gebruiker("medewerker"))
    later = inloggen(Client(), gebruiker("trajectbegeleider"))
    oud = _formulier(eerder, t)  # opened first, still says "lopend"
    terug = {**_formulier(later, t), "status": "terug", "einddatum": "2025-03-03"}
    url = reverse("kpi:thuiszitter-wijzigen", args=[t.pk])
    assert later.post(url, terug).status_code == 302
    voor = AuditEvent.objects.filter(actie="gewijzigd", object_id=str(t.pk)).count()

    r = eerder.post(url, {**oud, "pseudoniem": "A.B."})

    assert r.status_code == 200
    html = r.content.decode()
    assert "Iemand anders heeft deze registratie opgeslagen" in html
    assert "Twee versies" in html and "Opgelost: terug naar onderwijs" in html
    t.refresh_from_db()
    assert (t.status, t.einddatum, t.pseudoniem, t.versie) == (
        "terug",
        date(2025, 3, 3),
        oud["pseudoniem"],
        2,
    )
    assert AuditEvent.objects.filter(actie="gewijzigd", object_id=str(t.pk)).count() == voor
    op_30_juni = thuiszitters_op([date(2025, 6, 30)], Thuiszitter.objects.filter(pk=t.pk))
    assert op_30_juni[date(2025, 6, 30)]["totaal"] == 0
    # The user's input stays in the form, now on the saved version: saving it again is a
    # deliberate choice after seeing the other save.
    form = r.context["form"]
    assert str(form["versie"].value()) == "2" and form["pseudoniem"].value() == "A.B."


def test_de_service_weigert_een_verouderde_versie(gebruiker):
    t = ThuiszitterFactory(school=innovo_school(), startdatum=date(2025, 1, 6))
    mw = gebruiker("medewerker")
    services.thuiszitter_wijzigen(
        thuiszitter=t, door=mw, versie=1, status="terug", einddatum=date(2025, 3, 3)
    )
    with pytest.raises(services.Bewerkconflict) as conflict:
        services.thuiszitter_wijzigen(
            thuiszitter=t, door=mw, versie=1, status="lopend", einddatum=None
        )
    assert conflict.value.huidig.status == "terug"
    t.refresh_from_db()
    assert (t.status, t.versie) == ("terug", 2)


def _meting(client, kpi, **data):
    basis = {"schooljaar": "2023", "kwartaal": "0", "waarde": "5", "bron": "registratie"}
    return client.post(reverse("kpi:meting-nieuw", args=[kpi.pk]), {**basis, **data})


def test_vervangen_bevestigen_overschrijft_geen_latere_meting(plan, gebruiker):
    kpi = plan.kpi["klachten"]
    MetingFactory(kpi=kpi, schooljaar=2023, waarde=Decimal(8))
    c = inloggen(Client(), gebruiker("medewerker"))
    r = _meting(c, kpi)
    assert "Bestaande meting vervangen" in r.content.decode()
    gezien = r.context["form"]["vervangen_versie"].value()
    # Someone else replaces the meting while this confirmation page is open.
    services.meting_vastleggen(
        kpi=kpi,
        schooljaar=2023,
        waarde=Decimal(9),
        door=gebruiker("medewerker"),
        vervangen=True,
        vervangen_versie=int(gezien),
    )
    r = _meting(c, kpi, vervangen="on", vervangen_versie=gezien)
    assert r.status_code == 200 and "waarde 9" in r.content.decode()
    assert Meting.objects.get(kpi=kpi).waarde == Decimal(9)
    # A confirmation without a version replaces nothing either.
    r = _meting(c, kpi, vervangen="on")
    assert r.status_code == 200 and Meting.objects.get(kpi=kpi).waarde == Decimal(9)
    # Confirming the value now shown replaces it.
    r = _meting(
        c, kpi, vervangen="on", vervangen_versie=r.context["form"]["vervangen_versie"].value()
    )
    assert r.status_code == 302
    assert Meting.objects.get(kpi=kpi).waarde == Decimal(5)
