"""Retention and AVG inzage on real TLV dossiers and thuiszitters (demo data)."""

import io
from datetime import datetime, time, timedelta

from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from kpi.models import Thuiszitter
from swv.models import AuditEvent
from toelaatbaarheid.models import Aanvraag, Beschikking, Bezwaar, Bijlage, Status

# The retention rules run "as of" a peildatum: a day a few weeks from now, so the test
# also shows that what expires by then is anonymised now and dated today.
PEILDATUM = timezone.localdate() + timedelta(days=30)
OUD = PEILDATUM - timedelta(days=4 * 365 + 60)  # more than three years before the peildatum


def _afgesloten(zaak, verzonden):
    Beschikking.objects.filter(aanvraag=zaak).update(verzonden_op=verzonden)
    Aanvraag.objects.filter(pk=zaak.pk).update(
        ingangsdatum=verzonden,
        einddatum=verzonden + timedelta(days=360),
        hele_schoolloopbaan=False,
    )


def _stil():
    return io.StringIO()


def test_expired_dossier_is_anonymised_and_others_stay():
    besloten = list(
        Aanvraag.objects.filter(status__in=[Status.TOEGEKEND, Status.AFGEWEZEN]).order_by("pk")
    )
    assert len(besloten) >= 2
    oud, recent = besloten[0], besloten[1]
    _afgesloten(oud, OUD)
    _afgesloten(recent, PEILDATUM - timedelta(days=400))
    open_zaak = Aanvraag.objects.filter(status=Status.INGEDIEND).first()
    bijlagen = Bijlage.objects.filter(aanvraag=oud).count()

    uit = _stil()
    call_command("bewaartermijnen", "--dry-run", "--peildatum", PEILDATUM.isoformat(), stdout=uit)
    assert oud.nummer in uit.getvalue() and recent.nummer not in uit.getvalue()
    assert Aanvraag.objects.get(pk=oud.pk).geanonimiseerd_op is None  # dry run changed nothing

    call_command("bewaartermijnen", "--peildatum", PEILDATUM.isoformat(), stdout=_stil())
    oud.refresh_from_db()
    assert (oud.voornaam, oud.achternaam, oud.geanonimiseerd_op) == (
        "geanonimiseerd",
        "",
        timezone.localdate(),
    )
    assert oud.geboortedatum.month == 1 and oud.geboortedatum.day == 1
    assert oud.ondersteuningsbehoeften == ""
    assert not Bijlage.objects.filter(aanvraag=oud).exists()
    for b in Beschikking.objects.filter(aanvraag=oud).select_related("pdf", "brief_pdf"):
        assert bytes(b.pdf.inhoud) == b"" and bytes(b.brief_pdf.inhoud) == b""
    # What the kengetallen need survives.
    assert oud.status in (Status.TOEGEKEND, Status.AFGEWEZEN) and oud.school_id
    recent.refresh_from_db()
    assert recent.geanonimiseerd_op is None and recent.achternaam
    open_zaak.refresh_from_db()
    assert open_zaak.geanonimiseerd_op is None
    log = AuditEvent.objects.get(actie="geanonimiseerd", object_id=str(oud.pk))
    assert oud.nummer in log.omschrijving and "TLV-dossiers" in log.omschrijving
    assert bijlagen == 0 or log.details["regel"] == "TLV-dossiers"
    # A second run finds nothing new.
    uit = _stil()
    call_command("bewaartermijnen", "--dry-run", "--peildatum", PEILDATUM.isoformat(), stdout=uit)
    assert oud.nummer not in uit.getvalue()


def test_valid_tlv_and_open_bezwaar_are_kept():
    besloten = list(Aanvraag.objects.filter(status=Status.TOEGEKEND).order_by("pk"))
    geldig, levenslang = besloten[0], besloten[1] if len(besloten) > 1 else besloten[0]
    Beschikking.objects.filter(aanvraag__in=[geldig, levenslang]).update(verzonden_op=OUD)
    Aanvraag.objects.filter(pk=geldig.pk).update(
        einddatum=PEILDATUM + timedelta(days=200), hele_schoolloopbaan=False
    )
    Aanvraag.objects.filter(pk=levenslang.pk).update(einddatum=None, hele_schoolloopbaan=True)
    in_bezwaar = Bezwaar.objects.filter(beslissing="").values_list("aanvraag", flat=True)
    call_command("bewaartermijnen", "--peildatum", PEILDATUM.isoformat(), stdout=_stil())
    assert not Aanvraag.objects.filter(
        pk__in=[geldig.pk, levenslang.pk, *in_bezwaar], geanonimiseerd_op__isnull=False
    ).exists()


def test_resolved_thuiszitters_are_anonymised_after_the_period_counts_stay():
    """After the period a resolved registration loses its pseudonym, birth year and action
    log; the row stays, so the quarterly counts of its years do not change afterwards."""
    from kpi.berekeningen import thuiszitters_op
    from kpi.models import ThuiszitterActie

    lopend = Thuiszitter.objects.filter(einddatum__isnull=True).first()
    opgelost = Thuiszitter.objects.exclude(pk=lopend.pk).first()
    start = OUD - timedelta(days=420)
    Thuiszitter.objects.filter(pk=opgelost.pk).update(
        startdatum=start, einddatum=OUD, status="terug"
    )
    ThuiszitterActie.objects.create(
        thuiszitter=opgelost, datum=start + timedelta(days=28), omschrijving="Gesprek met ouders"
    )
    Thuiszitter.objects.filter(pk=lopend.pk).update(startdatum=start)
    peildatum = [start + timedelta(days=200)]
    voor = thuiszitters_op(peildatum, Thuiszitter.objects.all())
    call_command("bewaartermijnen", "--peildatum", PEILDATUM.isoformat(), stdout=_stil())
    opgelost.refresh_from_db()
    assert (opgelost.pseudoniem, opgelost.geboortejaar) == ("", None)
    assert opgelost.geanonimiseerd_op == timezone.localdate()
    assert not ThuiszitterActie.objects.filter(thuiszitter=opgelost).exists()
    lopend.refresh_from_db()
    assert lopend.pseudoniem and lopend.geanonimiseerd_op is None
    assert thuiszitters_op(peildatum, Thuiszitter.objects.all()) == voor
    assert voor[peildatum[0]]["lang"] >= 2
    assert AuditEvent.objects.filter(
        actie="geanonimiseerd", object_type="kpi.thuiszitter", object_id=str(opgelost.pk)
    ).exists()
    # A second run leaves it alone.
    uit = _stil()
    call_command("bewaartermijnen", "--dry-run", "--peildatum", PEILDATUM.isoformat(), stdout=uit)
    assert f"thuiszitter {opgelost.pk}" not in uit.getvalue()


def test_inzage_gathers_the_whole_tlv_dossier_of_one_pupil(als):
    zaak = Aanvraag.objects.filter(status=Status.TOEGEKEND).order_by("pk").first()
    client = als("privacy")
    als("directeur").get(zaak.get_absolute_url())  # a view that must show up as a recipient
    client = als("privacy")
    antwoord = client.post(
        "/privacy/inzage/",
        {"achternaam": zaak.achternaam, "geboortedatum": zaak.geboortedatum.isoformat()},
    )
    html = antwoord.content.decode()
    for kop in [
        "TLV-aanvragen",
        "Tijdlijn",
        "Deskundigenadviezen",
        "Beschikkingen",
        "Wie heeft het dossier ingezien",
    ]:
        assert kop in html, kop
    assert zaak.nummer in html
    export = client.post(
        "/privacy/inzage/",
        {
            "achternaam": zaak.achternaam,
            "geboortedatum": zaak.geboortedatum.isoformat(),
            "xlsx": "1",
        },
    )
    boek = load_workbook(io.BytesIO(export.content))
    (blad,) = [b for b in boek.worksheets if "TLV-aanvragen" in b.title]
    eerste = [[c.value for c in r] for r in blad.iter_rows()]
    assert eerste[1][0] == zaak.nummer and eerste[1][3] == zaak.achternaam
    kijkers = [[c.value for c in r] for r in boek.worksheets[-1].iter_rows()]
    assert any(r[1] == "directeur" for r in kijkers[1:])


# The ondersteuningsroute's records (issue 13) ---------------------------------------------


def _vraag_besloten_op(vraag, dag):
    from ondersteuning.models import VraagGeschiedenis

    tijd = timezone.make_aware(datetime.combine(dag, time(12)))
    VraagGeschiedenis.objects.filter(vraag=vraag).update(tijdstip=tijd)


def test_route_records_are_anonymised_after_the_tlv_term_and_open_ones_stay():
    """Domain.md gives no term for vragen, arrangementen, plaatsingen, knooppuntoverleggen
    and aanmeldingen: the TLV's applies. Texts about the pupil go; what the figures need
    stays; each record is logged under its rule; a second run finds nothing."""
    from knooppunt.models import Knooppuntoverleg, OverlegGeschiedenis
    from ondersteuning.models import Arrangement, Evaluatie, Ondersteuningsvraag
    from voorzieningen.models import Plaatsing
    from zorgplicht.models import Aanmelding, AanmeldingGeschiedenis

    afgewezen = Ondersteuningsvraag.objects.filter(besluit="afgewezen").order_by("pk").first()
    _vraag_besloten_op(afgewezen, OUD)
    open_vraag = Ondersteuningsvraag.objects.filter(status="ingediend").order_by("pk").first()
    _vraag_besloten_op(open_vraag, OUD)  # old, but open: stays
    beeindigd = Arrangement.objects.filter(status="beeindigd").order_by("pk").first()
    Arrangement.objects.filter(pk=beeindigd.pk).update(
        startdatum=OUD - timedelta(days=100), einddatum=OUD, beeindigd_op=OUD
    )
    lopend = Arrangement.objects.filter(status="lopend").order_by("pk").first()
    overleg = Knooppuntoverleg.objects.filter(status="gehouden").order_by("pk").first()
    Knooppuntoverleg.objects.filter(pk=overleg.pk).update(
        datum=OUD - timedelta(days=50), volgende_evaluatie=OUD
    )
    gepland = Knooppuntoverleg.objects.filter(status="gepland").order_by("pk").first()
    Knooppuntoverleg.objects.filter(pk=gepland.pk).update(datum=OUD)
    aanmelding = Aanmelding.objects.filter(status="besloten").order_by("pk").first()
    AanmeldingGeschiedenis.objects.filter(aanmelding=aanmelding).update(
        tijdstip=timezone.make_aware(datetime.combine(OUD, time(9)))
    )
    plaatsing = Plaatsing.objects.filter(status="geplaatst").order_by("pk").first()
    Plaatsing.objects.filter(pk=plaatsing.pk).update(
        status="beeindigd", startdatum=OUD - timedelta(days=30), einddatum=OUD
    )

    uit = _stil()
    call_command("bewaartermijnen", "--dry-run", "--peildatum", PEILDATUM.isoformat(), stdout=uit)
    lijst = uit.getvalue()
    for obj in (afgewezen, beeindigd, overleg, aanmelding, plaatsing):
        assert obj.nummer in lijst, obj.nummer
    for obj in (open_vraag, lopend, gepland):
        assert obj.nummer not in lijst, obj.nummer
    assert "Demodossier" not in lijst  # labels are numbers, never names

    call_command("bewaartermijnen", "--peildatum", PEILDATUM.isoformat(), stdout=_stil())
    vandaag = timezone.localdate()
    afgewezen.refresh_from_db()
    assert (afgewezen.vraag, afgewezen.niveaus_1_4, afgewezen.zienswijze_ouders) == ("", "", "")
    assert afgewezen.geanonimiseerd_op == vandaag and afgewezen.besluit == "afgewezen"
    assert afgewezen.besluit_reden == "[geanonimiseerd]"
    beeindigd.refresh_from_db()
    assert beeindigd.doelen == "" and beeindigd.reden_einde == ""
    assert beeindigd.kosten > 0 and beeindigd.geanonimiseerd_op == vandaag  # the cost stays
    assert not Evaluatie.objects.filter(arrangement=beeindigd).exclude(toelichting="").exists()
    overleg.refresh_from_db()
    assert (overleg.integraal_beeld, overleg.interventies_onderwijs, overleg.deelnemers) == (
        "", "", "")  # fmt: skip
    assert not OverlegGeschiedenis.objects.filter(overleg=overleg).exclude(toelichting="").exists()
    aanmelding.refresh_from_db()
    assert aanmelding.gevraagde_ondersteuning == "" and aanmelding.uitkomst
    plaatsing.refresh_from_db()
    assert plaatsing.geanonimiseerd_op == vandaag and plaatsing.voorziening_id
    for obj in (open_vraag, lopend, gepland):
        obj.refresh_from_db()
        assert obj.geanonimiseerd_op is None, obj.nummer
    for obj, regel in ((afgewezen, "Ondersteuningsvragen"), (beeindigd, "Arrangementen"),
                       (overleg, "Knooppuntoverleggen"), (aanmelding, "Zorgplicht-aanmeldingen"),
                       (plaatsing, "Plaatsingen in voorzieningen")):  # fmt: skip
        log = AuditEvent.objects.get(
            actie="geanonimiseerd", object_type=obj._meta.label_lower, object_id=str(obj.pk)
        )
        assert log.details["regel"] == regel and obj.nummer in log.omschrijving
    uit = _stil()
    call_command("bewaartermijnen", "--dry-run", "--peildatum", PEILDATUM.isoformat(), stdout=uit)
    for obj in (afgewezen, beeindigd, overleg, aanmelding, plaatsing):
        assert obj.nummer not in uit.getvalue()


def test_a_vraag_waits_for_its_arrangement_and_the_dossier_follows_in_the_same_run():
    """A vraag stays while the arrangement granted on it is kept; once the last record on
    a dossier is anonymised, the dossier goes in the same run (its rule runs last)."""
    from leerlingen.models import Leerling
    from ondersteuning.models import Arrangement, Ondersteuningsvraag

    arrangement = Arrangement.objects.filter(status="lopend", vraag__isnull=False).first()
    _vraag_besloten_op(arrangement.vraag, OUD)
    uit = _stil()
    call_command("bewaartermijnen", "--dry-run", "--peildatum", PEILDATUM.isoformat(), stdout=uit)
    assert arrangement.vraag.nummer not in uit.getvalue()

    bron = Ondersteuningsvraag.objects.filter(besluit="afgewezen").order_by("pk").first()
    oud_moment = timezone.make_aware(datetime.combine(OUD, time(8)))
    dossier = Leerling.objects.create(swv=bron.swv, school=bron.school, voornaam="Bewaar",
                                      achternaam="Proef", geboortedatum=OUD.replace(year=2015),
                                      aangemaakt_op=oud_moment)  # fmt: skip
    Ondersteuningsvraag.objects.filter(pk=bron.pk).update(leerling=dossier)
    _vraag_besloten_op(bron, OUD)
    call_command("bewaartermijnen", "--peildatum", PEILDATUM.isoformat(), stdout=_stil())
    dossier.refresh_from_db()
    assert dossier.geanonimiseerd_op == timezone.localdate() and dossier.achternaam == ""


def test_inzage_holds_the_route_records_of_the_pupil_and_who_read_them(als):
    """AVG art. 15: the page and the Excel export hold the pupil's vragen (with
    attachments), arrangementen with evaluations, placements, knooppuntoverleggen and
    aanmeldingen, and who viewed them."""
    from leerlingen.models import Leerling
    from ondersteuning.models import Arrangement, Ondersteuningsvraag

    noor = Leerling.objects.get(voornaam="Noor", achternaam="Demodossier")
    vraag = Ondersteuningsvraag.objects.filter(leerling=noor).order_by("pk").first()
    arrangement = Arrangement.objects.filter(leerling=noor).order_by("pk").first()
    assert als("directeur").get(vraag.get_absolute_url()).status_code == 200
    client = als("privacy")
    data = {"achternaam": noor.achternaam, "geboortedatum": noor.geboortedatum.isoformat(),
            "voornaam": noor.voornaam}  # fmt: skip
    html = client.post("/privacy/inzage/", data).content.decode()
    for kop in ("Ondersteuningsvragen", "Arrangementen: evaluaties", "Plaatsingen in voorzieningen",
                "Knooppuntoverleggen", "Wie heeft de vragen en arrangementen ingezien"):  # fmt: skip
        assert kop in html, kop
    assert vraag.nummer in html and arrangement.nummer in html
    boek = load_workbook(io.BytesIO(client.post("/privacy/inzage/", {**data, "xlsx": "1"}).content))
    (blad,) = [b for b in boek.worksheets if b.title == "Ondersteuningsvragen"]
    rijen = [[c.value for c in r] for r in blad.iter_rows()]
    assert any(r[0] == vraag.nummer and r[6] == vraag.vraag for r in rijen[1:])
    (kijkers,) = [b for b in boek.worksheets if b.title.startswith("Wie heeft de vragen")]
    assert any(r[1] == "directeur" and r[3] == "bekeken" for r in kijkers.values)


def test_inzage_of_an_officer_of_one_swv_shows_no_route_records_of_another():
    """Scoped as every read: an officer of PO3104 finds Ties' and Lina's route records
    (PO3104), never Noor's (another SWV), and the export holds none of hers."""
    from leerlingen.models import Leerling
    from ondersteuning.models import Ondersteuningsvraag
    from swv import inzage
    from tests.beveiliging.beperkt import SWV_CODE, beperkte_gebruiker

    officier = beperkte_gebruiker("privacy")
    for dossier in Leerling.objects.filter(achternaam="Demodossier"):
        onderdelen = inzage.verzamelen(user=officier, achternaam=dossier.achternaam,
                                       geboortedatum=dossier.geboortedatum,
                                       voornaam=dossier.voornaam)  # fmt: skip
        cellen = {str(w) for o in onderdelen for rij in o.rijen for w in rij}
        nummers = Ondersteuningsvraag.objects.filter(leerling=dossier).values_list("pk", flat=True)
        eigen = dossier.swv.code == SWV_CODE
        for vraag in Ondersteuningsvraag.objects.filter(pk__in=nummers):
            assert (vraag.nummer in cellen) is eigen, (vraag.nummer, dossier.swv.code)
        if not eigen:
            assert not any(o.titel.startswith(("Ondersteuningsvragen", "Arrangementen",
                                                "Knooppunt", "Plaatsingen", "Zorgplicht"))
                           for o in onderdelen)  # fmt: skip


def test_inzage_toont_het_verloop_van_de_routerecords(gebruiker):
    """Each route record's status history is in the inzage, by record number (one
    mechanism for all: swv.inzage.verloop)."""
    from voorzieningen import privacy as vprivacy
    from voorzieningen.models import Plaatsing, PlaatsingGeschiedenis

    plaatsing = Plaatsing.objects.filter(historie__isnull=False).select_related("leerling").first()
    assert plaatsing is not None, "de demo heeft een plaatsing met verloop"
    leerling = plaatsing.leerling
    onderdelen = vprivacy.inzage(
        user=gebruiker("privacy"),
        achternaam=leerling.achternaam,
        geboortedatum=leerling.geboortedatum,
        voornaam=leerling.voornaam,
    )
    verloop = next(o for o in onderdelen if o.titel == "Plaatsingen: verloop")
    eigen = [r for r in verloop.rijen if r[0] == plaatsing.nummer]
    assert len(eigen) == PlaatsingGeschiedenis.objects.filter(plaatsing=plaatsing).count() > 0
    assert verloop.kolommen[:2] == ["plaatsing", "tijdstip"]
