"""AVG inzage for placements: the placements of one pupil the privacy officer may see
(`selectors.plaatsingen_voor`). No retention rule yet: a placement keeps its dossier
(leerlingen/privacy.py never anonymises a dossier a record without its own rule points to).
"""

from datetime import date

from django.utils.translation import gettext as _

from swv.inzage import Onderdeel


def inzage(*, user, achternaam: str, geboortedatum: date, voornaam: str = "") -> list[Onderdeel]:
    from .selectors import plaatsingen_voor

    qs = plaatsingen_voor(user).filter(
        leerling__achternaam__iexact=achternaam.strip(), leerling__geboortedatum=geboortedatum
    )
    if voornaam.strip():
        qs = qs.filter(leerling__voornaam__iexact=voornaam.strip())
    rijen = [
        [p.nummer, p.leerling.nummer, p.voorziening.naam, p.get_status_display(),
         p.aangemeld_op, p.startdatum, p.einddatum, p.besluit.nummer]
        for p in qs.select_related("leerling", "voorziening", "besluit").order_by("pk")
    ]  # fmt: skip
    if not rijen:
        return []
    return [
        Onderdeel(
            titel=_("Plaatsingen in voorzieningen"),
            kolommen=[
                _("Plaatsing"),
                _("Dossier"),
                _("Voorziening"),
                _("Status"),
                _("Op de wachtlijst sinds"),
                _("Startdatum"),
                _("Einddatum"),
                _("Besluit"),
            ],  # fmt: skip
            rijen=rijen,
        )
    ]
