"""Thuiszitters follow the TLV scoping for trajectbegeleiders: their own cases and the
unassigned ones of their SWVs, never a colleague's; staff assign, schools do not."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kpi.models import Thuiszitter
from kpi.selectors import thuiszitters_voor
from swv.models import Gebruiker, Samenwerkingsverband, School

pytestmark = pytest.mark.django_db


@pytest.fixture
def collega(gebruiker):
    tb = gebruiker("trajectbegeleider")
    ander = Gebruiker.objects.create_user(
        username="tb-collega", password="x", rol="trajectbegeleider", first_name="Collega"
    )
    ander.samenwerkingsverbanden.set(tb.samenwerkingsverbanden.all())
    return ander


@pytest.fixture
def gevallen(gebruiker, collega):
    tb = gebruiker("trajectbegeleider")
    school = School.objects.filter(swv__in=tb.samenwerkingsverbanden.all(), soort="BAO").first()
    # At home since two months ago, a pupil of eleven that year (the form checks both).
    start = timezone.localdate() - timedelta(days=60)

    def geval(naam, begeleider):
        return Thuiszitter.objects.create(
            swv_id=school.swv_id,
            school=school,
            pseudoniem=naam,
            geboortejaar=start.year - 11,
            type="relatief",
            startdatum=start,
            trajectbegeleider=begeleider,
        )

    return {
        "eigen": geval("E.G.", tb),
        "collega": geval("C.O.", collega),
        "open": geval("O.P.", None),
    }


def test_trajectbegeleider_ziet_eigen_en_open_gevallen_niet_die_van_een_collega(
    als, gebruiker, gevallen
):
    tb = gebruiker("trajectbegeleider")
    zichtbaar = set(thuiszitters_voor(tb).values_list("pk", flat=True))
    assert gevallen["eigen"].pk in zichtbaar and gevallen["open"].pk in zichtbaar
    assert gevallen["collega"].pk not in zichtbaar
    c = als("trajectbegeleider")
    assert c.get(gevallen["eigen"].get_absolute_url()).status_code == 200
    assert c.get(gevallen["collega"].get_absolute_url()).status_code == 404
    # Staff of the SWV see all three.
    mw = set(thuiszitters_voor(gebruiker("medewerker")).values_list("pk", flat=True))
    assert {g.pk for g in gevallen.values()} <= mw


def test_medewerker_wijst_een_trajectbegeleider_toe(als, gebruiker, gevallen, collega):
    open_geval = gevallen["open"]
    c = als("medewerker")
    url = reverse("kpi:thuiszitter-wijzigen", args=[open_geval.pk])
    formulier = c.get(url).context["form"]
    keuzes = set(formulier.fields["trajectbegeleider"].queryset)
    assert {gebruiker("trajectbegeleider"), collega} <= keuzes
    assert all(k.rol == "trajectbegeleider" for k in keuzes)
    data = {
        "school": open_geval.school_id,
        "pseudoniem": open_geval.pseudoniem,
        "geboortejaar": open_geval.geboortejaar,
        "type": "relatief",
        "vrijstelling": "",
        "startdatum": open_geval.startdatum.isoformat(),
        "einddatum": "",
        "status": "lopend",
        "trajectbegeleider": collega.pk,
        "versie": formulier["versie"].value(),
    }
    assert c.post(url, data).status_code == 302
    open_geval.refresh_from_db()
    data["versie"] = open_geval.versie
    assert open_geval.trajectbegeleider == collega
    assert open_geval.pk not in set(
        thuiszitters_voor(gebruiker("trajectbegeleider")).values_list("pk", flat=True)
    )
    # Someone who is not a trajectbegeleider of this SWV is refused, next to the field.
    data["trajectbegeleider"] = gebruiker("medewerker").pk
    antwoord = c.post(url, data)
    assert antwoord.status_code == 200
    assert "trajectbegeleider" in antwoord.context["form"].errors
    open_geval.refresh_from_db()
    assert open_geval.trajectbegeleider == collega


def test_trajectbegeleider_van_een_ander_swv_wordt_geweigerd(gebruiker, gevallen):
    from django.core.exceptions import ValidationError

    from kpi import services

    elders = Gebruiker.objects.create_user(
        username="tb-elders", password="x", rol="trajectbegeleider"
    )
    elders.samenwerkingsverbanden.set(
        Samenwerkingsverband.objects.exclude(id=gevallen["open"].swv_id)[:1]
    )
    with pytest.raises(ValidationError) as fout:
        services.thuiszitter_wijzigen(
            thuiszitter=gevallen["open"],
            door=gebruiker("medewerker"),
            versie=gevallen["open"].versie,
            trajectbegeleider=elders,
        )
    assert "trajectbegeleider" in fout.value.message_dict
    gevallen["open"].refresh_from_db()
    assert gevallen["open"].trajectbegeleider is None


def test_school_kiest_geen_trajectbegeleider(als):
    formulier = als("ib-innovo").get(reverse("kpi:thuiszitter-nieuw")).context["form"]
    assert "trajectbegeleider" not in formulier.fields
