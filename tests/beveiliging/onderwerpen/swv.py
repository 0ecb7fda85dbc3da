"""What a creating service is created in, for the generated step test: before the plan or
the round exists there is no object to ask the permission on, so the service checks it
without one and then the SWVs it is given against the user's (`swv_ids_voor`). Tried with
a demo SWV inside the one-SWV users' scope (PO3105), one outside it (PO3104) and an SWV of
nobody."""

from swv.models import Samenwerkingsverband
from swv.selectors import samenwerkingsverbanden_voor
from tests.beveiliging.onderwerpen import Onderwerp


def _samenwerkingsverbanden(model):
    niemand, _nieuw = model.objects.get_or_create(
        code="PO9903", defaults={"naam": "SWV van niemand (stappentest)"}
    )
    return model.objects.filter(code__in=["PO3104", "PO3105", niemand.code]).order_by("code")


ONDERWERPEN = {
    Samenwerkingsverband: Onderwerp(
        zichtbaar=lambda user, obj: samenwerkingsverbanden_voor(user).filter(pk=obj.pk).exists(),
        permissie_op=lambda obj: None,
        objecten=_samenwerkingsverbanden,
    ),
}
