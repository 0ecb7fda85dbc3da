"""Who sees which case: list and detail per role; out of scope = 404; OPR nothing."""

import pytest

from swv.demo import innovo_school
from swv.models import Samenwerkingsverband, School
from swv.selectors import zichtbaar_voor
from tests.conftest import DEMO_ACCOUNTS
from tests.factories import GebruikerFactory
from tests.factories.toelaatbaarheid import gebruiker, naar_status, nieuwe_zaak
from toelaatbaarheid.models import (
    Aanvraag,
    Beschikking,
    Bezwaar,
    Bijlage,
    Deskundige,
    Deskundigenadvies,
    Mdo,
    Status,
    StatusWijziging,
    Terugplaatsing,
    prive_opslag,
)
from toelaatbaarheid.selectors import aanvragen_voor

pytestmark = pytest.mark.usefixtures("snelle_pdf")


def _ids(naam):
    return set(aanvragen_voor(gebruiker(naam)).values_list("pk", flat=True))


def test_swv_staf_ziet_alles_van_hun_swvs():
    alle = set(
        Aanvraag.objects.filter(swv__code__in=["PO3104", "PO3105", "PO3106"]).values_list(
            "pk", flat=True
        )
    )
    assert alle and _ids("medewerker") == alle == _ids("directeur")


def test_bestuur_ziet_alleen_eigen_scholen():
    innovo = _ids("bestuur-innovo")
    movare = _ids("bestuur-movare")
    assert innovo and movare and not innovo & movare
    assert set(
        Aanvraag.objects.filter(pk__in=innovo).values_list("school__bestuur__nummer", flat=True)
    ) == {"41506"}


def test_school_ziet_alleen_eigen_school():
    ids = _ids("ib-innovo")
    assert ids
    assert set(Aanvraag.objects.filter(pk__in=ids).values_list("school", flat=True)) == {
        innovo_school().pk
    }


def test_opr_ziet_niets_en_heeft_geen_menu(als):
    assert _ids("opr") == set()
    client = als("opr")
    assert client.get("/tlv/").status_code == 403
    zaak = Aanvraag.objects.first()
    assert client.get(f"/tlv/{zaak.pk}/").status_code in (403, 404)
    assert "/tlv/" not in client.get("/").content.decode()


def test_deskundige_ziet_alleen_toegewezen_zaken():
    from toelaatbaarheid import services

    zaak = naar_status(nieuwe_zaak(), Status.ADVIES)
    assert zaak.pk not in _ids("orthopedagoog")
    services.deskundige_toewijzen(
        gebruiker=gebruiker("trajectbegeleider"),
        aanvraag=zaak,
        deskundige=Deskundige.objects.get(gebruiker__username="orthopedagoog"),
        versie=zaak.versie,
    )
    assert zaak.pk in _ids("orthopedagoog")
    assert zaak.pk not in _ids("jeugdarts")


def test_trajectbegeleider_eigen_zaken_en_niet_toegewezen_van_swv():
    van_school = nieuwe_zaak(door="ib-innovo", school=innovo_school())
    assert van_school.pk in _ids("trajectbegeleider")  # intake queue
    andere_tb = gebruiker("trajectbegeleider").__class__.objects.create(
        username="tb2", rol="trajectbegeleider"
    )
    andere_tb.samenwerkingsverbanden.set(
        gebruiker("trajectbegeleider").samenwerkingsverbanden.all()
    )
    Aanvraag.objects.filter(pk=van_school.pk).update(trajectbegeleider=andere_tb)
    assert van_school.pk not in _ids("trajectbegeleider")
    assert van_school.pk in set(aanvragen_voor(andere_tb).values_list("pk", flat=True))


ROLLEN = [
    "medewerker",
    "directeur",
    "trajectbegeleider",
    "orthopedagoog",
    "jeugdarts",
    "bestuur-innovo",
    "bestuur-movare",
    "ib-innovo",
    "opr",
]


@pytest.mark.parametrize("naam", ROLLEN)
def test_detail_en_pdf_404_buiten_scope(als, naam):
    client = als(naam)
    zichtbaar = _ids(naam)
    for zaak in Aanvraag.objects.all():
        r = client.get(f"/tlv/{zaak.pk}/")
        if naam == "opr":
            assert r.status_code == 403
        elif zaak.pk in zichtbaar:
            assert r.status_code == 200, zaak
        else:
            assert r.status_code == 404, zaak
        if zaak.pk not in zichtbaar and naam != "opr":
            assert client.get(f"/tlv/{zaak.pk}/beschikking/pdf/").status_code == 404
            for bijlage in zaak.bijlagen.all():
                assert client.get(f"/tlv/{zaak.pk}/bijlagen/{bijlage.pk}/").status_code == 404


@pytest.mark.parametrize("naam", ROLLEN[:-1])
def test_lijst_toont_precies_de_scope(als, naam):
    client = als(naam)
    r = client.get("/tlv/", {"page": 1})
    assert r.status_code == 200
    getoond = {z.pk for z in r.context["pagina"].paginator.object_list}
    assert getoond == _ids(naam)


def test_filter_dropdowns_zijn_gescoped(als):
    r = als("bestuur-innovo").get("/tlv/")
    besturen = list(
        r.context["filter"].form.fields["bestuur"].queryset.values_list("nummer", flat=True)
    )
    assert besturen == ["41506"]


def test_aanvraagformulier_scholen_gescoped(als):
    r = als("ib-innovo").get("/tlv/nieuw/")
    assert list(r.context["form"].fields["school"].queryset) == [innovo_school()]
    r = als("bestuur-innovo").get("/tlv/nieuw/")
    assert r.status_code == 403
    other = School.objects.filter(soort="BAO").exclude(pk=innovo_school().pk).first()
    r = als("ib-innovo").post(
        "/tlv/nieuw/",
        {
            "school": other.pk,
            "voornaam": "X",
            "achternaam": "Y",
            "geboortedatum": "2016-01-01",
            "soort": "SBO",
            "ouders_akkoord": "ja",
        },
    )
    assert r.status_code == 200 and "school" in r.context["form"].errors


def test_bijlagen_hebben_geen_publieke_url():
    """Attachments are served only through the scoped view, never by a storage URL."""
    with pytest.raises(ValueError, match="geen publieke URL"):
        prive_opslag.url("bijlagen/verslag.pdf")


@pytest.mark.parametrize(
    "model",
    [StatusWijziging, Bijlage, Mdo, Deskundigenadvies, Beschikking, Bezwaar, Terugplaatsing],
)
def test_onderdelen_van_een_zaak_zien_wie_de_zaak_ziet(model):
    """Every part of a case is seen with its case, by declaration (`objects.voor`), and the
    one scope of a case is `aanvragen_voor` (registered with `swv.selectors.scope`)."""
    for naam in [*DEMO_ACCOUNTS, "superuser-tlv", "inactief-tlv"]:
        user = gebruiker(naam) if naam in DEMO_ACCOUNTS else _bijzonder(naam)
        zaken = aanvragen_voor(user)
        assert set(zichtbaar_voor(Aanvraag, user)) == set(zaken)
        assert set(model.objects.voor(user)) == set(model.objects.filter(aanvraag__in=zaken))


def _bijzonder(naam):
    if naam == "superuser-tlv":
        return GebruikerFactory(username=naam, is_superuser=True)
    return GebruikerFactory(
        username=naam,
        rol="medewerker",
        is_active=False,
        swvs=list(Samenwerkingsverband.objects.all()),
    )
