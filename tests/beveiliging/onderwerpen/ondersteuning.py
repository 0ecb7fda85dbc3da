"""The ondersteuningsroute for the generated step test: the demo vragen (every state but
ingetrokken, which is added here, in three SWVs and both demo besturen), one assigned to
a trajectbegeleider who is not the demo one, and loket meetings gepland, gehouden (added
here, in PO3104) and afgerond; the demo arrangementen (lopend, beeindigd, verlengd, in two
SWVs and both demo besturen) plus, added here, a running one in PO3104 and one assigned to
another trajectbegeleider."""

from decimal import Decimal

from django.utils import timezone

from ondersteuning.models import Arrangement, Loketoverleg, Ondersteuningsvraag
from ondersteuning.selectors import arrangementen_voor, loketoverleggen_voor, vragen_voor
from swv.models import Gebruiker
from swv.roles import Rol
from tests.beveiliging.onderwerpen import Onderwerp


def _vragen(model):
    ander, _nieuw = Gebruiker.objects.get_or_create(
        username="tb-elders-stappentest", defaults={"rol": Rol.TRAJECTBEGELEIDER}
    )
    bron = model.objects.filter(status="ingediend").order_by("pk").first()
    for status, begeleider in (("ingetrokken", None), ("ingediend", ander)):
        model.objects.create(
            leerling=bron.leerling, swv_id=bron.swv_id, school_id=bron.school_id,
            soort=bron.soort, vraag="stappentest", status=status,
            trajectbegeleider=begeleider, aangemaakt_door=bron.aangemaakt_door,
        )  # fmt: skip
    return model.objects.order_by("pk")


def _overleggen(model):
    if not model.objects.filter(status="gehouden").exists():
        medewerker = Gebruiker.objects.get(username="medewerker")
        swv = medewerker.samenwerkingsverbanden.get(code="PO3104")
        model.objects.create(swv=swv, datum=timezone.localdate(), status="gehouden",
                             aangemaakt_door=medewerker)  # fmt: skip
    return model.objects.order_by("pk")


def _arrangementen(model):
    ander, _nieuw = Gebruiker.objects.get_or_create(
        username="tb-elders-stappentest", defaults={"rol": Rol.TRAJECTBEGELEIDER}
    )
    medewerker = Gebruiker.objects.get(username="medewerker")
    bron = model.objects.filter(status="lopend").order_by("pk").first()
    elders = Ondersteuningsvraag.objects.filter(swv__code="PO3104").order_by("pk").first()
    vandaag = timezone.localdate()
    for vraag, begeleider in ((bron.vraag, ander), (elders, None)):
        model.objects.create(
            leerling=vraag.leerling, swv_id=vraag.swv_id, school_id=vraag.school_id,
            vraag=vraag, doelen="stappentest", budget=Decimal("100"), kosten=Decimal("100"),
            startdatum=vandaag, einddatum=vandaag, trajectbegeleider=begeleider,
            besloten_door=medewerker,
        )  # fmt: skip
    return model.objects.order_by("pk")


ONDERWERPEN = {
    Ondersteuningsvraag: Onderwerp(
        zichtbaar=lambda user, obj: vragen_voor(user).filter(pk=obj.pk).exists(),
        objecten=_vragen,
    ),
    Arrangement: Onderwerp(
        zichtbaar=lambda user, obj: arrangementen_voor(user).filter(pk=obj.pk).exists(),
        objecten=_arrangementen,
    ),
    Loketoverleg: Onderwerp(
        zichtbaar=lambda user, obj: loketoverleggen_voor(user).filter(pk=obj.pk).exists(),
        objecten=_overleggen,
    ),
}
