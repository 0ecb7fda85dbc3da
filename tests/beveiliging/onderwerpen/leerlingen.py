"""The leerlingdossiers for the generated step test: the demo dossiers (three SWVs, both
demo besturen), one assigned to another trajectbegeleider, and consents not withdrawn."""

from leerlingen.models import Leerling, Toestemming
from leerlingen.selectors import leerlingen_voor
from swv.models import Gebruiker
from swv.roles import Rol
from tests.beveiliging.onderwerpen import Onderwerp


def _dossiers(model):
    # A dossier assigned to a trajectbegeleider who is not the demo one: only SWV staff
    # and that person see it (the demo one sees unassigned and own dossiers).
    ander, _nieuw = Gebruiker.objects.get_or_create(
        username="tb-elders-stappentest", defaults={"rol": Rol.TRAJECTBEGELEIDER}
    )
    eerste = model.objects.order_by("pk").first()
    model.objects.filter(pk=eerste.pk).update(trajectbegeleider=ander)
    return model.objects.order_by("pk")


def _zichtbaar(user, leerling_id):
    return leerlingen_voor(user).filter(pk=leerling_id).exists()


ONDERWERPEN = {
    Leerling: Onderwerp(zichtbaar=lambda user, obj: _zichtbaar(user, obj.pk), objecten=_dossiers),
    Toestemming: Onderwerp(
        zichtbaar=lambda user, obj: _zichtbaar(user, obj.leerling_id),
        permissie_op=lambda obj: obj.leerling,
        objecten=lambda model: model.objects.filter(ingetrokken_op__isnull=True).order_by("pk"),
    ),
}
