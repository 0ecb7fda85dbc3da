"""Aanmeldingen for the generated step test: the demo ones at the ib-innovo school
(ontvangen, verlengd, past their terms, besloten), plus, added here, one ingetrokken, one
at a PO3105 school (inside the one-SWV users' scope, outside the demo school's and
besturen's) and one assigned to a trajectbegeleider who is not the demo one."""

from swv.models import Gebruiker, School
from tests.beveiliging.onderwerpen import Onderwerp
from zorgplicht.models import Aanmelding
from zorgplicht.selectors import aanmeldingen_voor


def _aanmeldingen(model):
    if model.objects.filter(gevraagde_ondersteuning="stappentest").exists():
        return model.objects.order_by("pk")  # added already (a test may ask twice)
    ander, _nieuw = Gebruiker.objects.get_or_create(
        username="tb-elders-zorgplicht", defaults={"rol": "trajectbegeleider"}
    )
    bron = model.objects.filter(status="ontvangen").order_by("pk").first()
    # A pupil whose aanmelding here is decided: a new open one for them is allowed.
    besloten = model.objects.filter(status="besloten", school=bron.school).order_by("pk").first()
    elders = School.objects.filter(swv__code="PO3105", soort="BAO").order_by("vestigingscode")[0]
    for status, school, leerling, begeleider in (
        ("ingetrokken", bron.school, bron.leerling, None),
        ("ontvangen", elders, bron.leerling, None),
        ("verlengd", bron.school, besloten.leerling, ander),
    ):
        extra = (
            {"verlengd_op": bron.ontvangen_op, "verlenging_weken": 2}
            if status == "verlengd"
            else {}
        )
        model.objects.create(
            swv_id=school.swv_id, school=school, leerling=leerling,
            trajectbegeleider=begeleider, ontvangen_op=bron.ontvangen_op,
            gevraagde_ondersteuning="stappentest", status=status,
            uiterste_beslisdatum=bron.uiterste_beslisdatum, tien_weken_op=bron.tien_weken_op,
            aangemaakt_door=bron.aangemaakt_door, **extra,
        )  # fmt: skip
    return model.objects.order_by("pk")


ONDERWERPEN = {
    Aanmelding: Onderwerp(
        zichtbaar=lambda user, obj: aanmeldingen_voor(user).filter(pk=obj.pk).exists(),
        objecten=_aanmeldingen,
    ),
}
