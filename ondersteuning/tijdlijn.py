"""The ondersteuningsvragen and arrangementen on a pupil's dossier timeline
(leerlingen.tijdlijn), through their scopes (`selectors.vragen_voor`,
`selectors.arrangementen_voor`): the vraag and its decision; the arrangement from its
start, its held evaluations and its end."""

from django.urls import reverse
from django.utils.translation import gettext as _

from leerlingen.tijdlijn import Actie, Gebeurtenis
from swv import formats

from . import stappen
from .selectors import arrangementen_van_dossier, vragen_van_dossier


def vragen_op_tijdlijn(leerling, user):
    for vraag in vragen_van_dossier(user, leerling):
        yield Gebeurtenis(
            datum=vraag.ingediend_op or vraag.aangemaakt_op.date(),
            soort=_("Vraag"),
            titel=_("Ondersteuningsvraag %(nr)s (%(soort)s)")
            % {"nr": vraag.nummer, "soort": vraag.get_soort_display()},
            url=vraag.get_absolute_url(),
            status=vraag.get_status_display(),
            toelichting="" if vraag.ingediend_op else _("nog niet ingediend"),
        )
        if vraag.besloten_op:
            yield Gebeurtenis(
                datum=vraag.besloten_op,
                soort=_("Vraag"),
                titel=_("Besluit op %(nr)s: %(besluit)s")
                % {"nr": vraag.nummer, "besluit": vraag.get_besluit_display()},
                url=vraag.get_absolute_url(),
            )


def arrangementen_op_tijdlijn(leerling, user):
    for arr in arrangementen_van_dossier(user, leerling):
        url = arr.get_absolute_url()
        yield Gebeurtenis(
            datum=arr.startdatum,
            soort=_("Arrangement"),
            titel=_("Arrangement %(nr)s, %(start)s t/m %(eind)s")
            % {
                "nr": arr.nummer,
                "start": formats.kort(arr.startdatum),
                "eind": formats.kort(arr.einddatum),
            },  # fmt: skip
            url=url,
            status=arr.get_status_display(),
            toelichting=arr.school.naam,
        )
        for evaluatie in arr.evaluaties.all():
            if evaluatie.gehouden_op:
                yield Gebeurtenis(
                    datum=evaluatie.gehouden_op,
                    soort=_("Arrangement"),
                    titel=_("Evaluatie %(nr)s: %(doelen)s, %(vervolg)s")
                    % {
                        "nr": arr.nummer,
                        "doelen": evaluatie.get_doelen_display().lower(),
                        "vervolg": evaluatie.get_vervolg_display().lower(),
                    },  # fmt: skip
                    url=url,
                )
        if arr.beeindigd_op:
            yield Gebeurtenis(
                datum=arr.beeindigd_op,
                soort=_("Arrangement"),
                titel=_("Arrangement %(nr)s beëindigd") % {"nr": arr.nummer},
                url=url,
            )


def vraag_starten(leerling, user):
    """On the dossier: ask the SWV for support for this pupil."""
    if leerling.geanonimiseerd_op is None and stappen.AANMAKEN.mag(user, leerling):
        yield Actie(
            _("Ondersteuningsvraag stellen"),
            reverse("ondersteuning:nieuw") + f"?leerling={leerling.pk}",
        )
