"""Placements on a pupil's dossier timeline (leerlingen.tijdlijn), through the placement
scope (`selectors.plaatsingen_voor`): on the waiting list, placed, ended."""

from django.utils.translation import gettext as _

from leerlingen.tijdlijn import Gebeurtenis

from .selectors import plaatsingen_van_dossier


def plaatsingen_op_tijdlijn(leerling, user):
    for p in plaatsingen_van_dossier(user, leerling):
        url = p.get_absolute_url()
        naam = {"nr": p.nummer, "vz": p.voorziening.naam}
        yield Gebeurtenis(
            datum=p.aangemeld_op, soort=_("Voorziening"),
            titel=_("Aangemeld bij %(vz)s (%(nr)s)") % naam, url=url,
            status=p.get_status_display(),
        )  # fmt: skip
        if p.startdatum:
            yield Gebeurtenis(datum=p.startdatum, soort=_("Voorziening"),
                              titel=_("Geplaatst in %(vz)s (%(nr)s)") % naam, url=url)  # fmt: skip
        if p.einddatum:
            yield Gebeurtenis(datum=p.einddatum, soort=_("Voorziening"),
                              titel=_("Plaatsing in %(vz)s beëindigd (%(nr)s)") % naam, url=url)  # fmt: skip
