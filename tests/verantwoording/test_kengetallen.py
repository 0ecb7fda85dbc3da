"""The kengetallen beside the text boxes are the TLV app's figures for the bestuur and the
school year (real TLV cases, counted by `bestuur_kengetallen`); a submitted report keeps
the figures it was submitted with."""

from dataclasses import dataclass
from datetime import date
from itertools import count

import pytest
from django.urls import reverse

from kpi.verantwoording import bronnen, services
from kpi.verantwoording.models import Ronde, RondeStatus, Verslag
from swv.models import School, Schoolbestuur
from swv.schooljaar import huidig_schooljaar
from tests.factories.verantwoording import open_ronde, vul_compleet
from toelaatbaarheid.kengetallen import bestuur_kengetallen
from toelaatbaarheid.models import Aanvraag, Beschikking, Besluit, Soort, Status, Terugplaatsing

_volgnummer = count(9000)


def _zaak(school, *, soort, besluit, datum, medewerker, teruggeplaatst=None):
    aanvraag = Aanvraag.objects.create(
        swv=school.swv,
        school=school,
        status=Status.TOEGEKEND if besluit == Besluit.TOEGEKEND else Status.AFGEWEZEN,
        voornaam=f"Kind{next(_volgnummer)}",
        achternaam="Test",
        geboortedatum=date(datum.year - 10, 3, 1),
        soort=soort,
        aangemaakt_door=medewerker,
        ontvangen_op=datum,
    )
    Beschikking.objects.create(
        aanvraag=aanvraag,
        swv=school.swv,
        jaar=datum.year,
        volgnummer=next(_volgnummer),
        besluit=besluit,
        soort=soort,
        motivering="Test",
        datum=datum,
        verzonden_op=datum,
        afgegeven_door=medewerker,
    )
    if teruggeplaatst:
        Terugplaatsing.objects.create(
            aanvraag=aanvraag,
            datum=teruggeplaatst,
            knooppunt_op=teruggeplaatst,
            ontvangende_school=school,
            warme_overdracht="Afspraken",
            vastgelegd_door=medewerker,
        )
    return aanvraag


@dataclass(frozen=True)
class TlvZaken:
    bestuur: Schoolbestuur
    jaar: int
    voor: dict[str, int]  # the bestuur's figures in `jaar` before these cases (the demo's)

    def nu(self) -> dict[str, int]:
        return bestuur_kengetallen(schooljaar=self.jaar, bestuur_ids=[self.bestuur.id])[
            self.bestuur.id
        ]

    def erbij(self, sleutel: str) -> int:
        """How many these cases (and later ones) add to the demo's own count."""
        return self.nu()[sleutel] - self.voor[sleutel]


@pytest.fixture
def tlv_zaken(gebruiker):
    """INNOVO in the demo round's school year (the one that ended last): 2 SBO and 1 SO
    granted, 1 refused, 1 returned, on top of whatever the demo's own cases add."""
    jaar = Ronde.objects.get(
        status=RondeStatus.OPEN, samenwerkingsverbanden__code="PO3104"
    ).schooljaar
    medewerker = gebruiker("directeur")
    school = (
        School.objects.filter(bestuur__nummer="41506", soort="BAO", swv__code="PO3106")
        .order_by("vestigingscode")
        .first()
    )
    voor = bestuur_kengetallen(schooljaar=jaar, bestuur_ids=[school.bestuur_id])[school.bestuur_id]
    _zaak(
        school,
        soort=Soort.SBO,
        besluit=Besluit.TOEGEKEND,
        datum=date(jaar, 10, 2),
        medewerker=medewerker,
    )
    _zaak(
        school,
        soort=Soort.SBO,
        besluit=Besluit.TOEGEKEND,
        datum=date(jaar + 1, 7, 31),
        medewerker=medewerker,
    )
    _zaak(
        school,
        soort=Soort.SO,
        besluit=Besluit.TOEGEKEND,
        datum=date(jaar + 1, 2, 12),
        medewerker=medewerker,
        teruggeplaatst=date(jaar + 1, 6, 1),
    )
    _zaak(
        school,
        soort=Soort.SO,
        besluit=Besluit.AFGEWEZEN,
        datum=date(jaar, 11, 20),
        medewerker=medewerker,
    )
    # Outside the school year (31 July belongs to the year before): not counted.
    _zaak(
        school,
        soort=Soort.SBO,
        besluit=Besluit.TOEGEKEND,
        datum=date(jaar, 7, 31),
        medewerker=medewerker,
    )
    return TlvZaken(bestuur=school.bestuur, jaar=jaar, voor=voor)


def _kengetallen_op_pagina(response) -> dict[str, str]:
    import re

    inhoud = response.content.decode()
    return dict(
        re.findall(
            r'<dt class="fw-normal">([^<]+)</dt><dd class="mb-0 fw-semibold num">([^<]+)</dd>',
            inhoud,
        )
    )


def test_kengetallen_naast_de_tekst_zijn_de_tlv_cijfers(als, gebruiker, tlv_zaken):
    erbij = [tlv_zaken.erbij(k) for k in ("toegekend_sbo", "toegekend_so", "afgewezen")]
    assert erbij + [tlv_zaken.erbij("terugplaatsingen")] == [2, 1, 1, 1]
    verwacht = tlv_zaken.nu()
    ronde = Ronde.objects.get(status=RondeStatus.OPEN, samenwerkingsverbanden__code="PO3104")
    assert ronde.schooljaar == tlv_zaken.jaar
    # Movare's concept form of the demo round shows Movare's own figures ...
    movare = Verslag.objects.get(ronde=ronde, bestuur__nummer="41516")
    van_movare = bestuur_kengetallen(schooljaar=ronde.schooljaar, bestuur_ids=[movare.bestuur_id])
    pagina = als("bestuur-movare").get(reverse("verantwoording:verslag-bewerken", args=[movare.pk]))
    movare_sbo = van_movare[movare.bestuur_id]["toegekend_sbo"]
    assert movare_sbo != verwacht["toegekend_sbo"]
    assert _kengetallen_op_pagina(pagina)["toelaatbaar verklaard SBO"] == str(movare_sbo)
    # ... INNOVO's report page shows INNOVO's.
    innovo = Verslag.objects.get(ronde=ronde, bestuur__nummer="41506")
    pagina = als("bestuur-innovo").get(innovo.get_absolute_url())
    inhoud = pagina.content.decode()
    for label, sleutel in [
        ("TLV-aanvragen", "aanvragen"),
        ("toelaatbaar verklaard SBO", "toegekend_sbo"),
        ("toelaatbaar verklaard SO", "toegekend_so"),
        ("afgewezen", "afgewezen"),
        ("terugplaatsingen", "terugplaatsingen"),
    ]:
        assert f'<th scope="row">{label}</th><td class="num">{verwacht[sleutel]}</td>' in inhoud, (
            label
        )


def test_formulier_toont_de_eigen_tlv_cijfers(als, gebruiker, tlv_zaken):
    # A bestuur edits its report in a fresh round of that year; the figures are its TLV figures.
    Ronde.objects.filter(schooljaar=tlv_zaken.jaar).delete()
    ronde = open_ronde(gebruiker("medewerker"), schooljaar=tlv_zaken.jaar, besturen=["41506"])
    verslag = ronde.verslagen.get()
    pagina = als("bestuur-innovo").get(
        reverse("verantwoording:verslag-bewerken", args=[verslag.pk])
    )
    getoond = _kengetallen_op_pagina(pagina)
    voor = tlv_zaken.voor
    assert getoond["toelaatbaar verklaard SBO"] == str(voor["toegekend_sbo"] + 2)
    assert getoond["toelaatbaar verklaard SO"] == str(voor["toegekend_so"] + 1)
    assert getoond["afgewezen"] == str(voor["afgewezen"] + 1)
    assert getoond["terugplaatsingen"] == str(voor["terugplaatsingen"] + 1)


def test_ingediend_verslag_bewaart_de_cijfers_van_het_moment(als, gebruiker, tlv_zaken):
    Ronde.objects.filter(schooljaar=tlv_zaken.jaar).delete()
    ronde = open_ronde(gebruiker("medewerker"), schooljaar=tlv_zaken.jaar, besturen=["41506"])
    verslag = vul_compleet(ronde.verslagen.get(), gebruiker("bestuur-innovo"))
    verslag = services.verslag_indienen(verslag=verslag, gebruiker=gebruiker("bestuur-innovo"))
    bij_indienen = tlv_zaken.voor["toegekend_sbo"] + 2
    assert verslag.kengetallen_bij_indienen["toegekend_sbo"] == bij_indienen
    # A later beschikking (still dated in that school year) does not change what the
    # bestuur reflected on.
    school = School.objects.filter(
        bestuur=tlv_zaken.bestuur, soort="BAO", swv__code="PO3106"
    ).first()
    _zaak(
        school,
        soort=Soort.SBO,
        besluit=Besluit.TOEGEKEND,
        datum=date(tlv_zaken.jaar + 1, 3, 3),
        medewerker=gebruiker("directeur"),
    )
    assert tlv_zaken.erbij("toegekend_sbo") == 3
    inhoud = als("medewerker").get(verslag.get_absolute_url()).content.decode()
    assert "TLV-kengetallen bij indienen" in inhoud
    assert (
        f'<th scope="row">toelaatbaar verklaard SBO</th><td class="num">{bij_indienen}</td>'
        in inhoud
    )


def test_voor_de_eerste_peildatum_zijn_er_nog_geen_thuiszitters(als, gebruiker):
    """A round for a school year whose first peildatum (30 September) has not passed shows
    no thuiszitters count yet; the TLV figures are there (zeros, no cases yet)."""
    ronde = open_ronde(gebruiker("medewerker"), schooljaar=huidig_schooljaar() + 1)
    verslag = ronde.verslagen.get(bestuur__nummer="41516")
    assert (
        bronnen.thuiszitters(schooljaar=ronde.schooljaar, bestuur_ids=[verslag.bestuur_id]) is None
    )
    response = als("bestuur-movare").get(
        reverse("verantwoording:verslag-bewerken", args=[verslag.pk])
    )
    assert response.status_code == 200
    assert response.content.decode().count("nog niet beschikbaar") == 1  # thuiszitters only
    getoond = _kengetallen_op_pagina(response)
    assert getoond["toelaatbaar verklaard SBO"] == "0"
    assert getoond["terugplaatsingen"] == "0"


def test_arrangementen_van_de_route_naast_ankerpunt_3_en_bewaard_bij_indienen(als, gebruiker):
    """Issue 13: the verantwoording prefills the bestuur's arrangementen figures from the
    ondersteuningsroute (kpi.routekengetallen), beside "Specifieke ondersteuning", and a
    submitted report keeps them."""
    import json

    from kpi.routekengetallen import arrangementen_per_besturen

    jaar = huidig_schooljaar()
    Ronde.objects.filter(schooljaar=jaar).delete()
    ronde = open_ronde(gebruiker("medewerker"), schooljaar=jaar, besturen=["41506"])
    verslag = ronde.verslagen.get()
    route = arrangementen_per_besturen(schooljaar=jaar, bestuur_ids=[verslag.bestuur_id])[
        verslag.bestuur_id
    ]
    getallen = bronnen.kengetallen(schooljaar=jaar, bestuur_ids=[verslag.bestuur_id])[
        verslag.bestuur_id
    ]
    assert getallen["arrangementen"] == route["arrangementen"]
    assert getallen["plaatsingen"] == route["plaatsingen"]
    assert getallen["arrangementen_kosten"] == round(route["kosten"])
    json.dumps(getallen)  # kept as JSON with the submitted report
    pagina = als("bestuur-innovo").get(
        reverse("verantwoording:verslag-bewerken", args=[verslag.pk])
    )
    getoond = _kengetallen_op_pagina(pagina)
    assert getoond["individuele arrangementen (gestart)"] == str(route["arrangementen"])
    assert getoond["plaatsingen in een voorziening"] == str(route["plaatsingen"])
    assert getoond["ondersteuningsvragen aan het SWV"] == str(route["vragen"])
    verslag = vul_compleet(verslag, gebruiker("bestuur-innovo"))
    verslag = services.verslag_indienen(verslag=verslag, gebruiker=gebruiker("bestuur-innovo"))
    assert verslag.kengetallen_bij_indienen["arrangementen"] == route["arrangementen"]
