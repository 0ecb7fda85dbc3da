"""The KPI app's objects for the generated step test (metingen, thuiszitters)."""

from kpi import selectors
from kpi.models import Thuiszitter
from ondersteuningsplan.models import Kpi
from tests.beveiliging.onderwerpen import Onderwerp

ONDERWERPEN = {
    Kpi: Onderwerp(
        zichtbaar=lambda user, obj: selectors.kpis_voor(user).filter(pk=obj.pk).exists(),
        # A hand-measured KPI of every plan (other plans' KPIs are outside some users' scope).
        objecten=lambda model: model.objects.filter(berekening="").order_by(
            "speerpunt__plan", "pk"
        )[:6],
    ),
    Thuiszitter: Onderwerp(
        zichtbaar=lambda user, obj: selectors.thuiszitters_voor(user).filter(pk=obj.pk).exists(),
        # One running case per SWV and one resolved case.
        objecten=lambda model: model.objects.filter(
            pk__in=[
                *{
                    swv: pk for pk, swv in model.objects.order_by("-pk").values_list("pk", "swv")
                }.values()
            ]
        ),
    ),
}
