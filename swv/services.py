"""Writes to organisation data. Every function is atomic and keyword-only."""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import transaction

from . import duo
from .models import (
    Gemeente,
    Leerlingtelling,
    RegioGemeente,
    RegioPostcode,
    Samenwerkingsverband,
    School,
    Schoolbestuur,
)

# The regulation gives codes only; these names are public knowledge (data/duo README).
BEKENDE_SWV_NAMEN = {
    "PO3104": "Westelijke Mijnstreek",
    "PO3105": "Maastricht-Heuvelland",
    "PO3106": "Parkstad",
}
BATCH = 2000
_ONBEKEND = object()


@dataclass
class ImportResultaat:
    soort: duo.Soort
    rijen: int
    nieuw: int = 0
    bijgewerkt: int = 0
    tellingen: int = 0

    @property
    def omschrijving(self) -> str:
        return duo.SOORT_LABELS[self.soort]


def duo_bestand_importeren(*, inhoud: bytes) -> ImportResultaat:
    """Import one DUO or region file, recognised by its header.

    All or nothing: a file with any bad row raises `duo.DuoBestandFout` (with every row
    error) and writes nothing. Re-importing the same file updates rows, never duplicates.
    Afterwards every school is (re)assigned to its samenwerkingsverband.
    """
    return _schrijf(duo.lees(inhoud))


# Region tables first, so that schools land in their SWV whatever order files come in.
VOLGORDE = [duo.Soort.REGIO_PC4, duo.Soort.REGIO_GEMEENTE, duo.Soort.REGISTER, duo.Soort.TELLINGEN]


def duo_bestanden_importeren(
    *, bestanden: list[tuple[str, bytes]]
) -> list[tuple[str, ImportResultaat | duo.DuoBestandFout]]:
    """Import several files, each all-or-nothing in its own transaction, in dependency
    order. Returns (name, result or error) per file, in the order they were handled."""
    gelezen, uitkomst = [], []
    for naam, inhoud in bestanden:
        try:
            gelezen.append((naam, duo.lees(inhoud)))
        except duo.DuoBestandFout as fout:
            uitkomst.append((naam, fout))
    for naam, bestand in sorted(gelezen, key=lambda ng: VOLGORDE.index(ng[1].soort)):
        uitkomst.append((naam, _schrijf(bestand)))
    return uitkomst


def _schrijf(gelezen: duo.Gelezen) -> ImportResultaat:
    with transaction.atomic():
        resultaat = _SCHRIJVERS[gelezen.soort](gelezen)
        scholen_indelen()
    return resultaat


def _swvs_aanmaken(codes) -> None:
    codes = {c for c in codes if duo._SWV.match(c)}
    bestaand = set(
        Samenwerkingsverband.objects.filter(code__in=codes).values_list("code", flat=True)
    )
    Samenwerkingsverband.objects.bulk_create(
        [
            Samenwerkingsverband(code=c, naam=BEKENDE_SWV_NAMEN.get(c, ""))
            for c in sorted(codes - bestaand)
        ],
        batch_size=BATCH,
    )


def _regio_pc4(gelezen) -> ImportResultaat:
    bestaand = set(RegioPostcode.objects.values_list("pc4", flat=True))
    RegioPostcode.objects.bulk_create(
        [RegioPostcode(**r) for r in gelezen.rijen],
        update_conflicts=True,
        unique_fields=["pc4"],
        update_fields=["gemeente", "po_swv", "vo_swv"],
        batch_size=BATCH,
    )
    _swvs_aanmaken({r["po_swv"] for r in gelezen.rijen} | {r["vo_swv"] for r in gelezen.rijen})
    nieuw = len({r["pc4"] for r in gelezen.rijen} - bestaand)
    return ImportResultaat(
        gelezen.soort, len(gelezen.rijen), nieuw=nieuw, bijgewerkt=len(gelezen.rijen) - nieuw
    )


def _regio_gemeente(gelezen) -> ImportResultaat:
    bestaand = set(RegioGemeente.objects.values_list("sector", "gemeente"))
    RegioGemeente.objects.bulk_create(
        [RegioGemeente(**r) for r in gelezen.rijen],
        update_conflicts=True,
        unique_fields=["sector", "gemeente"],
        update_fields=["swv_code"],
        batch_size=BATCH,
    )
    _swvs_aanmaken({r["swv_code"] for r in gelezen.rijen})
    nieuw = len({(r["sector"], r["gemeente"]) for r in gelezen.rijen} - bestaand)
    return ImportResultaat(
        gelezen.soort, len(gelezen.rijen), nieuw=nieuw, bijgewerkt=len(gelezen.rijen) - nieuw
    )


def _officiele_gemeentenamen() -> dict[str, str]:
    namen = {}
    for naam in RegioPostcode.objects.values_list("gemeente", flat=True).distinct():
        namen[duo.sleutel(naam)] = naam
    for naam in RegioGemeente.objects.values_list("gemeente", flat=True).distinct():
        namen[duo.sleutel(naam)] = naam
    return namen


def _besturen_en_gemeenten(rijen) -> tuple[dict[str, int], dict[str, int]]:
    nummers = {r["bestuur"] for r in rijen}
    bekend = set(Schoolbestuur.objects.filter(nummer__in=nummers).values_list("nummer", flat=True))
    Schoolbestuur.objects.bulk_create(
        [Schoolbestuur(nummer=n, naam=f"Bestuur {n}") for n in sorted(nummers - bekend)],
        batch_size=BATCH,
    )
    officieel = _officiele_gemeentenamen()
    gemeenten = {}
    for r in rijen:
        gemeenten[r["gemeentecode"]] = officieel.get(
            duo.sleutel(r["gemeentenaam"])
        ) or duo.nette_naam(r["gemeentenaam"])
    bestaand = dict(Gemeente.objects.filter(code__in=gemeenten).values_list("code", "naam"))
    nieuw = [Gemeente(code=c, naam=n) for c, n in gemeenten.items() if c not in bestaand]
    Gemeente.objects.bulk_create(nieuw, batch_size=BATCH)
    return (
        dict(Schoolbestuur.objects.filter(nummer__in=nummers).values_list("nummer", "id")),
        dict(Gemeente.objects.filter(code__in=gemeenten).values_list("code", "id")),
    )


# Only unambiguous cluster designations in a school's name; everything else is set by staff.
_CLUSTER_IN_NAAM = {"zmok": 4, "zmlk": 3, "mytyl": 3, "tyltyl": 3}


def _cluster(naam: str, soort: str) -> int | None:
    if soort not in ("SO", "SO_VSO", "VSO"):
        return None
    laag = naam.casefold()
    return next((c for woord, c in _CLUSTER_IN_NAAM.items() if woord in laag), None)


def _scholen(gelezen, velden: list[str], naam_bijwerken: bool) -> tuple[int, int, dict[str, int]]:
    besturen, gemeenten = _besturen_en_gemeenten(gelezen.rijen)
    codes = [r["vestigingscode"] for r in gelezen.rijen]
    bestaand = {s.vestigingscode: s for s in School.objects.filter(vestigingscode__in=codes)}
    nieuw, bij = [], []
    for r in gelezen.rijen:
        waarden = {v: r[v] for v in velden}
        waarden["bestuur_id"] = besturen[r["bestuur"]]
        waarden["gemeente_id"] = gemeenten[r["gemeentecode"]]
        school = bestaand.get(r["vestigingscode"])
        if school is None:
            nieuw.append(
                School(
                    vestigingscode=r["vestigingscode"],
                    naam=r["naam"],
                    cluster=_cluster(r["naam"], r["soort"]),
                    **waarden,
                )
            )
        else:
            if naam_bijwerken:
                waarden["naam"] = r["naam"]
            if school.cluster is not None and r["soort"] not in ("SO", "SO_VSO", "VSO"):
                waarden["cluster"] = None
            # Only rows that really change are written: a re-import is mostly a no-op.
            if any(getattr(school, veld) != waarde for veld, waarde in waarden.items()):
                for veld, waarde in waarden.items():
                    setattr(school, veld, waarde)
                bij.append(school)
    School.objects.bulk_create(nieuw, batch_size=BATCH)
    bijwerken = [*velden, "bestuur_id", "gemeente_id", "cluster"] + (
        ["naam"] if naam_bijwerken else []
    )
    School.objects.bulk_update(bij, [f.removesuffix("_id") for f in bijwerken], batch_size=BATCH)
    ids = dict(School.objects.filter(vestigingscode__in=codes).values_list("vestigingscode", "id"))
    return len(nieuw), len(bij), ids


def _register(gelezen) -> ImportResultaat:
    velden = [
        "instellingscode",
        "soort",
        "denominatie",
        "straat",
        "postcode",
        "plaats",
        "telefoon",
        "website",
    ]
    nieuw, bij, _ids = _scholen(gelezen, velden, naam_bijwerken=True)
    return ImportResultaat(gelezen.soort, len(gelezen.rijen), nieuw=nieuw, bijgewerkt=bij)


def _tellingen(gelezen) -> ImportResultaat:
    # The count file has no address; its names are older spellings, so it names only new schools.
    nieuw, bij, ids = _scholen(
        gelezen, ["instellingscode", "soort", "denominatie"], naam_bijwerken=False
    )
    bekend = {
        (school_id, teldatum): aantal
        for school_id, teldatum, aantal in Leerlingtelling.objects.filter(
            school_id__in=ids.values()
        ).values_list("school_id", "teldatum", "aantal")
    }
    tellingen, gewijzigd = [], []
    for r in gelezen.rijen:
        school_id = ids[r["vestigingscode"]]
        for teldatum, aantal in r["tellingen"].items():
            vorig = bekend.get((school_id, teldatum), _ONBEKEND)
            if vorig == aantal:
                continue  # unchanged: nothing to write (most of a re-import)
            telling = Leerlingtelling(
                school_id=school_id, teldatum=teldatum, aantal=aantal, gemaskeerd=aantal is None
            )
            (tellingen if vorig is _ONBEKEND else gewijzigd).append(telling)
    Leerlingtelling.objects.bulk_create(tellingen, batch_size=BATCH)
    # Changed counts (DUO corrects earlier years now and then): upsert on the unique key.
    Leerlingtelling.objects.bulk_create(
        gewijzigd,
        update_conflicts=True,
        unique_fields=["school", "teldatum"],
        update_fields=["aantal", "gemaskeerd"],
        batch_size=BATCH,
    )
    tellingen += gewijzigd
    return ImportResultaat(
        gelezen.soort, len(gelezen.rijen), nieuw=nieuw, bijgewerkt=bij, tellingen=len(tellingen)
    )


_SCHRIJVERS = {
    duo.Soort.REGIO_PC4: _regio_pc4,
    duo.Soort.REGIO_GEMEENTE: _regio_gemeente,
    duo.Soort.REGISTER: _register,
    duo.Soort.TELLINGEN: _tellingen,
}


@transaction.atomic
def scholen_indelen() -> int:
    """Assign every school to its samenwerkingsverband from the official region table.

    Regular schools follow their postcode (PC4 table). Schools without a known postcode
    (DUO's count file has none for SBO/SO) follow their municipality: by name in the
    2013 table, or else the SWV most of that municipality's postcode-placed schools are in
    (mergers after 2013, e.g. Beekdaelen). VSO follows the VO table, everything else PO.
    Also links each gemeente to the SWVs its schools and the table put it in. Returns the
    number of schools whose SWV changed.
    """
    swv_ids = dict(Samenwerkingsverband.objects.values_list("code", "id"))
    if not swv_ids:
        return 0
    pc4 = {
        p: (po, vo) for p, po, vo in RegioPostcode.objects.values_list("pc4", "po_swv", "vo_swv")
    }
    per_naam = {
        (s, duo.sleutel(g)): c
        for s, g, c in RegioGemeente.objects.values_list("sector", "gemeente", "swv_code")
    }
    scholen = list(
        School.objects.select_related("gemeente").only(
            "id", "soort", "postcode", "swv_id", "gemeente"
        )
    )

    def sector(school):
        return "VO" if school.soort == "VSO" else "PO"

    gekozen: dict[int, int | None] = {}
    per_gemeente: dict[tuple[str, int], Counter] = defaultdict(Counter)
    for school in scholen:
        regio = pc4.get(school.postcode[:4]) if school.postcode else None
        code = (regio[0] if sector(school) == "PO" else regio[1]) if regio else None
        if code in swv_ids:
            gekozen[school.id] = swv_ids[code]
            per_gemeente[(sector(school), school.gemeente_id)][swv_ids[code]] += 1
    for school in scholen:
        if school.id in gekozen:
            continue
        code = per_naam.get((sector(school), duo.sleutel(school.gemeente.naam)))
        if code in swv_ids:
            gekozen[school.id] = swv_ids[code]
        elif teller := per_gemeente.get((sector(school), school.gemeente_id)):
            gekozen[school.id] = teller.most_common(1)[0][0]
        else:
            gekozen[school.id] = school.swv_id  # nothing known: keep what staff set
    gewijzigd = [s for s in scholen if gekozen[s.id] != s.swv_id]
    for school in gewijzigd:
        school.swv_id = gekozen[school.id]
    School.objects.bulk_update(gewijzigd, ["swv"], batch_size=BATCH)

    koppel = Gemeente.samenwerkingsverbanden.through
    paren = set(School.objects.filter(swv__isnull=False).values_list("gemeente_id", "swv_id"))
    for gemeente in Gemeente.objects.only("id", "naam"):
        for s in ("PO", "VO"):
            code = per_naam.get((s, duo.sleutel(gemeente.naam)))
            if code in swv_ids:
                paren.add((gemeente.id, swv_ids[code]))
    koppel.objects.bulk_create(
        [koppel(gemeente_id=g, samenwerkingsverband_id=s) for g, s in paren],
        ignore_conflicts=True,
        batch_size=BATCH,
    )
    return len(gewijzigd)
