"""Home-page items: a bestuur's report still to write, staff's reports to review."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from swv.aandacht import Aandachtspunt

from . import selectors


def aandachtspunten(user) -> list[Aandachtspunt]:
    if not user.is_authenticated:
        return []
    punten = []
    vandaag = timezone.localdate()
    if user.has_perm("verantwoording.invullen"):
        for verslag in selectors.open_eigen_verslagen(user):
            punten.append(
                Aandachtspunt(
                    titel=_("Verantwoording %(jaar)s invullen en indienen")
                    % {"jaar": verslag.ronde.schooljaar_label},
                    url=reverse("verantwoording:verslag-bewerken", args=[verslag.pk]),
                    toelichting=(
                        _("Teruggegeven door het SWV: vul aan en dien opnieuw in.")
                        if verslag.status == "teruggegeven"
                        else _("Status: %(status)s") % {"status": verslag.get_status_display()}
                    ),
                    datum=verslag.ronde.deadline,
                    te_laat=verslag.ronde.deadline < vandaag,
                    categorie="verantwoording",
                )
            )
    if user.has_perm("verantwoording.beheren"):
        per_ronde: dict = {}
        for verslag in selectors.te_beoordelen(user):
            per_ronde.setdefault(verslag.ronde, 0)
            per_ronde[verslag.ronde] += 1
        for ronde, aantal in per_ronde.items():
            punten.append(
                Aandachtspunt(
                    titel=_("%(aantal)s verantwoordingsverslag(en) %(jaar)s te beoordelen")
                    % {"aantal": aantal, "jaar": ronde.schooljaar_label},
                    url=reverse("verantwoording:ronde", args=[ronde.pk]),
                    categorie="verantwoording",
                )
            )
    return punten
