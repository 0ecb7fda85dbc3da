"""The loket and voorzieningen demos move with the date (as the knooppunt and zorgplicht
demos do): loaded on any day, a year apart, the loket has an upcoming meeting with vragen
on its agenda and open vragen waiting, and the voorzieningen have a waiting list; loading
again on the same day changes nothing."""

import io
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from ondersteuning.models import OPEN_STATUSSEN, Arrangement, Loketoverleg, Ondersteuningsvraag
from voorzieningen.models import Plaatsing

pytestmark = pytest.mark.django_db


def _stand(vandaag):
    demo = Ondersteuningsvraag.objects.filter(leerling__achternaam="Demodossier")
    return {
        "komend overleg met agenda": Loketoverleg.objects.filter(
            status="gepland", datum__gt=vandaag, vragen__status="geagendeerd"
        ).exists(),
        # Open and filed around this day, not a year before.
        "open vragen": demo.filter(
            status__in=OPEN_STATUSSEN, aangemaakt_op__date=vandaag
        ).count(),
        "wachtlijst": Plaatsing.objects.filter(
            status="wachtlijst", leerling__achternaam="Demodossier", aangemeld_op=vandaag
        ).count(),
        "lopend arrangement": Arrangement.objects.filter(
            leerling__achternaam="Demodossier", status="lopend", startdatum__lte=vandaag,
            einddatum__gte=vandaag,
        ).exists(),
    }  # fmt: skip


def test_demo_shows_open_items_on_two_days_a_year_apart():
    eerste = timezone.localdate() + timedelta(days=20)
    for dag in (eerste, eerste + timedelta(days=365)):
        moment = timezone.make_aware(datetime.combine(dag, time(10, 0)))
        with time_machine.travel(moment, tick=False):
            call_command("load_demo", stdout=io.StringIO())
            stand = _stand(dag)
            assert stand["komend overleg met agenda"], dag
            assert stand["open vragen"] >= 3, (dag, stand)
            assert stand["wachtlijst"] == 2, (dag, stand)
            assert stand["lopend arrangement"], dag
            aantallen = (Ondersteuningsvraag.objects.count(), Plaatsing.objects.count(),
                         Loketoverleg.objects.count(), Arrangement.objects.count())  # fmt: skip
            # The same day again: nothing added, nothing moved.
            call_command("load_demo", stdout=io.StringIO())
            assert (Ondersteuningsvraag.objects.count(), Plaatsing.objects.count(),
                    Loketoverleg.objects.count(), Arrangement.objects.count()) == aantallen  # fmt: skip
