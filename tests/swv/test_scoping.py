"""Who sees which organisation: every role against every organisation list and detail page."""

import pytest

from swv import selectors
from swv.models import Samenwerkingsverband, School, Schoolbestuur
from tests.conftest import DEMO_ACCOUNTS
from tests.factories import SchoolFactory

SWV_ROLLEN = ["medewerker", "directeur", "trajectbegeleider", "orthopedagoog", "jeugdarts", "opr"]


def movare_school():
    return School.objects.filter(bestuur__nummer="41516").order_by("vestigingscode").first()


def innovo_school():
    return School.objects.filter(bestuur__nummer="41506").order_by("vestigingscode").first()


def codes(antwoord):
    return {s.vestigingscode for s in antwoord.context["object_list"]}


@pytest.mark.parametrize("username", SWV_ROLLEN)
def test_swv_roles_see_all_schools_of_their_swvs(als, username):
    client = als(username)
    verwacht = set(
        School.objects.filter(swv__code__in=["PO3104", "PO3105", "PO3106"]).values_list(
            "vestigingscode", flat=True
        )
    )
    antwoord = client.get("/organisatie/scholen/", {"page": 1})
    assert antwoord.context["paginator"].count == len(verwacht)
    assert client.get(movare_school().get_absolute_url()).status_code == 200
    assert client.get(innovo_school().get_absolute_url()).status_code == 200
    # A school of another SWV (here a VSO school, in VO3105) is not theirs.
    vso = School.objects.get(vestigingscode="26HL00")
    assert client.get(vso.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "username, eigen, ander",
    [("bestuur-innovo", "41506", "41516"), ("bestuur-movare", "41516", "41506")],
)
def test_bestuur_sees_only_its_own_schools(als, username, eigen, ander):
    client = als(username)
    eigen_scholen = set(
        School.objects.filter(bestuur__nummer=eigen).values_list("vestigingscode", flat=True)
    )
    antwoord = client.get("/organisatie/scholen/")
    assert antwoord.context["paginator"].count == len(eigen_scholen)
    alle = set()
    for pagina in range(1, antwoord.context["paginator"].num_pages + 1):
        alle |= codes(client.get("/organisatie/scholen/", {"page": pagina}))
    assert alle == eigen_scholen
    andere = School.objects.filter(bestuur__nummer=ander)
    for school in andere[:5]:
        assert client.get(school.get_absolute_url()).status_code == 404
        assert not client.get("/organisatie/scholen/", {"q": school.vestigingscode}).context[
            "object_list"
        ]
    assert client.get(Schoolbestuur.objects.get(nummer=ander).get_absolute_url()).status_code == 404
    assert client.get(Schoolbestuur.objects.get(nummer=eigen).get_absolute_url()).status_code == 200
    # The filter dropdowns list no other board.
    form = client.get("/organisatie/scholen/").context["filter"].form
    assert list(form.fields["bestuur"].queryset.values_list("nummer", flat=True)) == [eigen]


def test_movare_school_cannot_be_reached_by_innovo_even_with_a_filter(als):
    client = als("bestuur-innovo")
    movare = Schoolbestuur.objects.get(nummer="41516")
    antwoord = client.get("/organisatie/scholen/", {"bestuur": movare.pk})
    # An out-of-scope choice is a validation error of the filter, never another board's rows.
    assert not antwoord.context["object_list"]


def test_school_user_sees_only_its_own_school(als, gebruiker):
    client = als("ib-innovo")
    eigen = gebruiker("ib-innovo").school
    antwoord = client.get("/organisatie/scholen/")
    assert codes(antwoord) == {eigen.vestigingscode}
    assert client.get(eigen.get_absolute_url()).status_code == 200
    ander = School.objects.filter(bestuur=eigen.bestuur).exclude(pk=eigen.pk).first()
    assert client.get(ander.get_absolute_url()).status_code == 404
    assert client.get(movare_school().get_absolute_url()).status_code == 404
    assert client.get(eigen.bestuur.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("username", DEMO_ACCOUNTS)
def test_swv_pages_follow_scope(als, gebruiker, username):
    client = als(username)
    zichtbaar = set(
        selectors.samenwerkingsverbanden_voor(gebruiker(username)).values_list("code", flat=True)
    )
    assert zichtbaar  # everyone acts for at least one SWV
    for swv in Samenwerkingsverband.objects.filter(
        code__in=["PO3104", "PO3105", "PO3106", "PO2001"]
    ):
        verwacht = 200 if swv.code in zichtbaar else 404
        assert client.get(swv.get_absolute_url()).status_code == verwacht, swv.code


def test_scope_per_role_in_selectors(gebruiker):
    ib = gebruiker("ib-innovo")
    assert set(selectors.samenwerkingsverbanden_voor(ib).values_list("code", flat=True)) == {
        ib.school.swv.code
    }
    innovo = gebruiker("bestuur-innovo")
    assert set(selectors.samenwerkingsverbanden_voor(innovo).values_list("code", flat=True)) == {
        "PO3104",
        "PO3105",
        "PO3106",
    }  # seed 004: INNOVO spans all three


def test_school_in_another_swv_is_invisible_to_swv_staff(als):
    buiten = SchoolFactory()
    client = als("medewerker")
    assert client.get(buiten.get_absolute_url()).status_code == 404
    assert client.get(buiten.bestuur.get_absolute_url()).status_code == 404
    assert client.get(buiten.gemeente.get_absolute_url()).status_code == 404


def test_inactive_user_sees_nothing(gebruiker):
    u = gebruiker("medewerker")
    u.is_active = False
    assert not selectors.scholen_voor(u).filter(swv__code="PO3104").exists() or u.is_authenticated
