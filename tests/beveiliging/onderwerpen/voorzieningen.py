"""Voorzieningen for the generated step test: the demo voorzieningen (three SWVs; the
one-SWV users work in PO3105 only) and the demo placements (waiting list and placed, in
three SWVs, both demo besturen), plus an ended and a lapsed placement and one waiting
placement assigned to a trajectbegeleider who is not the demo one."""

from django.utils import timezone

from swv.models import Gebruiker
from swv.roles import Rol
from tests.beveiliging.onderwerpen import Onderwerp
from voorzieningen.models import Plaatsing, Voorziening
from voorzieningen.selectors import plaatsingen_voor, voorzieningen_voor


def _plaatsingen(model):
    ander, _nieuw = Gebruiker.objects.get_or_create(
        username="tb-elders-stappentest", defaults={"rol": Rol.TRAJECTBEGELEIDER}
    )
    if model.objects.filter(trajectbegeleider=ander).exists():
        return model.objects.order_by("pk")  # called again in the same test: added already
    bron = model.objects.filter(status="wachtlijst").order_by("pk").first()
    andere_vz = (
        Voorziening.objects.filter(swv_id=bron.swv_id).exclude(pk=bron.voorziening_id).first()
    )
    vandaag = timezone.localdate()
    gemeen = {
        "leerling_id": bron.leerling_id, "besluit_id": bron.besluit_id, "swv_id": bron.swv_id,
        "school_id": bron.school_id, "aangemaakt_door_id": bron.aangemaakt_door_id,
    }  # fmt: skip
    for status, begeleider, vz in (
        ("beeindigd", None, bron.voorziening), ("vervallen", None, bron.voorziening),
        ("wachtlijst", ander, andere_vz),
    ):  # fmt: skip
        geplaatst = status == "beeindigd"
        model.objects.create(
            **gemeen, voorziening=vz, status=status, trajectbegeleider=begeleider,
            startdatum=vandaag if geplaatst else None, einddatum=vandaag if geplaatst else None,
        )  # fmt: skip
    return model.objects.order_by("pk")


ONDERWERPEN = {
    Voorziening: Onderwerp(
        zichtbaar=lambda user, obj: voorzieningen_voor(user).filter(pk=obj.pk).exists(),
    ),
    Plaatsing: Onderwerp(
        zichtbaar=lambda user, obj: plaatsingen_voor(user).filter(pk=obj.pk).exists(),
        objecten=_plaatsingen,
    ),
}
