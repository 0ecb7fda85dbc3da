"""Every read of TLV data a user can reach, scoped to that user.

`aanvragen_voor(user)` is THE scope of the app (registered with `swv.selectors.scope`);
every other read builds on it, and the case's child objects (adviezen, bijlagen,
beschikkingen, bezwaren, history) inherit it by declaration
(`objects = KindQuerySet.van("aanvraag")`, read with `Model.objects.voor(user)`).
"""

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from swv.roles import Rol
from swv.selectors import leerlingscope, scope

from . import termijnen as t
from .models import (
    Aanvraag,
    Beschikking,
    Bezwaar,
    Bijlage,
    Deskundige,
    Deskundigenadvies,
    Nazorgmoment,
    Status,
    StatusWijziging,
    TlvInstellingen,
)


@scope(Aanvraag)
def aanvragen_voor(user) -> QuerySet[Aanvraag]:
    """The cases a user may see: the rule for pupil records (`swv.selectors.leerlingscope`)
    plus the deskundige's assignments.

    - SWV staff (medewerker, directeur): all cases of their SWVs;
    - trajectbegeleider: the cases assigned to them, plus their SWVs' cases that nobody
      guides yet (the intake queue: they pick a case up by filing it);
    - deskundige: only the cases they were asked to advise on;
    - bestuur: the cases of its schools (school of origin);
    - school user: its own school's cases (school of origin, or the S(B)O school where
      the pupil is for a herbeoordeling), plus the granted TLVs that placed a pupil at
      the school (it holds them, and files their herbeoordeling);
    - OPR and anyone else: nothing.

    A case without a school of origin (voorschool, residentieel, buiten het SWV, geen
    school) is seen by the SWV office and the trajectbegeleiders only.
    """
    regel = leerlingscope(user)
    if regel is not None:
        if user.rol == Rol.SCHOOL and user.school_id:
            regel |= Q(gewenste_school_id=user.school_id, status=Status.TOEGEKEND)
        return Aanvraag.objects.filter(regel)
    if user.is_authenticated and user.is_active and user.rol == Rol.DESKUNDIGE:
        return Aanvraag.objects.filter(
            Exists(
                Deskundigenadvies.objects.filter(
                    aanvraag=OuterRef("pk"), deskundige__gebruiker=user
                )
            )
        )
    return Aanvraag.objects.none()


def aanvraag_lijst(user) -> QuerySet[Aanvraag]:
    """The list page: scoped, with what a row shows, newest first (by id: index-backed,
    unlike a sort on the creation time)."""
    return (
        aanvragen_voor(user)
        .select_related("school", "swv", "trajectbegeleider")
        .only(
            "id",
            "status",
            "voornaam",
            "achternaam",
            "soort",
            "categorie",
            "aangemaakt_op",
            "ontvangen_op",
            "einddatum",
            "hele_schoolloopbaan",
            "herkomst",
            "herkomst_naam",
            "herkomst_gemeente",
            "school__naam",
            "school__vestigingscode",
            "swv__code",
            "trajectbegeleider__first_name",
            "trajectbegeleider__last_name",
            "trajectbegeleider__username",
        )
        .order_by("-id")
    )


def aanvraag_detail(user, pk: int) -> Aanvraag:
    """One case with everything its page shows, in a fixed number of queries."""
    return get_object_or_404(
        aanvragen_voor(user)
        .select_related(
            "school__bestuur",
            "school__gemeente",
            "swv",
            "gewenste_school",
            "trajectbegeleider",
            "aangemaakt_door",
            "vorige",
            "mdo",
            "terugplaatsing__ontvangende_school",
        )
        .prefetch_related(
            Prefetch(
                "adviezen",
                queryset=Deskundigenadvies.objects.select_related("deskundige__gebruiker"),
            ),
            Prefetch("historie", queryset=StatusWijziging.objects.select_related("door")),
            "bijlagen",
            Prefetch(
                "beschikkingen",
                queryset=Beschikking.objects.all(),
            ),
            Prefetch("bezwaren", queryset=Bezwaar.objects.all()),
            "herbeoordelingen",
            Prefetch(
                "terugplaatsing__nazorgmomenten",
                queryset=Nazorgmoment.objects.order_by("datum_gepland", "id"),
            ),
        ),
        pk=pk,
    )


def ontbrekend(aanvraag: Aanvraag) -> list[str]:
    """What is still missing before the aanvraag can be filed (shown on the page, and
    refused by `aanvraag_indienen`). Uses the prefetched attachments."""
    uit = []
    if not aanvraag.ondersteuningsbehoeften.strip():
        uit.append(_("de ondersteuningsbehoeften (Duiden & Doen / OPP-samenvatting)"))
    if not aanvraag.niveaus_1_4.strip():
        uit.append(_("wat er in ondersteuningsniveau 1 tot en met 4 is gedaan"))
    if not aanvraag.zienswijze_ouders.strip():
        uit.append(_("de zienswijze van de ouders"))
    if aanvraag.ouders_akkoord == "onbekend":
        uit.append(_("of de ouders instemmen"))
    if not aanvraag.ingangsdatum:
        uit.append(_("de gewenste ingangsdatum"))
    if not aanvraag.einddatum and not aanvraag.hele_schoolloopbaan:
        uit.append(_("de einddatum (of 'voor de hele schoolloopbaan')"))
    if not aanvraag.gewenste_school_id:
        uit.append(_("de gewenste S(B)O-school"))
    if not any(b.soort == "opp" for b in aanvraag.bijlagen.all()):
        uit.append(_("het OPP als bijlage"))
    return uit


def adviezen_eensgezind(zaak: Aanvraag) -> bool | None:
    """True/False when the MDO-oordeel and all advices agree on toelaatbaar; None if not."""
    adviezen = [a for a in zaak.adviezen.all() if a.gegeven]
    mdo = getattr(zaak, "mdo", None)
    if len(adviezen) < 2 or mdo is None:
        return None
    oordelen = {a.toelaatbaar for a in adviezen} | {mdo.oordeel_toelaatbaar}
    return oordelen.pop() if len(oordelen) == 1 else None


# Child objects of a case: in the case's scope (KindQuerySet), 404 otherwise ------------


def bijlage_van(user, *, aanvraag_id: int, pk: int) -> Bijlage:
    """One attachment of a case the user may see, with its case."""
    return get_object_or_404(
        Bijlage.objects.voor(user).select_related("aanvraag"), aanvraag_id=aanvraag_id, pk=pk
    )


def beschikking_van(user, *, aanvraag_id: int, ronde=None) -> Beschikking:
    """The beschikking of a case the user may see: the one of `ronde`, or else the current
    one (the latest round still standing), with its SWV and case."""
    beschikkingen = (
        Beschikking.objects.voor(user)
        .filter(aanvraag_id=aanvraag_id)
        .select_related("swv", "aanvraag")
    )
    besch = beschikkingen.order_by("-actueel", "-ronde").first()
    if besch is None:
        raise Http404
    if ronde:
        besch = get_object_or_404(beschikkingen, ronde=ronde)
    return besch


def bezwaar_van(user, *, aanvraag_id: int, pk: int) -> Bezwaar:
    """One bezwaar of a case the user may see, with what the LBT dossier shows."""
    return get_object_or_404(
        Bezwaar.objects.voor(user).select_related(
            "beschikking__swv", "aanvraag__swv", "aanvraag__school"
        ),
        pk=pk,
        aanvraag_id=aanvraag_id,
    )


def open_aanvraag_voor_leerling(*, voornaam, achternaam, geboortedatum, behalve=None):
    """The open aanvraag of the same pupil (name + date of birth), in any scope: the
    duplicate check must see cases the user cannot open (the message then says so)."""
    from .models import OPEN_STATUSSEN, leerling_sleutel

    qs = Aanvraag.objects.filter(
        leerling_sleutel=leerling_sleutel(voornaam, achternaam),
        geboortedatum=geboortedatum,
        status__in=OPEN_STATUSSEN,
    )
    if behalve is not None:
        qs = qs.exclude(pk=behalve)
    return qs.first()


def deskundigen_voor(user, aanvraag) -> QuerySet[Deskundige]:
    """Deskundigen that may be asked for this case: of the case's SWV, not yet advising."""
    return (
        Deskundige.objects.filter(
            gebruiker__is_active=True, gebruiker__samenwerkingsverbanden=aanvraag.swv_id
        )
        .exclude(adviezen__aanvraag=aanvraag)
        .select_related("gebruiker")
        .order_by("gebruiker__last_name")
    )


def instellingen_voor(swv_id: int) -> TlvInstellingen:
    inst = TlvInstellingen.objects.filter(swv_id=swv_id).first()
    return inst or TlvInstellingen(swv_id=swv_id)


# Deadlines ----------------------------------------------------------------------------


# Relations `termijnen_van` reads. A long list prefetches them into plain lists
# (`Prefetch(..., to_attr="<naam>_lijst")`): Django then builds no related queryset per
# case, which for the 200 cases of the termijnen page cost more than the page's queries.


def _gerelateerd(aanvraag: Aanvraag, naam: str):
    lijst = getattr(aanvraag, f"{naam}_lijst", None)
    return lijst if lijst is not None else getattr(aanvraag, naam).all()


def termijnen_van(
    aanvraag: Aanvraag, *, gelijkgesteld=frozenset(), instellingen=None
) -> list[t.Termijn]:
    """The running terms of one case, earliest first. Uses only prefetched relations
    (prefetched as usual or into a list `<relatie>_lijst`)."""
    inst = instellingen or TlvInstellingen()
    uit: list[t.Termijn] = []
    url = aanvraag.get_absolute_url()
    in_procedure = aanvraag.status in (Status.INGEDIEND, Status.ADVIES, Status.BESLUITVORMING)
    if in_procedure and aanvraag.ontvangen_op:
        uit.append(
            t.Termijn(
                "Beslistermijn aanvraag (Awb 4:13)",
                t.beslistermijn_aanvraag(
                    aanvraag.ontvangen_op,
                    verdaagd_tot=aanvraag.beslistermijn_verdaagd_tot,
                    gelijkgesteld=gelijkgesteld,
                ),
                "directeur",
                url=url,
            )
        )
        if aanvraag.status == Status.INGEDIEND:
            uit.append(
                t.Termijn(
                    "MDO / knooppunt toeleiding (streeftermijn SWV)",
                    t.termijn_einde(
                        aanvraag.ontvangen_op + timedelta(days=1),
                        weken=inst.mdo_weken,
                        wettelijk=False,
                    ),
                    "trajectbegeleider",
                    wettelijk=False,
                    url=url,
                )
            )
    if aanvraag.status == Status.ADVIES:
        for advies in _gerelateerd(aanvraag, "adviezen"):
            if advies.toelaatbaar is None:
                uit.append(
                    t.Termijn(
                        f"Deskundigenadvies {advies.volgorde} (streeftermijn SWV)",
                        advies.uiterlijk_op,
                        "deskundige",
                        wettelijk=False,
                        url=url,
                    )
                )
    if aanvraag.status == Status.BEZWAAR:
        for bezwaar in _gerelateerd(aanvraag, "bezwaren"):
            if not bezwaar.open:
                continue
            besch = next(
                (
                    b
                    for b in _gerelateerd(aanvraag, "beschikkingen")
                    if b.pk == bezwaar.beschikking_id
                ),
                None,
            )
            if bezwaar.lbt_verzonden_op is None:
                uit.append(
                    t.Termijn(
                        "Bezwaar naar de LBT (14 dagen)",
                        t.lbt_doorsturen_uiterlijk(
                            bezwaar.ontvangen_op, gelijkgesteld=gelijkgesteld
                        ),
                        "medewerker",
                        url=url,
                    )
                )
            if besch is not None:
                uit.append(
                    t.Termijn(
                        "Beslistermijn op bezwaar (Awb 7:10)",
                        t.beslistermijn_bezwaar(
                            besch.verzonden_op,
                            adviescommissie_gemeld=bezwaar.partijen_geinformeerd_adviescommissie,
                            verdaagd=bezwaar.verdaagd,
                            gelijkgesteld=gelijkgesteld,
                        ),
                        "directeur",
                        url=url,
                    )
                )
    if aanvraag.status in (Status.TOEGEKEND, Status.AFGEWEZEN):
        uit.extend(_rechtsmiddeltermijnen(aanvraag, gelijkgesteld=gelijkgesteld, url=url))
    if aanvraag.status == Status.TOEGEKEND and aanvraag.einddatum:
        signaal = aanvraag.einddatum - timedelta(days=31 * inst.herbeoordeling_signaal_maanden)
        # Once the herbeoordeling has started (as on the werklijst: a linked aanvraag that
        # was not withdrawn), the term is met and no longer runs.
        if timezone.localdate() >= signaal and not any(
            h.status != Status.INGETROKKEN for h in _gerelateerd(aanvraag, "herbeoordelingen")
        ):
            uit.append(
                t.Termijn(
                    "Aanvraag herbeoordeling (termijn SWV)",
                    t.herbeoordeling_aanvraag_uiterlijk(
                        aanvraag.einddatum,
                        maand=inst.herbeoordeling_maand,
                        dag=inst.herbeoordeling_dag,
                    ),
                    "trajectbegeleider",
                    wettelijk=False,
                    url=url,
                )
            )
    return sorted(uit, key=lambda x: x.datum)


def _rechtsmiddeltermijnen(aanvraag: Aanvraag, *, gelijkgesteld, url) -> list[t.Termijn]:
    """After a decision: the bezwaartermijn of the current beschikking (Awb 6:7/6:8: six
    weeks from the day after it was sent) while it runs and no bezwaar was decided; after
    a beslissing op bezwaar, the beroepstermijn (six weeks from the day after the besluit
    op bezwaar was sent). Uses only prefetched relations."""
    vandaag = timezone.localdate()
    beslist = [b for b in _gerelateerd(aanvraag, "bezwaren") if not b.open and b.beslist_op]
    if beslist:
        laatste = max(beslist, key=lambda b: b.beslist_op)
        einde = t.bezwaartermijn_einde(laatste.beslist_op, gelijkgesteld=gelijkgesteld)
        if einde < vandaag:
            return []
        return [
            t.Termijn(
                "Beroepstermijn (Awb 6:7, beroep bij de rechtbank)",
                einde,
                "ouders / school",
                url=url,
            )
        ]
    actueel = [b for b in _gerelateerd(aanvraag, "beschikkingen") if b.actueel]
    if not actueel:
        return []
    besch = max(actueel, key=lambda b: b.ronde)
    einde = t.bezwaartermijn_einde(besch.verzonden_op, gelijkgesteld=gelijkgesteld)
    if einde < vandaag:
        return []
    return [t.Termijn("Bezwaartermijn (Awb 6:7 en 6:8)", einde, "ouders / school", url=url)]


TERMIJN_STATUSSEN = (Status.INGEDIEND, Status.ADVIES, Status.BESLUITVORMING, Status.BEZWAAR)


MAX_TERMIJN_ZAKEN = 200


def lopende_termijnen(
    user, *, tot: date | None = None, statussen=TERMIJN_STATUSSEN, max_zaken=MAX_TERMIJN_ZAKEN
) -> list[tuple[Aanvraag, t.Termijn]]:
    """Every running term of the cases in the user's scope (cases in procedure or in
    bezwaar), earliest first; `tot` limits to terms ending on or before that date.

    Terms are computed in Python (holiday rules), so at most `max_zaken` cases are read:
    those received first, whose terms end first (bezwaar cases come first: their terms
    run from the later bezwaar date)."""
    zaken = (
        aanvragen_voor(user)
        .filter(status__in=statussen)
        .select_related("swv", "trajectbegeleider")
        .only(
            "id",
            "status",
            "swv__code",
            "ontvangen_op",
            "beslistermijn_verdaagd_tot",
            "einddatum",
            "trajectbegeleider__first_name",
            "trajectbegeleider__last_name",
            "trajectbegeleider__username",
        )
        .prefetch_related(
            # Only what termijnen_van reads: the open adviezen (the others have no term).
            Prefetch(
                "adviezen",
                queryset=Deskundigenadvies.objects.filter(toelaatbaar__isnull=True).only(
                    "id", "aanvraag_id", "volgorde", "uiterlijk_op", "toelaatbaar"
                ),
                to_attr="adviezen_lijst",
            ),
            Prefetch("bezwaren", to_attr="bezwaren_lijst"),
            Prefetch(
                "beschikkingen",
                queryset=Beschikking.objects.only("id", "aanvraag_id", "verzonden_op"),
                to_attr="beschikkingen_lijst",
            ),
        )
    )
    # Bezwaren first (few; their terms run from the later bezwaar date), then the cases
    # received first: two index-friendly queries instead of one sort over every case.
    eerst = list(zaken.filter(status=Status.BEZWAAR).order_by("ontvangen_op", "id")[:max_zaken])
    rest = max_zaken - len(eerst)
    zaken = eerst + (
        list(zaken.exclude(status=Status.BEZWAAR).order_by("ontvangen_op", "id")[:rest])
        if rest > 0
        else []
    )
    gelijk = t.gelijkgestelde_dagen()
    inst = {i.swv_id: i for i in TlvInstellingen.objects.all()}
    uit = []
    for zaak in zaken:
        for termijn in termijnen_van(
            zaak, gelijkgesteld=gelijk, instellingen=inst.get(zaak.swv_id)
        ):
            if tot is None or termijn.datum <= tot:
                uit.append((zaak, termijn))
    return sorted(uit, key=lambda zt: (zt[1].datum, zt[0].pk))


def herbeoordeling_werklijst(user, *, vandaag: date | None = None) -> list[dict]:
    """Granted TLVs whose einddatum is near (within the SWV's signal window), with the
    application deadline and whether a herbeoordeling was already started."""
    vandaag = vandaag or timezone.localdate()
    inst = {i.swv_id: i for i in TlvInstellingen.objects.all()}
    maanden = max([i.herbeoordeling_signaal_maanden for i in inst.values()] + [9])
    zaken = (
        aanvragen_voor(user)
        .filter(
            status=Status.TOEGEKEND,
            einddatum__isnull=False,
            einddatum__lte=vandaag + timedelta(days=31 * maanden),
        )
        .select_related("school", "swv", "trajectbegeleider")
        .annotate(
            herbeoordeling_loopt=Exists(
                Aanvraag.objects.filter(vorige=OuterRef("pk")).exclude(status=Status.INGETROKKEN)
            )
        )
        .order_by("einddatum", "id")
    )
    rijen = []
    for zaak in zaken:
        i = inst.get(zaak.swv_id) or TlvInstellingen()
        rijen.append(
            {
                "aanvraag": zaak,
                "uiterlijk": t.herbeoordeling_aanvraag_uiterlijk(
                    zaak.einddatum, maand=i.herbeoordeling_maand, dag=i.herbeoordeling_dag
                ),
                "herbeoordeling_loopt": zaak.herbeoordeling_loopt,
            }
        )
    return rijen


def open_adviezen_voor(user) -> QuerySet[Deskundigenadvies]:
    """The user's own adviezen still to give (a deskundige's to-do list)."""
    return (
        Deskundigenadvies.objects.voor(user)
        .filter(
            deskundige__gebruiker=user, toelaatbaar__isnull=True, aanvraag__status=Status.ADVIES
        )
        .select_related("aanvraag")
    )
