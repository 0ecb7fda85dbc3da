"""Home-page attention points of the KPI app (registered in KpiConfig.ready())."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from swv.aandacht import Aandachtspunt

from .berekeningen import _maanden_terug
from .models import ThuiszitterStatus, ThuiszitterType
from .selectors import kpis_zonder_meting, peiljaar, thuiszitters_voor


def aandachtspunten(user) -> list[Aandachtspunt]:
    punten = []
    vandaag = timezone.localdate()
    if user.has_perm("kpi.thuiszitters_bekijken"):
        lang = (
            thuiszitters_voor(user)
            .filter(
                status=ThuiszitterStatus.LOPEND,
                startdatum__lt=_maanden_terug(vandaag, 3),
            )
            .exclude(type=ThuiszitterType.VRIJSTELLING)
            .count()
        )
        if lang:
            punten.append(
                Aandachtspunt(
                    titel=_("%(n)s thuiszitter(s) langer dan 3 maanden thuis") % {"n": lang},
                    url=reverse("kpi:thuiszitters") + "?status=lopend",
                    toelichting=_("Lopende registraties zonder vrijstelling."),
                    categorie=_("Thuiszitters"),
                )
            )
    if user.has_perm("kpi.meting_invoeren"):
        # The same count as the dashboard's "Nog geen meting" (one selector).
        jaar = peiljaar()
        open_kpis = kpis_zonder_meting(user, jaar).count()
        if open_kpis:
            punten.append(
                Aandachtspunt(
                    titel=_("%(n)s KPI('s) zonder meting over %(j)s-%(k)s")
                    % {"n": open_kpis, "j": jaar, "k": jaar + 1},
                    url=reverse("kpi:index"),
                    categorie=_("KPI's"),
                )
            )
    return punten
