"""Retention and AVG inzage for leerlingdossiers.

A dossier holds who the pupil is; the records on it (TLV cases, thuiszitter
registrations, ...) have retention rules of their own. A dossier is anonymised once every
record pointing to it has been anonymised (or none ever did; a kind of record without a
retention rule of its own keeps the dossier while it exists) and it was created at least
SWV_BEWAARTERMIJN_DOSSIER_JAREN years ago [check]: its name and date of birth and the
consents go, the number stays (the records' history keeps its link). Which records point
to it is read from the models (every relation to Leerling whose model has
`geanonimiseerd_op`), so this app imports none of the apps above it.
"""

from datetime import date

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from swv.bewaartermijnen import ANONIMISEREN, Bewaarregel, grensdatum
from swv.inzage import Onderdeel

from .models import Leerling


def _registraties():
    """(model, field, anonymised by its own rule?) of every record kind of another app that
    points to a dossier. A kind without `geanonimiseerd_op` has no retention rule yet: any
    row of it keeps the dossier (never a dossier gone while a record still names the
    pupil)."""
    for rel in Leerling._meta.related_objects:
        model = rel.related_model
        if model._meta.app_label == Leerling._meta.app_label:
            continue  # the dossier's own parts (consents) go with it
        velden = {f.name for f in model._meta.get_fields()}
        yield model, rel.field.name, "geanonimiseerd_op" in velden


def verlopen_dossiers(peildatum: date):
    grens = grensdatum(peildatum, settings.SWV_BEWAARTERMIJN_DOSSIER_JAREN)
    qs = Leerling.objects.filter(geanonimiseerd_op__isnull=True, aangemaakt_op__date__lte=grens)
    for model, veld, eigen_regel in _registraties():
        levend = model.objects.filter(**{veld: OuterRef("pk")})
        if eigen_regel:
            levend = levend.filter(geanonimiseerd_op__isnull=True)
        qs = qs.filter(~Exists(levend))
    return qs.order_by("pk")


def anonimiseren(leerling: Leerling) -> None:
    leerling.toestemmingen.all().delete()
    leerling.voornaam = ""
    leerling.achternaam = ""
    leerling.geboortedatum = None
    leerling.groep = None
    leerling.geanonimiseerd_op = timezone.localdate()
    leerling.save()


REGEL = Bewaarregel(
    naam="Leerlingdossiers",
    actie=ANONIMISEREN,
    verlopen=verlopen_dossiers,
    uitvoeren=anonimiseren,
    label=lambda leerling: leerling.audit_label,
    laatst=True,  # after the rules of the records on the dossier, in the same run
)


def inzage(*, user, achternaam: str, geboortedatum: date, voornaam: str = "") -> list[Onderdeel]:
    """The dossiers `user` may see (`selectors.leerlingen_voor`) of this pupil."""
    from .selectors import leerlingen_voor

    dossiers = (
        leerlingen_voor(user)
        .filter(achternaam__iexact=achternaam.strip(), geboortedatum=geboortedatum)
        .select_related("school", "swv")
    )
    if voornaam.strip():
        dossiers = dossiers.filter(voornaam__iexact=voornaam.strip())
    if not dossiers:
        return []
    toestemmingen = [
        [d.nummer, t.gegeven_door, t.datum, t.reikwijdte, t.ingetrokken_op]
        for d in dossiers
        for t in d.toestemmingen.order_by("datum")
    ]
    return [
        Onderdeel(
            "Leerlingdossiers",
            ["dossier", "voornaam", "achternaam", "geboortedatum", "groep", "school", "samenwerkingsverband", "aangemaakt op"],
            [[d.nummer, d.voornaam, d.achternaam, d.geboortedatum, d.groep,
              d.school.naam if d.school else "", d.swv.code, d.aangemaakt_op.date()]
             for d in dossiers],
        ),
        Onderdeel(
            "Leerlingdossiers: toestemmingen",
            ["dossier", "gegeven door", "datum", "waarvoor", "ingetrokken op"],
            toestemmingen,
        ),
    ]  # fmt: skip
