"""Retention and AVG inzage on real TLV dossiers and thuiszitters (demo data)."""

import io
from datetime import timedelta

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
