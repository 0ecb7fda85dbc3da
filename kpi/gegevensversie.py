"""The cache of computed KPI figures, and the data version that keeps it correct.

Computed figures (deelname from the leerlingtellingen, thuiszitters from the register,
TLV figures from the cases) are kept in Django's cache (whatever CACHES configures) per
source, SWV and school year, under the version of their source (`kpi.Gegevensversie`).
Every committed change of a source raises its version (model signals, after the commit:
no row lock inside the writer's transaction), so cached figures of the old version are
never read again, in any worker. A transaction that changed a source and has not
committed yet reads and writes no cache for it: what it sees may still be rolled back.

Writes that send no model signals (bulk_create/update(), as the DUO import does) call
`gewijzigd(...)` themselves.
"""

from collections.abc import Callable, Hashable, Iterable

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from swv.signals import gegevens_geimporteerd

from .models import Gegevensversie

THUISZITTERS = "thuiszitters"
TLV = "tlv"
TELLINGEN = "tellingen"
# A school's SWV or bestuur decides where its pupils, cases and counts count.
ALLE = (THUISZITTERS, TLV, TELLINGEN)

# The figures of a version are never wrong, only unreachable after a change; a day
# bounds what an unused version keeps in the cache.
BEWAREN = 24 * 60 * 60


def _bronnen_van_modellen() -> dict[type, tuple[str, ...]]:
    from swv.models import Leerlingtelling, School
    from toelaatbaarheid.models import Aanvraag, Beschikking, Bezwaar, Terugplaatsing

    from .models import Thuiszitter

    return {
        Thuiszitter: (THUISZITTERS,),
        Aanvraag: (TLV,),
        Beschikking: (TLV,),
        Bezwaar: (TLV,),
        Terugplaatsing: (TLV,),
        Leerlingtelling: (TELLINGEN,),
        School: ALLE,
    }


class _Ophogen:
    """The on-commit callback of one transaction: raises the versions of the sources it
    changed, once, after the commit."""

    def __init__(self, bronnen: Iterable[str]):
        self.bronnen = set(bronnen)

    def __call__(self):
        ophogen(self.bronnen)


def ophogen(bronnen: Iterable[str]) -> None:
    """Raise the versions of `bronnen` now (each one short UPDATE)."""
    for bron in sorted(set(bronnen)):
        if Gegevensversie.objects.filter(bron=bron).update(versie=F("versie") + 1):
            continue
        try:
            with transaction.atomic():
                Gegevensversie.objects.create(bron=bron, versie=1)
        except IntegrityError:  # created at the same moment by another worker
            Gegevensversie.objects.filter(bron=bron).update(versie=F("versie") + 1)


def _wachtend(verbinding) -> list[_Ophogen]:
    return [f for _sids, f, *_ in verbinding.run_on_commit if isinstance(f, _Ophogen)]


def gewijzigd(*bronnen: str, using: str = DEFAULT_DB_ALIAS) -> None:
    """Sources changed: their versions go up once the change is committed (at once
    outside a transaction). One callback per transaction, however many rows change."""
    verbinding = connections[using]
    if not verbinding.in_atomic_block:
        ophogen(bronnen)
        return
    wachtend = _wachtend(verbinding)
    if wachtend:
        wachtend[0].bronnen.update(bronnen)
    else:
        transaction.on_commit(_Ophogen(bronnen), using=using)


def onvastgelegd(using: str = DEFAULT_DB_ALIAS) -> set[str]:
    """The sources this connection changed in a transaction not committed yet."""
    return set().union(*(f.bronnen for f in _wachtend(connections[using])))


def versies() -> dict[str, int]:
    """Every source's version, in one query."""
    return dict(Gegevensversie.objects.values_list("bron", "versie"))


def per_stuk(
    bron: str,
    stukken: Iterable[tuple],
    ophalen: Callable[[list[tuple]], dict[tuple, object]],
    *,
    versie: Callable[[], int],
    context: tuple[Hashable, ...] = (),
) -> dict[tuple, object]:
    """Values of `bron` per piece (e.g. (swv_id, jaar)): from the cache where kept under
    the source's version (`versie()`, read before the figures are computed, so a change
    in between only makes them unreachable sooner), the missing ones fetched together by `ophalen(missing)`
    (which returns a value for every piece asked) and kept. `context` is what else the
    values depend on (a bestuur, today's date)."""
    stukken = list(dict.fromkeys(stukken))
    if bron in onvastgelegd():
        return ophalen(stukken)
    voorvoegsel = ":".join(["kpi", bron, str(versie()), *map(str, context)])
    sleutels = {s: f"{voorvoegsel}:{':'.join(map(str, s))}" for s in stukken}
    gevonden = cache.get_many(list(sleutels.values()))
    # Kept in a 1-tuple: a cached None (no data) differs from a missing key in every backend.
    uit = {s: gevonden[k][0] for s, k in sleutels.items() if k in gevonden}
    ontbreekt = [s for s in stukken if s not in uit]
    if ontbreekt:
        nieuw = ophalen(ontbreekt)
        cache.set_many({sleutels[s]: (nieuw[s],) for s in ontbreekt}, timeout=BEWAREN)
        uit.update({s: nieuw[s] for s in ontbreekt})
    return uit


def _na_wijziging(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    gewijzigd(*_MODELLEN[sender], using=using)


_MODELLEN: dict[type, tuple[str, ...]] = {}


def koppelen() -> None:
    """Connect the sources' model signals (KpiConfig.ready())."""
    _MODELLEN.update(_bronnen_van_modellen())
    for model in _MODELLEN:
        post_save.connect(_na_wijziging, sender=model, dispatch_uid=f"kpi-versie-{model}")
        post_delete.connect(_na_wijziging, sender=model, dispatch_uid=f"kpi-versie-del-{model}")
    # A DUO import writes tellingen and schools in bulk, without model signals.
    gegevens_geimporteerd.connect(_na_import, dispatch_uid="kpi-versie-duo")


def _na_import(sender, **kwargs):
    gewijzigd(*ALLE)
