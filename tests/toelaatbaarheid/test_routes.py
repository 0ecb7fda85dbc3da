"""Routes the TLV could not take before (issue 13): an aanvraag without a regular school of
origin, the herbeoordeling filed by the S(B)O school where the pupil is, the terugplaatsing
from SO to SBO as well as to a regular school, and the nazorg after it. Allowed and
refused per route and role; bad input refused with the message next to the field."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from leerlingen.tijdlijn import tijdlijn
from swv.models import AuditEvent, Samenwerkingsverband, School
from swv.roles import Rol
from tests.factories import GebruikerFactory
from tests.factories.toelaatbaarheid import (
    gebruiker,
    movare_school,
    naar_status,
    nieuwe_zaak,
    sbo_school,
    vers,
)
from toelaatbaarheid import selectors, services
from toelaatbaarheid import termijnen as t
from toelaatbaarheid.models import Aanvraag, Herkomst, Nazorgmoment, Status

pytestmark = pytest.mark.usefixtures("snelle_pdf")
ALLE = [
    "medewerker",
    "directeur",
    "trajectbegeleider",
    "orthopedagoog",
    "jeugdarts",
    "bestuur-movare",
    "bestuur-innovo",
    "ib-innovo",
    "opr",
]


def _rollen(toegestaan):
    return [pytest.param(r, r in toegestaan, id=r) for r in ALLE]


def _kan(functie) -> bool:
    try:
        with transaction.atomic():
            functie()
    except PermissionDenied:
        return False
    return True


def _po3106():
    return Samenwerkingsverband.objects.get(code="PO3106")


def _so_school():
    return (
        School.objects.binnen_swv()
        .filter(soort__in=["SO", "SO_VSO"], swv__code="PO3106")
        .order_by("vestigingscode")
        .first()
    )


_teller = iter(range(1, 10_000))


def _gegevens(**kw):
    n = next(_teller)
    vandaag = timezone.localdate()
    basis = {
        "voornaam": f"Route{n}",
        "achternaam": f"Kind{n}",
        "geboortedatum": date(vandaag.year - 6, 3, 1) - timedelta(days=n),
        "groep": 2,
        "soort": "SO",
        "categorie": "midden",
        "gewenste_school": _so_school(),
        "herkomst_naam": "MKD De Vlinder",
        "herkomst_gemeente": "Heerlen",
    }
    basis.update(kw)
    return basis


def _zonder_school(herkomst, *, door="trajectbegeleider", swv=None, **kw):
    return services.aanvraag_aanmaken(
        gebruiker=gebruiker(door),
        school=None,
        herkomst=herkomst,
        swv=swv or _po3106(),
        gegevens=_gegevens(**kw),
    )


# --- Herkomst: who files, and where the school of origin is required ------------------


@pytest.mark.parametrize(
    "herkomst", [Herkomst.VOORSCHOOL, Herkomst.RESIDENTIEEL, Herkomst.BUITEN_SWV, Herkomst.GEEN]
)
def test_aanvraag_zonder_school_van_herkomst(herkomst):
    zaak = _zonder_school(herkomst)
    zaak = vers(zaak)
    assert zaak.school is None and zaak.herkomst == herkomst and zaak.swv.code == "PO3106"
    assert zaak.leerling is not None and zaak.leerling.school is None
    if herkomst == Herkomst.GEEN:
        assert zaak.herkomst_naam == ""  # nothing to name without a school
    else:
        assert zaak.herkomst_naam == "MKD De Vlinder"
        assert "MKD De Vlinder, Heerlen" in zaak.herkomst_omschrijving


@pytest.mark.parametrize(("rol", "mag"), _rollen({"trajectbegeleider", "medewerker"}))
def test_zonder_school_dient_alleen_het_swv_in(rol, mag):
    assert _kan(lambda: _zonder_school(Herkomst.VOORSCHOOL, door=rol)) is mag


def test_zonder_school_alleen_zichtbaar_voor_het_swv():
    zaak = _zonder_school(Herkomst.VOORSCHOOL)
    zichtbaar = {
        rol for rol in ALLE if selectors.aanvragen_voor(gebruiker(rol)).filter(pk=zaak.pk).exists()
    }
    # The trajectbegeleider who filed it guides it; the SWV office sees its SWV's cases.
    assert zichtbaar == {"medewerker", "directeur", "trajectbegeleider"}


def test_voorschool_zonder_naam_en_gemeente_geweigerd_bij_het_veld():
    with pytest.raises(ValidationError) as fout:
        _zonder_school(Herkomst.VOORSCHOOL, herkomst_naam=" ", herkomst_gemeente="")
    assert set(fout.value.message_dict) >= {"herkomst_naam", "herkomst_gemeente"}
    assert not Aanvraag.objects.filter(herkomst_naam=" ").exists()


def test_swv_moet_gekozen_en_eigen_zijn():
    tb = gebruiker("trajectbegeleider")  # works for three SWVs: must say which
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_aanmaken(
            gebruiker=tb, school=None, herkomst=Herkomst.GEEN, gegevens=_gegevens()
        )
    assert "swv" in fout.value.message_dict
    vreemd = Samenwerkingsverband.objects.exclude(code__in=["PO3104", "PO3105", "PO3106"]).first()
    with pytest.raises(PermissionDenied):
        _zonder_school(Herkomst.GEEN, swv=vreemd)
    # One SWV only: that one, without asking.
    een = GebruikerFactory(username="tb-alleen-3105", rol=Rol.TRAJECTBEGELEIDER,
                           swvs=[Samenwerkingsverband.objects.get(code="PO3105")])  # fmt: skip
    zaak = services.aanvraag_aanmaken(
        gebruiker=een,
        school=None,
        herkomst=Herkomst.GEEN,
        gegevens=_gegevens(gewenste_school=sbo_school(), soort="SBO", categorie=""),
    )
    assert zaak.swv.code == "PO3105"


def test_van_so_naar_sbo():
    so = _so_school()
    zaak = services.aanvraag_aanmaken(
        gebruiker=gebruiker("trajectbegeleider"),
        school=so,
        herkomst=Herkomst.SO,
        gegevens=_gegevens(soort="SBO", categorie="", gewenste_school=sbo_school()),
    )
    assert (zaak.school, zaak.herkomst) == (so, Herkomst.SO)
    # From SO the aanvraag is for SBO; a regular school does not fit this herkomst.
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_aanmaken(
            gebruiker=gebruiker("trajectbegeleider"),
            school=so,
            herkomst=Herkomst.SO,
            gegevens=_gegevens(soort="SO", categorie="laag"),
        )
    assert "soort" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        services.aanvraag_aanmaken(
            gebruiker=gebruiker("trajectbegeleider"),
            school=movare_school(),
            herkomst=Herkomst.SO,
            gegevens=_gegevens(soort="SBO", categorie="", gewenste_school=sbo_school()),
        )
    assert "school" in fout.value.message_dict


def test_school_zonder_herkomst_blijft_werken_zoals_voorheen():
    """Callers that pass only a school (the knooppunt step) get the herkomst it implies."""
    zaak = nieuwe_zaak()
    assert zaak.herkomst == Herkomst.REGULIER and zaak.school_id is not None


# --- Herbeoordeling by the S(B)O school where the pupil is ---------------------------


def _sbo_ib(school=None):
    school = school or sbo_school()
    return GebruikerFactory(username=f"ib-sbo-{school.pk}", rol=Rol.SCHOOL, school=school)


def test_sbo_school_start_herbeoordeling_van_eigen_leerling():
    zaak = naar_status(nieuwe_zaak(gewenste_school=sbo_school()), Status.TOEGEKEND)
    ib = _sbo_ib()
    # The S(B)O school holds the TLVs that placed a pupil there...
    assert selectors.aanvragen_voor(ib).filter(pk=zaak.pk).exists()
    assert ib.has_perm("toelaatbaarheid.herbeoordeling_starten", zaak)
    nieuw = services.herbeoordeling_starten(gebruiker=ib, aanvraag=vers(zaak))
    nieuw = vers(nieuw)
    assert (nieuw.vorige_id, nieuw.school, nieuw.herkomst, nieuw.swv_id) == (
        zaak.pk,
        sbo_school(),
        Herkomst.GESPECIALISEERD,
        zaak.swv_id,
    )
    assert nieuw.leerling_id == zaak.leerling_id
    # ...and sees the herbeoordeling it filed; the regular school of origin no longer does.
    assert selectors.aanvragen_voor(ib).filter(pk=nieuw.pk).exists()


def test_andere_school_start_geen_herbeoordeling():
    zaak = naar_status(nieuwe_zaak(gewenste_school=sbo_school()), Status.TOEGEKEND)
    andere = School.objects.filter(soort="SBO").exclude(pk=sbo_school().pk).first()
    vreemde = _sbo_ib(andere)
    assert not selectors.aanvragen_voor(vreemde).filter(pk=zaak.pk).exists()
    with pytest.raises(PermissionDenied):
        services.herbeoordeling_starten(gebruiker=vreemde, aanvraag=vers(zaak))
    # The regular school of origin files no herbeoordeling (the pupil left it).
    with pytest.raises(PermissionDenied):
        services.herbeoordeling_starten(gebruiker=gebruiker("ib-innovo"), aanvraag=vers(zaak))


def test_sbo_school_ziet_alleen_toegekende_tlvs_van_eigen_leerlingen():
    concept = nieuwe_zaak(gewenste_school=sbo_school())
    ib = _sbo_ib()
    assert not selectors.aanvragen_voor(ib).filter(pk=concept.pk).exists()


@pytest.mark.parametrize(("rol", "mag"), _rollen({"trajectbegeleider", "medewerker"}))
def test_herbeoordeling_per_rol(rol, mag):
    zaak = naar_status(nieuwe_zaak(), Status.TOEGEKEND)
    assert (
        _kan(lambda: services.herbeoordeling_starten(gebruiker=gebruiker(rol), aanvraag=zaak))
        is mag
    )


def test_herbeoordeling_door_trajectbegeleider_ligt_bij_de_sbo_school():
    zaak = naar_status(nieuwe_zaak(), Status.TOEGEKEND)
    nieuw = services.herbeoordeling_starten(gebruiker=gebruiker("trajectbegeleider"), aanvraag=zaak)
    assert vers(nieuw).school == zaak.gewenste_school


# --- Terugplaatsing: to a regular school, from SO also to SBO; nazorg ----------------


def _terug(zaak, school, *, door="trajectbegeleider", datum=None):
    datum = datum or timezone.localdate() - timedelta(weeks=8)
    return services.terugplaatsing_vastleggen(
        gebruiker=gebruiker(door),
        aanvraag=zaak,
        versie=vers(zaak).versie,
        datum=datum,
        knooppunt_op=datum - timedelta(days=7),
        ontvangende_school=school,
        warme_overdracht="Warme overdracht met ouders en school.",
    )


def test_terugplaatsing_van_so_naar_sbo_met_standaard_nazorg():
    zaak = naar_status(nieuwe_zaak(soort="SO", categorie="laag"), Status.TOEGEKEND)
    datum = date(2026, 1, 31) if timezone.localdate() >= date(2026, 1, 31) else None
    terug = _terug(zaak, sbo_school(), datum=datum)
    assert vers(zaak).status == Status.BEEINDIGD
    momenten = list(terug.nazorgmomenten.order_by("datum_gepland"))
    d = terug.datum
    assert [m.datum_gepland for m in momenten] == [
        d + timedelta(weeks=6),
        t.nazorg_datum(d, maanden=3),
        t.nazorg_datum(d, maanden=12),
    ]
    assert [m.omschrijving for m in momenten] == [
        "Nazorg na 6 weken",
        "Nazorg na 3 maanden",
        "Nazorg na 1 jaar",
    ]
    if datum is not None:  # 31 January: 3 months later is 30 April, a year 31 January
        assert [m.datum_gepland for m in momenten] == [
            date(2026, 3, 14),
            date(2026, 4, 30),
            date(2027, 1, 31),
        ]


def test_terugplaatsing_van_sbo_naar_sbo_geweigerd_bij_het_veld():
    zaak = naar_status(nieuwe_zaak(soort="SBO"), Status.TOEGEKEND)
    with pytest.raises(ValidationError) as fout:
        _terug(zaak, sbo_school())
    assert "ontvangende_school" in fout.value.message_dict
    assert vers(zaak).status == Status.TOEGEKEND
    # To a regular school: fine.
    _terug(zaak, movare_school(3))
    assert vers(zaak).status == Status.BEEINDIGD


@pytest.mark.parametrize(
    ("maand_dag", "maanden", "verwacht"),
    [
        ((2026, 1, 31), 1, date(2026, 2, 28)),
        ((2028, 1, 31), 1, date(2028, 2, 29)),
        ((2026, 11, 30), 3, date(2027, 2, 28)),
        ((2024, 2, 29), 12, date(2025, 2, 28)),
        ((2026, 10, 15), 3, date(2027, 1, 15)),
    ],
)
def test_nazorg_datum_kalender(maand_dag, maanden, verwacht):
    assert t.nazorg_datum(date(*maand_dag), maanden=maanden) == verwacht


def test_nazorg_datum_weken():
    assert t.nazorg_datum(date(2026, 12, 1), weken=6) == date(2027, 1, 12)


def _beeindigd():
    zaak = naar_status(nieuwe_zaak(), Status.TOEGEKEND)
    terug = _terug(zaak, movare_school(3))
    return vers(zaak), terug


@pytest.mark.parametrize(("rol", "mag"), _rollen({"trajectbegeleider", "medewerker"}))
def test_nazorg_per_rol(rol, mag):
    zaak, terug = _beeindigd()
    moment = terug.nazorgmomenten.order_by("datum_gepland").first()
    assert (
        _kan(
            lambda: services.nazorg_vastleggen(
                gebruiker=gebruiker(rol),
                aanvraag=zaak,
                moment=moment.pk,
                datum_gepland=moment.datum_gepland,
                gehouden_op=moment.datum_gepland,
                bevindingen="Gaat goed.",
            )
        )
        is mag
    )
    moment.refresh_from_db()
    assert (moment.gehouden_op is not None) is mag


def test_nazorg_vastleggen_en_toevoegen():
    zaak, terug = _beeindigd()
    tb = gebruiker("trajectbegeleider")
    eerste = terug.nazorgmomenten.order_by("datum_gepland").first()
    services.nazorg_vastleggen(
        gebruiker=tb,
        aanvraag=zaak,
        moment=eerste.pk,
        datum_gepland=eerste.datum_gepland,
        gehouden_op=eerste.datum_gepland,
        bevindingen="Goed gestart.",
    )
    eerste.refresh_from_db()
    assert eerste.gehouden and eerste.bevindingen == "Goed gestart."
    assert AuditEvent.objects.filter(
        object_type="toelaatbaarheid.nazorgmoment", object_id=str(eerste.pk)
    ).exists()
    extra = services.nazorg_vastleggen(
        gebruiker=tb, aanvraag=zaak, datum_gepland=terug.datum + timedelta(days=200)
    )
    assert extra.omschrijving == "Extra nazorgmoment" and terug.nazorgmomenten.count() == 4


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"gehouden_op": "morgen", "bevindingen": "x"}, "gehouden_op"),
        ({"gehouden_op": "voor", "bevindingen": "x"}, "gehouden_op"),
        ({"gehouden_op": "gepland", "bevindingen": ""}, "bevindingen"),
        ({"bevindingen": "zonder datum"}, "gehouden_op"),
        ({"datum_gepland": "voor"}, "datum_gepland"),
    ],
)
def test_nazorg_foute_invoer_bij_het_veld(wijziging, veld):
    zaak, terug = _beeindigd()
    moment = terug.nazorgmomenten.order_by("datum_gepland").first()
    dagen = {
        "morgen": timezone.localdate() + timedelta(days=1),
        "voor": terug.datum - timedelta(days=1),
        "gepland": moment.datum_gepland,
    }
    gepland = moment.datum_gepland
    argumenten = {"datum_gepland": gepland, "gehouden_op": None, "bevindingen": ""}
    argumenten.update({k: dagen.get(v, v) for k, v in wijziging.items()})
    with pytest.raises(ValidationError) as fout:
        services.nazorg_vastleggen(
            gebruiker=gebruiker("trajectbegeleider"), aanvraag=zaak, moment=moment.pk, **argumenten
        )
    assert veld in fout.value.message_dict
    # Nothing saved.
    moment.refresh_from_db()
    assert (moment.datum_gepland, moment.gehouden_op, moment.bevindingen) == (gepland, None, "")


def test_nazorgmoment_van_een_andere_zaak_geweigerd():
    zaak, _ = _beeindigd()
    _, ander = _beeindigd()
    vreemd = ander.nazorgmomenten.first()
    with pytest.raises(ValidationError):
        services.nazorg_vastleggen(
            gebruiker=gebruiker("trajectbegeleider"),
            aanvraag=zaak,
            moment=vreemd.pk,
            datum_gepland=vreemd.datum_gepland,
        )


def test_nazorg_op_de_zaakpagina_en_de_tijdlijn(als):
    zaak, terug = _beeindigd()
    client = als("trajectbegeleider")
    pagina = client.get(f"/tlv/{zaak.pk}/").content.decode()
    assert "Nazorg na de terugplaatsing" in pagina and "Nazorg na 6 weken" in pagina
    assert "Extra nazorgmoment plannen" in pagina
    # The bestuur of the school of origin sees the nazorg, without the forms.
    bestuur = als("bestuur-movare").get(f"/tlv/{zaak.pk}/").content.decode()
    assert "Nazorg na 6 weken" in bestuur and "Extra nazorgmoment plannen" not in bestuur
    gebeurtenissen = tijdlijn(zaak.leerling, gebruiker("trajectbegeleider"))
    titels = [g.titel for g in gebeurtenissen]
    assert any(titel.startswith("Terugplaatsing naar") for titel in titels)
    assert {"Nazorg na 6 weken", "Nazorg na 3 maanden", "Nazorg na 1 jaar"} <= set(titels)
    # Outside the case's scope, nothing of it on the timeline.
    assert not [
        g for g in tijdlijn(zaak.leerling, gebruiker("bestuur-innovo")) if g.soort == "Nazorg"
    ]


def test_nazorg_via_de_pagina_met_melding_bij_het_veld(als):
    zaak, terug = _beeindigd()
    moment = terug.nazorgmomenten.order_by("datum_gepland").first()
    client = als("trajectbegeleider")
    morgen = timezone.localdate() + timedelta(days=1)
    r = client.post(
        f"/tlv/{zaak.pk}/nazorg/",
        {
            "moment": moment.pk,
            "datum_gepland": moment.datum_gepland.isoformat(),
            "gehouden_op": morgen.isoformat(),
            "bevindingen": "Te vroeg.",
        },
    )
    assert r.status_code == 400
    assert "nog niet gehouden" in r.content.decode()
    assert not Nazorgmoment.objects.get(pk=moment.pk).gehouden
    r = client.post(
        f"/tlv/{zaak.pk}/nazorg/",
        {
            "moment": moment.pk,
            "datum_gepland": moment.datum_gepland.isoformat(),
            "gehouden_op": moment.datum_gepland.isoformat(),
            "bevindingen": "Goed gestart.",
        },
    )
    assert r.status_code == 302
    assert Nazorgmoment.objects.get(pk=moment.pk).bevindingen == "Goed gestart."
    # A school user who can see the case cannot record nazorg.
    school = als("bestuur-movare")
    r = school.post(
        f"/tlv/{zaak.pk}/nazorg/",
        {"moment": moment.pk, "datum_gepland": moment.datum_gepland.isoformat()},
    )
    assert r.status_code == 403


def test_voorschool_aanvraag_via_het_formulier(als):
    client = als("trajectbegeleider")
    g = _gegevens()
    data = {
        "herkomst": Herkomst.VOORSCHOOL,
        "swv": _po3106().pk,
        "voornaam": g["voornaam"],
        "achternaam": g["achternaam"],
        "geboortedatum": g["geboortedatum"].isoformat(),
        "groep": 1,
        "herkomst_naam": "MKD De Vlinder",
        "herkomst_gemeente": "Heerlen",
        "soort": "SO",
        "categorie": "midden",
        "gewenste_school": _so_school().pk,
        "ouders_akkoord": "ja",
    }
    r = client.post("/tlv/nieuw/", {**data, "herkomst_naam": ""})
    assert r.status_code == 200
    assert "herkomst_naam" in r.context["form"].errors
    r = client.post("/tlv/nieuw/", data)
    assert r.status_code == 302
    zaak = Aanvraag.objects.get(voornaam=g["voornaam"])
    assert zaak.school is None and zaak.herkomst == Herkomst.VOORSCHOOL
    assert "MKD De Vlinder" in client.get(zaak.get_absolute_url()).content.decode()
    # A school user is not offered the routes without a school, nor can it post one.
    ib = als("ib-innovo")
    keuzes = dict(ib.get("/tlv/nieuw/").context["form"].fields["herkomst"].choices)
    assert Herkomst.VOORSCHOOL not in keuzes and Herkomst.REGULIER in keuzes
    r = ib.post("/tlv/nieuw/", {**data, "voornaam": "Ander"})
    assert r.status_code == 200 and "herkomst" in r.context["form"].errors
    assert not Aanvraag.objects.filter(voornaam="Ander").exists()


def test_demo_heeft_voorschool_en_terugplaatsing_met_nazorg():
    assert Aanvraag.objects.filter(herkomst=Herkomst.VOORSCHOOL, school__isnull=True).exists()
    gehouden = Nazorgmoment.objects.filter(gehouden_op__isnull=False)
    assert gehouden.exists() and Nazorgmoment.objects.filter(gehouden_op__isnull=True).exists()
