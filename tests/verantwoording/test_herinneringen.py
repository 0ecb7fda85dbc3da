"""Reminder mails before the deadline: 14, 7 and 1 day(s) before, once each, only for
reports not yet submitted, without personal data."""

import io
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from kpi.verantwoording import services
from kpi.verantwoording.models import Herinnering, Ronde, RondeStatus, Verslag
from kpi.verantwoording.services import herinnering_drempel
from tests.factories.verantwoording import vul_compleet

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    "vandaag, deadline, drempel",
    [
        (date(2025, 10, 17), date(2025, 11, 1), None),  # 15 days: too early
        (date(2025, 10, 18), date(2025, 11, 1), 14),
        (date(2025, 10, 20), date(2025, 11, 1), 14),  # a missed run still sends
        (date(2025, 10, 25), date(2025, 11, 1), 7),
        (date(2025, 10, 31), date(2025, 11, 1), 1),
        (date(2025, 11, 1), date(2025, 11, 1), 1),  # the deadline itself
        (date(2025, 11, 2), date(2025, 11, 1), None),  # past
        (date(2024, 2, 28), date(2024, 3, 1), 7),  # leap year: 2 days
        (date(2024, 2, 29), date(2024, 3, 1), 1),
        (date(2025, 12, 31), date(2026, 1, 14), 14),  # across the year end
    ],
)
def test_drempels_op_echte_kalenderdata(vandaag, deadline, drempel):
    assert herinnering_drempel(deadline, vandaag) == drempel


@pytest.fixture
def ronde(gebruiker):
    """The demo round (the open one of PO3104) with the usual deadline of 1 November after
    its school year: a real date in the past, and each test fixes the clock before it."""
    ronde = Ronde.objects.get(status=RondeStatus.OPEN, samenwerkingsverbanden__code="PO3104")
    Ronde.objects.filter(pk=ronde.pk).update(deadline=date(ronde.schooljaar + 1, 11, 1))
    return Ronde.objects.get(pk=ronde.pk)


def _om_zeven(ronde, dagen_voor: int):
    """A fixed (not running) clock at 07:00, `dagen_voor` days before the round's deadline."""
    dag = ronde.deadline - timedelta(days=dagen_voor)
    return time_machine.travel(datetime.combine(dag, time(7, 0), tzinfo=AMS), tick=False)


def test_herinneringen_eenmaal_per_drempel(ronde, gebruiker):
    with _om_zeven(ronde, 14):
        call_command(
            "verantwoording_herinneringen",
            basis_url="https://portaal.example.nl",
            stdout=io.StringIO(),
        )
    # INNOVO's report is accepted: no mail; Movare (concept) gets one, per bestuur user.
    ontvangers = sorted(a for m in mail.outbox for a in m.to)
    assert "bestuur-movare@swv-demo.invalid" in ontvangers
    assert "bestuur-innovo@swv-demo.invalid" not in ontvangers
    bericht = next(m for m in mail.outbox if m.to == ["bestuur-movare@swv-demo.invalid"])
    assert "nog 14 dag(en)" in bericht.subject
    assert ronde.schooljaar_label in bericht.subject
    assert f"01-11-{ronde.schooljaar + 1}" in bericht.body
    movare = Verslag.objects.get(ronde=ronde, bestuur__nummer="41516")
    assert f"https://portaal.example.nl/verantwoording/verslagen/{movare.pk}/" in bericht.body
    # No personal data: no names of users or pupils.
    assert "Tom" not in bericht.body and "Hermans" not in bericht.body
    eerste = len(mail.outbox)
    # Same day again, and the next day: nothing new.
    for dagen_voor in (14, 13):
        with _om_zeven(ronde, dagen_voor):
            assert services.herinneringen_versturen() == 0
    assert len(mail.outbox) == eerste
    with _om_zeven(ronde, 7):
        assert services.herinneringen_versturen() > 0
    assert Herinnering.objects.filter(verslag=movare).count() == 2


def test_ingediend_verslag_krijgt_geen_herinnering(ronde, gebruiker):
    movare = Verslag.objects.get(ronde=ronde, bestuur__nummer="41516")
    vul_compleet(movare, gebruiker("bestuur-movare"))
    services.verslag_indienen(verslag=movare, gebruiker=gebruiker("bestuur-movare"))
    with _om_zeven(ronde, 1):
        services.herinneringen_versturen()
    assert not any("bestuur-movare@swv-demo.invalid" in m.to for m in mail.outbox)


def test_gesloten_ronde_geen_herinneringen(ronde, gebruiker):
    services.ronde_sluiten(ronde=ronde, gebruiker=gebruiker("medewerker"))
    with _om_zeven(ronde, 1):
        assert services.herinneringen_versturen() == 0
    assert mail.outbox == []
