"""Reminder mails before the deadline: 14, 7 and 1 day(s) before, once each, only for
reports not yet submitted, without personal data."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from kpi.verantwoording import services
from kpi.verantwoording.models import Herinnering, Ronde, Verslag
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
    # The demo round's deadline has passed; move it so reminders are due.
    ronde = Ronde.objects.get(schooljaar=2023, samenwerkingsverbanden__code="PO3104")
    Ronde.objects.filter(pk=ronde.pk).update(deadline=date(2025, 11, 1))
    return Ronde.objects.get(pk=ronde.pk)


def test_herinneringen_eenmaal_per_drempel(ronde, gebruiker):
    with time_machine.travel(datetime(2025, 10, 18, 7, 0, tzinfo=AMS), tick=False):
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
    assert "01-11-2025" in bericht.body
    movare = Verslag.objects.get(ronde=ronde, bestuur__nummer="41516")
    assert f"https://portaal.example.nl/verantwoording/verslagen/{movare.pk}/" in bericht.body
    # No personal data: no names of users or pupils.
    assert "Tom" not in bericht.body and "Hermans" not in bericht.body
    eerste = len(mail.outbox)
    # Same day again, and the next day: nothing new.
    for dag in (18, 19):
        with time_machine.travel(datetime(2025, 10, dag, 7, 0, tzinfo=AMS), tick=False):
            assert services.herinneringen_versturen() == 0
    assert len(mail.outbox) == eerste
    with time_machine.travel(datetime(2025, 10, 25, 7, 0, tzinfo=AMS), tick=False):
        assert services.herinneringen_versturen() > 0
    assert Herinnering.objects.filter(verslag=movare).count() == 2


def test_ingediend_verslag_krijgt_geen_herinnering(ronde, gebruiker):
    movare = Verslag.objects.get(ronde=ronde, bestuur__nummer="41516")
    vul_compleet(movare, gebruiker("bestuur-movare"))
    services.verslag_indienen(verslag=movare, gebruiker=gebruiker("bestuur-movare"))
    with time_machine.travel(datetime(2025, 10, 31, 7, 0, tzinfo=AMS), tick=False):
        services.herinneringen_versturen()
    assert not any("bestuur-movare@swv-demo.invalid" in m.to for m in mail.outbox)


def test_gesloten_ronde_geen_herinneringen(ronde, gebruiker):
    services.ronde_sluiten(ronde=ronde, gebruiker=gebruiker("medewerker"))
    with time_machine.travel(datetime(2025, 10, 31, 7, 0, tzinfo=AMS), tick=False):
        assert services.herinneringen_versturen() == 0
    assert mail.outbox == []
