"""The knooppunt for the generated step test: the demo knooppunten (PO3106 and PO3104,
both demo besturen) plus one in PO3105 (inside the one-SWV users' scope), their
kernpartners, and overleggen in every state: the demo's (gepland, gehouden, naar_mdo)
and, in PO3105, one gehouden assigned to a trajectbegeleider who is not the demo one and
one gepland unassigned."""

from django.utils import timezone

from knooppunt.models import Kernpartner, Knooppunt, Knooppuntoverleg
from knooppunt.selectors import knooppunten_voor, overleggen_voor
from leerlingen.models import Leerling
from swv.models import Gebruiker, School
from swv.roles import Rol
from tests.beveiliging.onderwerpen import Onderwerp


def _knooppunt_po3105():
    bestaand = Knooppunt.objects.filter(swv__code="PO3105").order_by("pk").first()
    if bestaand is not None:
        return bestaand
    school = (
        School.objects.binnen_swv()
        .filter(swv__code="PO3105", soort="BAO", knooppunt__isnull=True)
        .order_by("vestigingscode")
        .first()
    )
    medewerker = Gebruiker.objects.get(username="medewerker")
    knooppunt = Knooppunt.objects.create(school=school, swv_id=school.swv_id,
                                         aangemaakt_door=medewerker)  # fmt: skip
    Kernpartner.objects.create(knooppunt=knooppunt, rol="jgz", naam="Jeugdarts (stappentest)")
    return knooppunt


def _knooppunten(model):
    _knooppunt_po3105()
    return model.objects.order_by("pk")


def _partners(model):
    _knooppunt_po3105()
    return model.objects.order_by("pk")


def _overleggen(model):
    knooppunt = _knooppunt_po3105()
    if not model.objects.filter(swv=knooppunt.swv).exists():
        ander, _nieuw = Gebruiker.objects.get_or_create(
            username="tb-elders-stappentest", defaults={"rol": Rol.TRAJECTBEGELEIDER}
        )
        medewerker = Gebruiker.objects.get(username="medewerker")
        leerling = Leerling.objects.create(
            swv_id=knooppunt.swv_id, school=knooppunt.school, voornaam="Stap",
            achternaam="Knooppunttest", aangemaakt_door=medewerker,
        )  # fmt: skip
        vandaag = timezone.localdate()
        for status, begeleider in (("gehouden", ander), ("gepland", None)):
            model.objects.create(
                knooppunt=knooppunt, leerling=leerling, swv_id=knooppunt.swv_id,
                school=knooppunt.school, trajectbegeleider=begeleider, datum=vandaag,
                status=status, aangemaakt_door=medewerker,
            )  # fmt: skip
    return model.objects.order_by("pk")


def _knooppunt_zichtbaar(user, knooppunt_id):
    return knooppunten_voor(user).filter(pk=knooppunt_id).exists()


ONDERWERPEN = {
    Knooppunt: Onderwerp(
        zichtbaar=lambda user, obj: _knooppunt_zichtbaar(user, obj.pk), objecten=_knooppunten
    ),
    Kernpartner: Onderwerp(
        zichtbaar=lambda user, obj: _knooppunt_zichtbaar(user, obj.knooppunt_id),
        permissie_op=lambda obj: obj.knooppunt,
        objecten=_partners,
    ),
    Knooppuntoverleg: Onderwerp(
        zichtbaar=lambda user, obj: overleggen_voor(user).filter(pk=obj.pk).exists(),
        objecten=_overleggen,
    ),
}
