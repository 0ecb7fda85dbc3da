"""Home-page attention points: OPR comments waiting for an answer (staff), plans waiting
for the OPR's decision (OPR), and the inspectie deadline of adopted plans not yet sent."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from swv.aandacht import Aandachtspunt
from swv.roles import SWV_STAF, Rol

from .models import PlanStatus
from .selectors import plannen_voor


def aandachtspunten(user) -> list[Aandachtspunt]:
    if not user.is_authenticated or user.rol not in (*SWV_STAF, Rol.OPR):
        return []
    vandaag = timezone.localdate()
    punten = []
    plannen = plannen_voor(user).annotate(
        open_opm=Count("opmerkingen", filter=Q(opmerkingen__antwoord=""))
    )
    for plan in plannen:
        url = reverse("ondersteuningsplan:detail", args=[plan.pk])
        if user.rol in SWV_STAF and plan.open_opm:
            punten.append(
                Aandachtspunt(
                    titel=_("%(n)s OPR-opmerking(en) zonder reactie") % {"n": plan.open_opm},
                    url=url,
                    toelichting=plan.titel,
                    categorie=_("Ondersteuningsplan"),
                )  # fmt: skip
            )
        if user.rol == Rol.OPR and plan.status == PlanStatus.TER_INSTEMMING:
            punten.append(
                Aandachtspunt(
                    titel=_("Plan ligt ter instemming bij de OPR"),
                    url=url,
                    toelichting=plan.titel,
                    categorie=_("Ondersteuningsplan"),
                )  # fmt: skip
            )
        if user.rol in SWV_STAF and plan.status in (
            PlanStatus.CONCEPT, PlanStatus.CONSULTATIE, PlanStatus.TER_INSTEMMING, PlanStatus.VASTGESTELD,
        ):  # fmt: skip
            punten.append(
                Aandachtspunt(
                    titel=_("Ondersteuningsplan naar de inspectie"),
                    url=url,
                    toelichting=plan.titel,
                    datum=plan.inspectie_uiterlijk,
                    te_laat=plan.inspectie_uiterlijk < vandaag,
                    categorie=_("Ondersteuningsplan"),
                )  # fmt: skip
            )
    return punten
