"""The TLV's objects for the generated step test: one case per state and SWV (with and
without a school of origin, and a terugplaatsing with nazorg), the adviezen, and bezwaren
open and decided, inside and outside the one-SWV users' scope."""

from django.utils import timezone

from swv.models import Gebruiker, Samenwerkingsverband, School
from swv.selectors import scholen_voor
from tests.beveiliging.onderwerpen import Onderwerp
from tests.factories.toelaatbaarheid import gebruiker, gegevens, naar_status, nieuwe_zaak, vers
from toelaatbaarheid import selectors as tlv_sel
from toelaatbaarheid import services
from toelaatbaarheid.models import Aanvraag, Bezwaar, Deskundigenadvies, Herkomst, Status


def _zaak_zichtbaar(user, zaak_id):
    return tlv_sel.aanvragen_voor(user).filter(pk=zaak_id).exists()


def _bezwaren(model):
    """The demo's bezwaar (PO3104, outside the one-SWV users' scope) and a case in PO3105
    in bezwaar for the second time: its first bezwaar decided, the second one open."""
    school = School.objects.filter(swv__code="PO3105", soort="BAO").order_by("vestigingscode")
    zaak = naar_status(nieuwe_zaak(school=school.first()), Status.BEZWAAR)
    services.bezwaar_beslissen(
        gebruiker=gebruiker("directeur"),
        bezwaar=zaak.bezwaren.get(),
        versie=zaak.versie,
        beslissing="ongegrond",
        motivering="Ongegrond (stappentest).",
    )
    zaak = vers(zaak)
    services.bezwaar_registreren(
        gebruiker=gebruiker("medewerker"),
        aanvraag=zaak,
        versie=zaak.versie,
        indiener="bestuur",
        ontvangen_op=timezone.localdate(),
        gronden="Opnieuw bezwaar (stappentest).",
    )
    return model.objects.order_by("pk")


ONDERWERPEN = {
    Aanvraag: Onderwerp(
        zichtbaar=lambda user, obj: _zaak_zichtbaar(user, obj.pk),
        # One case per state and SWV (other SWVs and besturen among them).
        objecten=lambda model: model.objects.filter(pk__in=_een_per_status(_extra_zaken())),
    ),
    Deskundigenadvies: Onderwerp(
        zichtbaar=lambda user, obj: _zaak_zichtbaar(user, obj.aanvraag_id),
    ),
    Bezwaar: Onderwerp(
        zichtbaar=lambda user, obj: _zaak_zichtbaar(user, obj.aanvraag_id),
        permissie_op=lambda obj: obj.aanvraag,
        objecten=_bezwaren,
    ),
    School: Onderwerp(
        zichtbaar=lambda user, obj: (
            scholen_voor(user).binnen_swv().filter(pk=obj.pk, swv__isnull=False).exists()
        ),
        permissie_op=lambda obj: None,
        objecten=lambda model: model.objects.filter(
            pk__in=[s.pk for s in (_school_van("ib-innovo"), _school_elders())]
        ),
    ),
}


def _extra_zaken():
    """In PO3105 (the one-SWV users' SWV): a terugplaatsing with its nazorg moments (the
    nazorg step acts on a beëindigde case) and an aanvraag without a school of origin
    (seen only by the SWV office and the trajectbegeleiders)."""
    swv = Samenwerkingsverband.objects.get(code="PO3105")
    school = School.objects.filter(swv=swv, soort="BAO").order_by("vestigingscode").first()
    zaak = naar_status(nieuwe_zaak(school=school), Status.TOEGEKEND)
    vandaag = timezone.localdate()
    services.terugplaatsing_vastleggen(
        gebruiker=gebruiker("trajectbegeleider"),
        aanvraag=zaak,
        versie=zaak.versie,
        datum=vandaag,
        knooppunt_op=vandaag,
        ontvangende_school=school,
        warme_overdracht="Warme overdracht (stappentest).",
    )
    zonder = services.aanvraag_aanmaken(
        gebruiker=gebruiker("medewerker"),
        school=None,
        herkomst=Herkomst.VOORSCHOOL,
        swv=swv,
        gegevens=gegevens(herkomst_naam="MKD (stappentest)", herkomst_gemeente="Heerlen"),
    )
    return [zaak.pk, zonder.pk]


def _een_per_status(extra=()):
    gezien = {}
    for pk, status, swv_id, school_id in Aanvraag.objects.order_by("pk").values_list(
        "pk", "status", "swv", "school"
    ):
        gezien.setdefault((status, swv_id, school_id is None), pk)
    return sorted({*gezien.values(), *extra})


def _school_van(username):
    return Gebruiker.objects.get(username=username).school


def _school_elders():
    eigen = _school_van("ib-innovo")
    return School.objects.binnen_swv().exclude(swv=eigen.swv).order_by("pk").first()
