"""The demo tells the time of the day it is loaded. Loaded on two different simulated days
(a fresh load each time, and a reload on a later day), every date is believable on that
day: the current plan's period contains it, the next plan is due at the inspectie later,
the open verantwoording round's deadline is ahead, TLV terms are ahead except the one case
that is overdue on purpose, and every pupil is of primary-school age. Nothing on anyone's
home page is overdue except that case.

The session's demo was loaded on today's date (or the --klok date); these tests wipe what
the demo dates and load it again inside their own transaction, which is rolled back."""

import os
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from kpi.models import Meting, Thuiszitter
from kpi.verantwoording.models import Ronde, RondeStatus, Verslag
from ondersteuningsplan.demo import TITEL_CONCEPT, TITEL_HUIDIG, TITEL_ZL
from ondersteuningsplan.models import Ondersteuningsplan, OprBesluit, PlanStatus
from swv.aandacht import punten_voor
from swv.models import Gebruiker
from swv.schooljaar import schooljaar_periode, schooljaar_van
from tests.conftest import DEMO_ACCOUNTS
from toelaatbaarheid import selectors
from toelaatbaarheid import termijnen as t
from toelaatbaarheid.models import (
    Aanvraag,
    Beschikking,
    Bezwaar,
    Deskundigenadvies,
    Status,
    Terugplaatsing,
)

AMS = ZoneInfo("Europe/Amsterdam")
# A Tuesday in the first half of a school year and a Monday in its second half.
DAGEN = [datetime(2026, 12, 1, 10, 30, tzinfo=AMS), datetime(2028, 3, 20, 9, 15, tzinfo=AMS)]


def _wissen():
    """Remove everything the demo dates (TLV cases, plans with their KPIs and metingen,
    thuiszitters, verantwoording rounds); organisations and accounts stay. The demo modules'
    own wissen() first (the knooppunt overleggen point to TLV cases)."""
    from knooppunt import demo as knooppunt_demo

    knooppunt_demo.wissen()
    Bezwaar.objects.all().delete()
    Terugplaatsing.objects.all().delete()
    Beschikking.objects.all().delete()
    Aanvraag.objects.filter(vorige__isnull=False).delete()
    Aanvraag.objects.all().delete()
    OprBesluit.objects.all().delete()
    Ondersteuningsplan.objects.all().delete()
    Thuiszitter.objects.all().delete()
    Ronde.objects.all().delete()


@pytest.fixture
def laden(settings, monkeypatch):
    """Load the demo (on the clock of the moment); `vers`: wipe what it dates first."""
    from swv import demo as swv_demo
    from toelaatbaarheid import reports

    settings.DEMO_MODE = True
    # Not what these tests are about, and slow: the DUO import (undated, loaded for the
    # session) and rendering the beschikking PDFs.
    monkeypatch.setattr(swv_demo, "laad", lambda stdout=None: None)
    monkeypatch.setattr(reports, "beschikking_pdf", lambda b: b"%PDF-1.7 beschikking")
    monkeypatch.setattr(reports, "brief_pdf", lambda b: b"%PDF-1.7 brief")

    def _laden(*, vers):
        if vers:
            _wissen()
        with open(os.devnull, "w") as stil:
            call_command("load_demo", stdout=stil)

    return _laden


def _op(moment):
    """The clock on `moment`, running from there."""
    return time_machine.travel(moment, tick=True)


def _periode(plan) -> tuple[date, date]:
    return schooljaar_periode(plan.startjaar)[0], schooljaar_periode(plan.eindjaar)[1]


def _plannen_kloppen(vandaag):
    vorig = Ondersteuningsplan.objects.get(titel=TITEL_ZL)
    huidig = Ondersteuningsplan.objects.get(titel=TITEL_HUIDIG)
    concept = Ondersteuningsplan.objects.get(titel=TITEL_CONCEPT)
    # Three consecutive periods of four school years; the current one contains today.
    begin, einde = _periode(huidig)
    assert begin <= vandaag <= einde, huidig.periode
    assert [len(p.schooljaren) for p in (vorig, huidig, concept)] == [4, 4, 4]
    assert vorig.eindjaar + 1 == huidig.startjaar and huidig.eindjaar + 1 == concept.startjaar
    # The adopted plans went to the inspectie on time; the next one is still due.
    for plan in (vorig, huidig):
        assert plan.status == PlanStatus.GEPUBLICEERD
        assert plan.vastgesteld_op <= plan.naar_inspectie_op <= plan.inspectie_uiterlijk
        assert plan.naar_inspectie_op <= plan.gepubliceerd_op < vandaag
    assert concept.status == PlanStatus.TER_INSTEMMING
    assert concept.inspectie_uiterlijk >= vandaag and concept.vastgesteld_op is None
    # Everything recorded on them happened before today.
    nu = timezone.now()
    for plan in (vorig, huidig, concept):
        assert all(o.tijdstip < nu for o in plan.overgangen.all())
        assert all(v.aangemaakt_op < nu for v in plan.versies.all())
        assert all(o.datum < vandaag for o in plan.oogo.all())
        assert all(b.datum < vandaag for b in plan.opr_besluiten.all())
        for o in plan.opmerkingen.all():
            assert o.geplaatst_op < nu and (o.beantwoord_op is None or o.beantwoord_op < nu)
    assert concept.opmerkingen.filter(antwoord="").count() == 2
    return huidig, concept


def _metingen_kloppen(vandaag, huidig, concept):
    over = [j for j in huidig.schooljaren if j < schooljaar_van(vandaag)]
    assert len(over) in (2, 3)
    gemeten = set(
        Meting.objects.filter(kpi__speerpunt__plan=huidig).values_list("schooljaar", flat=True)
    )
    assert gemeten == set(over)  # every school year that is over, none that is not
    assert not Meting.objects.filter(kpi__speerpunt__plan=concept).exists()


def _ronde_klopt(vandaag):
    nu = timezone.now()
    open_ = Ronde.objects.filter(status=RondeStatus.OPEN, samenwerkingsverbanden__code="PO3104")
    assert open_.count() == 1
    ronde = open_.get()
    # Over the school year that ended last, with its deadline ahead.
    assert schooljaar_periode(ronde.schooljaar)[1] < vandaag
    assert vandaag <= schooljaar_periode(ronde.schooljaar + 1)[1]
    assert ronde.deadline > vandaag and ronde.aangemaakt_op <= ronde.geopend_op < nu
    for verslag in Verslag.objects.filter(ronde=ronde):
        for moment in (verslag.bijgewerkt_op, verslag.ingediend_op, verslag.beoordeeld_op):
            assert moment is None or ronde.geopend_op < moment < nu
    assert not Ronde.objects.filter(schooljaar__gte=ronde.schooljaar + 1).exists()
    eerder = Ronde.objects.filter(schooljaar__lt=ronde.schooljaar)
    assert all(r.status == RondeStatus.GESLOTEN for r in eerder)
    return ronde


def _leeftijd(geboren: date, op: date) -> int:
    return op.year - geboren.year - ((op.month, op.day) < (geboren.month, geboren.day))


def _zaken():
    return Aanvraag.objects.select_related("swv").prefetch_related(
        Prefetch("adviezen", queryset=Deskundigenadvies.objects.select_related("deskundige")),
        "bezwaren",
        "beschikkingen",
        "historie",
        "terugplaatsing",
    )


def _tlv_klopt(vandaag) -> Aanvraag:
    """Every case's dates lie before today and its terms ahead, except exactly one case,
    received more than eight weeks ago and still not decided, on purpose. Returns it."""
    gelijk = t.gelijkgestelde_dagen()
    nu = timezone.now()
    te_laat = []
    zaken = list(_zaken())
    assert {z.status for z in zaken} == set(Status.values)
    for zaak in zaken:
        # Primary-school age, and in a groep that fits it.
        assert 4 <= _leeftijd(zaak.geboortedatum, vandaag) <= 13, zaak.voornaam
        assert zaak.groep is None or 1 <= zaak.groep <= 8
        assert zaak.aangemaakt_op < nu and all(h.tijdstip <= nu for h in zaak.historie.all())
        assert zaak.ontvangen_op is None or zaak.ontvangen_op < vandaag
        assert all(a.gevraagd_op <= vandaag for a in zaak.adviezen.all())
        assert all(
            a.datum is None or a.gevraagd_op <= a.datum < vandaag for a in zaak.adviezen.all()
        )
        for b in zaak.beschikkingen.all():
            assert b.datum == b.verzonden_op < vandaag and b.jaar == b.datum.year
        for bezwaar in zaak.bezwaren.all():
            assert bezwaar.tijdig and bezwaar.ontvangen_op <= vandaag
        if zaak.status == Status.TOEGEKEND:
            assert zaak.ingangsdatum <= vandaag <= zaak.einddatum  # a TLV running now
        termijnen = selectors.termijnen_van(
            zaak, gelijkgesteld=gelijk, instellingen=selectors.instellingen_voor(zaak.swv_id)
        )
        if any(tm.te_laat(vandaag) for tm in termijnen):
            te_laat.append(zaak)
    assert len(te_laat) == 1, [z.voornaam for z in te_laat]
    zaak = te_laat[0]
    assert zaak.status == Status.INGEDIEND
    assert (vandaag - zaak.ontvangen_op).days > 8 * 7  # clearly past the beslistermijn
    return zaak


def _thuiszitters_kloppen(vandaag):
    demo = Thuiszitter.objects.filter(pseudoniem__endswith="(demo)").prefetch_related("acties_log")
    assert demo.count() == 11
    for tz in demo:
        assert 4 <= vandaag.year - tz.geboortejaar <= 13, tz.pseudoniem
        assert tz.startdatum < vandaag and (tz.einddatum is None or tz.einddatum < vandaag)
        assert tz.startdatum >= date(tz.geboortejaar + 4, 8, 1)  # at school by then
        assert all(a.datum <= vandaag for a in tz.acties_log.all())


def _niets_over_tijd_op_de_home_pagina(client, vandaag, te_laat: Aanvraag):
    """No deadline on anyone's home page has passed, except the overdue case's and the two
    aanmeldingen the zorgplicht demo shows past their term (6 and 10 weeks)."""
    from zorgplicht.models import Aanmelding

    open_aanmeldingen = Aanmelding.objects.filter(status__in=["ontvangen", "verlengd"])
    laat = {a.get_absolute_url() for a in open_aanmeldingen if a.uiterste_beslisdatum < vandaag}
    assert len(laat) == 2, laat
    for naam in DEMO_ACCOUNTS:
        for punt in punten_voor(Gebruiker.objects.get(username=naam)):
            if punt.url == te_laat.get_absolute_url() or punt.url in laat:
                continue
            assert not punt.te_laat and (punt.datum is None or punt.datum >= vandaag), (
                naam,
                punt,
            )
    # The staff member's page, as the issue saw it: the plan's deadline is ahead.
    from tests.helpers import inloggen

    medewerker = Gebruiker.objects.get(username="medewerker")
    html = inloggen(client, medewerker).get(reverse("home")).content.decode()
    assert "Wat vraagt uw aandacht" in html
    assert "Ondersteuningsplan naar de inspectie" in html
    assert "verlopen op" not in html
    inspectie = [
        p for p in punten_voor(medewerker) if p.titel == "Ondersteuningsplan naar de inspectie"
    ]
    assert [p.datum >= vandaag for p in inspectie] == [True]


def _alles_klopt(client):
    vandaag = timezone.localdate()
    huidig, concept = _plannen_kloppen(vandaag)
    _metingen_kloppen(vandaag, huidig, concept)
    _ronde_klopt(vandaag)
    te_laat = _tlv_klopt(vandaag)
    _thuiszitters_kloppen(vandaag)
    _niets_over_tijd_op_de_home_pagina(client, vandaag, te_laat)


@pytest.mark.parametrize("moment", DAGEN, ids=lambda m: m.date().isoformat())
def test_vers_geladen_demo_klopt_op_die_dag(laden, client, moment):
    with _op(moment):
        laden(vers=True)
        _alles_klopt(client)


def _momentopname():
    def rijen(qs, *velden):
        return list(qs.order_by(*velden).values_list(*velden))

    return (
        rijen(Aanvraag.objects, "pk", "status", "geboortedatum", "ontvangen_op", "aangemaakt_op"),
        rijen(Beschikking.objects, "pk", "jaar", "volgnummer", "datum"),
        rijen(Ondersteuningsplan.objects, "pk", "titel", "startjaar", "status", "gepubliceerd_op"),
        rijen(Meting.objects, "pk", "kpi_id", "schooljaar", "waarde"),
        rijen(Thuiszitter.objects, "pk", "geboortejaar", "startdatum", "einddatum"),
        rijen(Ronde.objects, "pk", "schooljaar", "status", "deadline", "geopend_op"),
        rijen(Verslag.objects, "pk", "status", "ingediend_op", "bijgewerkt_op"),
    )


def test_opnieuw_laden_is_gelijk_op_dezelfde_dag_en_schuift_mee_op_een_latere(laden, client):
    eerste, later = DAGEN
    with _op(eerste):
        laden(vers=True)
        voor = _momentopname()
    # The same day, later on: nothing changes, not even a case rebuilt.
    with _op(datetime.combine(eerste.date(), time(16, 45), tzinfo=AMS)):
        laden(vers=False)
        assert _momentopname() == voor
    # A later day on the same database: the demo moves on to that day; the round of the
    # earlier day is closed.
    with _op(later):
        laden(vers=False)
        _alles_klopt(client)
        assert Ronde.objects.filter(status=RondeStatus.GESLOTEN).count() == 1
