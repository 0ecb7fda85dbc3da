"""The privacy tools are scoped like every other read (issue 16).

A privacy officer of one SWV (PO3104) must find, through the AVG inzage and in the audit
trail, only the pupils and events of that SWV; the demo privacy account covers all three
SWVs and could never show the fault. The art. 15 Excel export must open for every demo
pupil.
"""

import io
from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from openpyxl import load_workbook

from kpi.models import Thuiszitter
from leerlingen.models import Leerling
from swv import inzage, selectors
from swv.models import AuditEvent
from swv.privacy import auditregels_voor
from tests.beveiliging.beperkt import SWV_CODE, beperkte_gebruiker
from tests.helpers import inloggen
from toelaatbaarheid.models import Aanvraag


@pytest.fixture
def officier():
    return beperkte_gebruiker("privacy")


def _pupillen():
    """(achternaam, geboortedatum, voornaam, swv code) of every demo pupil in every
    register that holds pupils (TLV cases, dossiers, thuiszitters)."""
    gezien = set()
    for model in (Aanvraag, Leerling):
        for z in model.objects.exclude(achternaam="").exclude(geboortedatum=None):
            gezien.add((z.achternaam, z.geboortedatum, z.voornaam, z.swv.code))
    for t in Thuiszitter.objects.exclude(pseudoniem="").exclude(geboortejaar=None):
        gezien.add((t.pseudoniem, date(t.geboortejaar, 6, 1), "", t.swv.code))
    assert gezien, "de demo heeft leerlingen"
    return sorted(gezien, key=str)


def _cellen(onderdelen):
    return {str(w) for o in onderdelen for rij in o.rijen for w in rij}


def test_every_inzage_source_takes_the_user():
    with pytest.raises(ImproperlyConfigured):
        inzage.registreer(lambda *, achternaam, geboortedatum, voornaam: [])
    assert inzage._BRONNEN, "de apps registreren bronnen"
    for bron in inzage._BRONNEN:
        assert "user" in bron.__code__.co_varnames, bron


def test_inzage_of_an_officer_of_one_swv_finds_only_that_swvs_pupils(officier, gebruiker):
    alles = gebruiker("privacy")
    buiten, binnen = 0, 0
    for achternaam, geboren, voornaam, swv in _pupillen():
        kwargs = {"achternaam": achternaam, "geboortedatum": geboren, "voornaam": voornaam}
        eigen = inzage.verzamelen(user=officier, **kwargs)
        breed = inzage.verzamelen(user=alles, **kwargs)
        assert _cellen(eigen) <= _cellen(breed)
        if swv == SWV_CODE:
            binnen += 1
            assert eigen, (achternaam, swv)
        # Every TLV case, dossier and registration shown lies in the officer's SWV.
        zichtbaar = {
            Aanvraag: selectors.zichtbaar_voor(Aanvraag, officier),
            Leerling: selectors.zichtbaar_voor(Leerling, officier),
            Thuiszitter: selectors.zichtbaar_voor(Thuiszitter, officier),
        }
        cellen = _cellen(eigen)
        for z in Aanvraag.objects.exclude(pk__in=zichtbaar[Aanvraag].values("pk")):
            assert z.nummer not in cellen, (z.nummer, swv)
        for d in Leerling.objects.exclude(pk__in=zichtbaar[Leerling].values("pk")):
            assert d.nummer not in cellen, (d.nummer, swv)
        if swv != SWV_CODE and not any(
            p[:3] == (achternaam, geboren, voornaam) and p[3] == SWV_CODE for p in _pupillen()
        ):
            buiten += 1
            assert eigen == [], (achternaam, swv, [o.titel for o in eigen])
    assert binnen and buiten, "de demo heeft leerlingen binnen en buiten PO3104"


def test_inzage_page_does_not_open_another_swvs_dossier(client, officier, gebruiker):
    zaak = Aanvraag.objects.filter(swv__code="PO3106").order_by("pk").first()
    data = {"achternaam": zaak.achternaam, "geboortedatum": zaak.geboortedatum.isoformat()}
    eigen = inloggen(client, officier).post(reverse("inzage"), data)
    assert eigen.status_code == 200
    html = eigen.content.decode()
    assert zaak.nummer not in html and "geen gegevens gevonden" in html
    export = client.post(reverse("inzage"), {**data, "xlsx": "1"})
    boek = load_workbook(io.BytesIO(export.content))
    assert zaak.nummer not in str([list(b.values) for b in boek.worksheets])
    # The officer of all three SWVs does find it.
    breed = inloggen(client, gebruiker("privacy")).post(reverse("inzage"), data)
    assert zaak.nummer in breed.content.decode()


def test_audit_trail_of_an_officer_of_one_swv_lists_only_that_swvs_events(
    client, officier, gebruiker
):
    eigen_zaak = Aanvraag.objects.filter(swv__code=SWV_CODE).order_by("pk").first()
    andere_zaak = Aanvraag.objects.filter(swv__code="PO3106").order_by("pk").first()
    for zaak in (eigen_zaak, andere_zaak):
        inloggen(client, gebruiker("directeur")).get(zaak.get_absolute_url())
    regels = auditregels_voor(officier)
    assert regels.filter(object_type="toelaatbaarheid.aanvraag", object_id=str(eigen_zaak.pk))
    assert not regels.filter(object_type="toelaatbaarheid.aanvraag", object_id=str(andere_zaak.pk))
    # Every listed event about an object concerns an object the officer may see.
    for regel in regels.exclude(object_type=""):
        from django.apps import apps

        model = apps.get_model(regel.object_type)
        if model.objects.filter(pk=regel.object_id).exists():
            try:
                zichtbaar = selectors.zichtbaar_voor(model, officier)
            except ImproperlyConfigured:
                continue
            assert zichtbaar.filter(pk=regel.object_id).exists(), regel
    # The page, also when asked for the other case by id.
    inloggen(client, officier)
    pagina = client.get(
        reverse("audit"), {"object_type": "toelaatbaarheid.aanvraag", "object_id": andere_zaak.pk}
    )
    assert pagina.status_code == 200 and "Geen regels gevonden" in pagina.content.decode()
    pagina = client.get(
        reverse("audit"), {"object_type": "toelaatbaarheid.aanvraag", "object_id": eigen_zaak.pk}
    )
    assert f"toelaatbaarheid.aanvraag #{eigen_zaak.pk}" in pagina.content.decode()
    # The officer of all SWVs sees both.
    alles = auditregels_voor(gebruiker("privacy"))
    assert alles.filter(object_id=str(andere_zaak.pk), object_type="toelaatbaarheid.aanvraag")
    assert AuditEvent.objects.count() >= alles.count() > regels.count()


def test_inzage_excel_export_opens_for_every_demo_pupil(als):
    client = als("privacy")
    for achternaam, geboren, voornaam, _swv in _pupillen():
        data = {"achternaam": achternaam, "geboortedatum": geboren.isoformat()}
        if voornaam:
            data["voornaam"] = voornaam
        export = client.post(reverse("inzage"), {**data, "xlsx": "1"})
        assert export.status_code == 200, (achternaam, export.status_code)
        boek = load_workbook(io.BytesIO(export.content))
        onderdelen = inzage.verzamelen(user=_privacy(), **_kw(data))
        assert len(boek.worksheets) == len(onderdelen) >= 1, achternaam
        for blad, onderdeel in zip(boek.worksheets, onderdelen, strict=True):
            rijen = list(blad.values)
            assert list(rijen[0]) == onderdeel.kolommen
            assert len(rijen) - 1 == len(onderdeel.rijen), (achternaam, onderdeel.titel)


def _privacy():
    from swv.models import Gebruiker

    return Gebruiker.objects.get(username="privacy")


def _kw(data):
    return {
        "achternaam": data["achternaam"],
        "geboortedatum": date.fromisoformat(data["geboortedatum"]),
        "voornaam": data.get("voornaam", ""),
    }


def test_sheet_names_are_valid_short_and_unique():
    namen = inzage.bladnamen(
        [
            "Thuiszitters: acties",
            "a/b\\c?d*e[f]g",
            "Wie heeft het dossier ingezien of gewijzigd",
            "Wie heeft het dossier ingezien of gewijzigd",
            "wie heeft het dossier ingezien of gewijzigd",
            "'",
            "",
        ]
    )
    assert namen[0] == "Thuiszitters- acties"
    assert namen[1] == "a-b-c-d-e-f-g"
    assert all(0 < len(n) <= 31 for n in namen)
    assert len({n.casefold() for n in namen}) == len(namen)
    assert not any(set(n) & set("[]:*?/\\") for n in namen)
    # And openpyxl accepts every one of them in one workbook.
    boek = load_workbook(
        io.BytesIO(inzage.als_xlsx([inzage.Onderdeel(t, ["x"], [["\x00y"]]) for t in namen]))
    )
    assert boek.sheetnames == namen
