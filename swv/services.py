"""Writes to organisation data. Every function is atomic and keyword-only."""

import io
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import partial
from types import SimpleNamespace

from django.db import connection, transaction
from django.utils.translation import gettext as _

from . import duo, signals
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
    # Rows refused for an unusable key, and what was derived or left empty in the others.
    geweigerd: list[duo.Melding] = field(default_factory=list)
    waarschuwingen: list[duo.Melding] = field(default_factory=list)

    @property
    def omschrijving(self) -> str:
        return duo.SOORT_LABELS[self.soort]

    @property
    def overgeslagen(self) -> int:
        """The number of refused rows (one row can be refused for several reasons)."""
        return len({m.regel for m in self.geweigerd})


def duo_bestand_importeren(*, inhoud: bytes) -> ImportResultaat:
    """Import one DUO or region file, recognised by its header.

    Rows with an unusable key are skipped and listed in `geweigerd`; every other row is
    saved, and what was derived or left empty in it is listed in `waarschuwingen`. Raises
    `duo.DuoBestandFout` (writing nothing) when no row of the file can be used.
    Re-importing updates rows, never duplicates. Afterwards every school is (re)assigned
    to its samenwerkingsverband.
    """
    [(_naam, uitkomst)] = duo_bestanden_importeren(bestanden=[("", inhoud)])
    if isinstance(uitkomst, duo.DuoBestandFout):
        raise uitkomst
    return uitkomst


# Region tables first, so that schools land in their SWV whatever order files come in.
VOLGORDE = [duo.Soort.REGIO_PC4, duo.Soort.REGIO_GEMEENTE, duo.Soort.REGISTER, duo.Soort.TELLINGEN]


def duo_bestanden_importeren(
    *, bestanden: list[tuple[str, bytes]]
) -> list[tuple[str, ImportResultaat | duo.DuoBestandFout]]:
    """Import several files in dependency order, all in one transaction: an unexpected
    error saves nothing of any of them. A file of which no row can be used comes back as
    its `duo.DuoBestandFout` (nothing of it saved); the others as their ImportResultaat,
    with their refused rows and warnings. Returns (name, outcome) per file, in the order
    they were handled.

    Every file is written before the schools are placed in their samenwerkingsverband,
    once (`scholen_indelen`), whatever the number of files. Counts and new schools are
    written without a model object per row (COPY on PostgreSQL, executemany on SQLite).
    After a bulk load PostgreSQL gets fresh planner statistics: ANALYZE of the loaded
    tables once the import has committed. VACUUM cannot run inside a transaction; the
    autovacuum daemon follows a bulk load (PostgreSQL 13+ also vacuums after inserts),
    or run `VACUUM ANALYZE swv_leerlingtelling, swv_school` after a first national load."""
    gelezen, uitkomst = [], []
    for naam, inhoud in bestanden:
        try:
            gelezen.append((naam, duo.lees(inhoud)))
        except duo.DuoBestandFout as fout:
            uitkomst.append((naam, fout))
    if not gelezen:
        return uitkomst
    with transaction.atomic():
        for naam, bestand in sorted(gelezen, key=lambda ng: VOLGORDE.index(ng[1].soort)):
            uitkomst.append((naam, _schrijf(bestand)))
        scholen_indelen()
        signals.gegevens_geimporteerd.send(sender=None)
        geladen = Counter()
        for _naam, u in uitkomst:
            if isinstance(u, ImportResultaat):
                for model in _TABELLEN[u.soort]:
                    geladen[model] += _geschreven(u, model)
        if tabellen := [m._meta.db_table for m, n in geladen.items() if n >= ANALYSE_VANAF]:
            transaction.on_commit(partial(_analyseren, tabellen))
    return uitkomst


# The tables each kind of file writes, and from how many rows written on a table counts
# as a bulk load whose statistics are worth refreshing (autovacuum's own analyze
# threshold is 50 rows plus 10% of the table).
_TABELLEN = {
    duo.Soort.REGIO_PC4: [RegioPostcode],
    duo.Soort.REGIO_GEMEENTE: [RegioGemeente],
    duo.Soort.REGISTER: [School],
    duo.Soort.TELLINGEN: [School, Leerlingtelling],
}
ANALYSE_VANAF = 1000


def _geschreven(resultaat: ImportResultaat, model) -> int:
    if model is Leerlingtelling:
        return resultaat.tellingen
    if model is School:
        return resultaat.nieuw + resultaat.bijgewerkt
    return resultaat.rijen  # the region tables are upserted as a whole


def _analyseren(tabellen: list[str]) -> None:
    """ANALYZE the bulk-loaded tables on PostgreSQL, after the commit: the planner's row
    estimates for a table that grew from nothing to 292,000 counts are otherwise wrong
    until autovacuum comes by. SQLite has no such statistics without ANALYZE either, but
    its planner does well on these few indexed lookups."""
    if connection.vendor != "postgresql":
        return
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(qn(t) for t in sorted(tabellen))}")


def _schrijf(gelezen: duo.Gelezen) -> ImportResultaat | duo.DuoBestandFout:
    with transaction.atomic():
        resultaat = _SCHRIJVERS[gelezen.soort](gelezen)
        resultaat.geweigerd = sorted(gelezen.geweigerd, key=lambda m: m.regel)
        resultaat.waarschuwingen = sorted(gelezen.waarschuwingen, key=lambda m: m.regel)
        if not resultaat.rijen:  # every row refused: the file as a whole is not imported
            transaction.set_rollback(True)
            return duo.DuoBestandFout(resultaat.geweigerd)
    return resultaat


def _leeg(gelezen: duo.Gelezen, r: dict, veld: str, actie: str) -> None:
    """Warn about a blank or invalid value of the row, saying what was done instead (no
    warning when the whole column is absent: that is reported once, on line 1)."""
    if leeg := r["leeg"].get(veld):
        kolom, reden = leeg
        gelezen.waarschuwingen.append(duo.Melding(r["regel"], kolom, f"{reden}; {actie}"))


def _waarschuw(gelezen: duo.Gelezen, r: dict, veld: str, tekst: str) -> None:
    gelezen.waarschuwingen.append(duo.Melding(r["regel"], duo.KOLOMMEN[gelezen.soort][veld], tekst))


def _weiger(gelezen: duo.Gelezen, rijen: list[dict], veld: str, gevolg: str) -> None:
    """Refuse the rows: `veld` is unknown and cannot be derived, and the row needs it."""
    weg = set()
    for r in rijen:
        kolom, reden = r["leeg"].get(veld) or (
            duo.KOLOMMEN[gelezen.soort][veld],
            _("kolom ontbreekt"),
        )
        gelezen.geweigerd.append(duo.Melding(r["regel"], kolom, f"{reden}; {gevolg(r)}"))
        weg.add(r["regel"])
    if weg:
        gelezen.rijen = [r for r in gelezen.rijen if r["regel"] not in weg]


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
    bestaand = dict(RegioPostcode.objects.values_list("pc4", "gemeente"))
    for r in gelezen.rijen:
        if r["gemeente"] is None:
            r["gemeente"] = bestaand.get(r["pc4"], "")
            _leeg(
                gelezen,
                r,
                "gemeente",
                _("bekende gemeente '%(w)s' behouden.") % {"w": r["gemeente"]}
                if r["gemeente"]
                else _("leeg gelaten."),
            )
    RegioPostcode.objects.bulk_create(
        [
            RegioPostcode(
                pc4=r["pc4"], gemeente=r["gemeente"], po_swv=r["po_swv"], vo_swv=r["vo_swv"]
            )
            for r in gelezen.rijen
        ],
        update_conflicts=True,
        unique_fields=["pc4"],
        update_fields=["gemeente", "po_swv", "vo_swv"],
        batch_size=BATCH,
    )
    _swvs_aanmaken({r["po_swv"] for r in gelezen.rijen} | {r["vo_swv"] for r in gelezen.rijen})
    nieuw = len({r["pc4"] for r in gelezen.rijen} - bestaand.keys())
    return ImportResultaat(
        gelezen.soort, len(gelezen.rijen), nieuw=nieuw, bijgewerkt=len(gelezen.rijen) - nieuw
    )


def _regio_gemeente(gelezen) -> ImportResultaat:
    bestaand = set(RegioGemeente.objects.values_list("sector", "gemeente"))
    RegioGemeente.objects.bulk_create(
        [
            RegioGemeente(sector=r["sector"], gemeente=r["gemeente"], swv_code=r["swv_code"])
            for r in gelezen.rijen
        ],
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


def _meest(teller: Counter):
    return teller.most_common(1)[0][0]


def _besturen_afleiden(gelezen: duo.Gelezen, bestaand: dict[str, School]) -> None:
    """A missing bevoegd-gezagnummer is the instelling's: from its other vestigingen in
    this file, else the vestiging's own known bestuur, else the instelling's known
    vestigingen. Without any, a new vestiging cannot be saved: the row is refused."""
    onbekend = [r for r in gelezen.rijen if r["bestuur"] is None]
    if not onbekend:
        return
    in_bestand: dict[str, Counter] = defaultdict(Counter)
    for r in gelezen.rijen:
        if r["bestuur"] is not None:
            in_bestand[r["instellingscode"]][r["bestuur"]] += 1
    eigen, bekend = {}, defaultdict(Counter)
    for code, brin, nummer in School.objects.filter(
        instellingscode__in={r["instellingscode"] for r in onbekend}
    ).values_list("vestigingscode", "instellingscode", "bestuur__nummer"):
        eigen[code] = nummer
        bekend[brin][nummer] += 1
    zonder = []
    for r in onbekend:
        brin = r["instellingscode"]
        if teller := in_bestand.get(brin):
            r["bestuur"] = _meest(teller)
            actie = _("%(n)s overgenomen van de andere vestigingen van instelling %(b)s.")
        elif r["vestigingscode"] in eigen:
            r["bestuur"] = eigen[r["vestigingscode"]]
            actie = _("bekend bevoegd gezag %(n)s behouden.")
        elif teller := bekend.get(brin):
            r["bestuur"] = _meest(teller)
            actie = _("%(n)s overgenomen van de bekende vestigingen van instelling %(b)s.")
        else:
            zonder.append(r)
            continue
        _leeg(gelezen, r, "bestuur", actie % {"n": r["bestuur"], "b": brin})
    _weiger(
        gelezen,
        zonder,
        "bestuur",
        lambda r: (
            _(
                "geen andere vestiging van instelling %(b)s bekend om het bevoegd gezag van over "
                "te nemen, en een nieuwe vestiging heeft er een nodig; regel overgeslagen."
            )
            % {"b": r["instellingscode"]}
        ),
    )


def _gemeentenaam(duo_naam: str, officieel: dict[str, str]) -> str:
    return officieel.get(duo.sleutel(duo_naam)) or duo.nette_naam(duo_naam)


def _gemeenten_afleiden(gelezen: duo.Gelezen, bestaand: dict[str, School]) -> None:
    """Give every row its `gemeente_id`, creating or renaming gemeenten as the file says.

    A missing gemeentenummer follows from the gemeentenaam (other rows of the file, else
    a known gemeente), else the vestiging's known gemeente; else the row is refused. A
    missing gemeentenaam follows from the gemeentenummer: other rows of the file, else the
    known gemeente, else the region table (when the postcodes of the file's vestigingen
    with that number point at one gemeente), else a provisional 'Gemeente <nummer>'. A
    known gemeente takes the name DUO now gives its number (renamed municipalities).
    """
    rijen = gelezen.rijen
    officieel = _officiele_gemeentenamen()
    alle = {i: (c, n) for i, c, n in Gemeente.objects.values_list("id", "code", "naam")}
    per_code = {c: i for i, (c, _n) in alle.items() if c}
    per_sleutel = {duo.sleutel(n): i for i, (_c, n) in alle.items()}

    namen: dict[str, Counter] = defaultdict(Counter)  # code -> DUO names in the file
    codes: dict[str, Counter] = defaultdict(Counter)  # name key -> codes in the file
    for r in rijen:
        if r["gemeentecode"] and r["gemeentenaam"]:
            namen[r["gemeentecode"]][r["gemeentenaam"]] += 1
            codes[duo.sleutel(r["gemeentenaam"])][r["gemeentecode"]] += 1

    zonder = []
    for r in rijen:
        if r["gemeentecode"] is not None:
            continue
        naam = r["gemeentenaam"]
        if naam and (teller := codes.get(duo.sleutel(naam))):
            r["gemeentecode"] = _meest(teller)
            actie = _("%(c)s afgeleid uit gemeentenaam '%(n)s' (andere regels van dit bestand).")
            _leeg(gelezen, r, "gemeentecode", actie % {"c": r["gemeentecode"], "n": naam})
        elif naam and (gid := per_sleutel.get(duo.sleutel(naam))):
            r["gemeente_id"] = gid
            actie = _("de bekende gemeente '%(n)s' gebruikt.")
            _leeg(gelezen, r, "gemeentecode", actie % {"n": alle[gid][1]})
        elif school := bestaand.get(r["vestigingscode"]):
            r["gemeente_id"] = school.gemeente_id
            _leeg(gelezen, r, "gemeentecode", _("de bekende gemeente van de vestiging behouden."))
        else:
            zonder.append(r)
    _weiger(
        gelezen,
        zonder,
        "gemeentecode",
        lambda r: _(
            "de gemeente is niet af te leiden, en een nieuwe vestiging heeft er een nodig; "
            "regel overgeslagen."
        ),
    )
    rijen = [r for r in gelezen.rijen if "gemeente_id" not in r]
    eerste = {}
    for r in rijen:
        eerste.setdefault(r["gemeentecode"], r)

    # The region table names a municipality per postcode (2015 names): used only when
    # the file names none and all its postcodes for that number agree.
    regio: dict[str, tuple[str, str]] = {}
    pc4s: dict[str, set] = defaultdict(set)
    for r in rijen:
        if r["gemeentecode"] not in namen and r.get("postcode"):
            pc4s[r["gemeentecode"]].add(r["postcode"][:4])
    if pc4s:
        tabel = dict(
            RegioPostcode.objects.filter(pc4__in=set().union(*pc4s.values())).values_list(
                "pc4", "gemeente"
            )
        )
        for code, postcodes in pc4s.items():
            gevonden = {tabel[p]: p for p in sorted(postcodes) if tabel.get(p)}
            if len(gevonden) == 1:
                regio[code] = next(iter(gevonden.items()))

    bezet = {duo.sleutel(n): i for i, (_c, n) in alle.items()}

    def vrije_naam(naam: str, code: str, eigen) -> str:
        houder = bezet.get(duo.sleutel(naam), eigen)
        if houder != eigen:
            _waarschuw(
                gelezen,
                eerste[code],
                "gemeentenaam",
                _(
                    "de naam '%(n)s' is al van een andere gemeente; gemeente %(c)s heet '%(n)s (%(c)s)'."
                )
                % {"n": naam, "c": code},
            )
            naam = f"{naam} ({code})"
        bezet[duo.sleutel(naam)] = eigen
        return naam

    ids, bron, nieuw, bijwerken = {}, {}, [], []
    for code in sorted(eerste):
        if code in namen:
            doel, herkomst = _gemeentenaam(_meest(namen[code]), officieel), "bestand"
        elif code in regio:
            doel, herkomst = regio[code][0], "regio"
        else:
            doel, herkomst = None, "voorlopig"
        voorlopig = _("Gemeente %(c)s") % {"c": code}
        if (gid := per_code.get(code)) is not None:
            ids[code] = gid
            huidig = alle[gid][1]
            if (
                doel
                and duo.sleutel(doel) != duo.sleutel(huidig)
                and (herkomst == "bestand" or huidig == voorlopig)
            ):
                doel = vrije_naam(doel, code, gid)
                bijwerken.append(Gemeente(id=gid, code=code, naam=doel))
                if huidig != voorlopig:
                    _waarschuw(
                        gelezen,
                        eerste[code],
                        "gemeentenaam",
                        _("gemeente %(c)s heette '%(oud)s'; de naam is nu '%(n)s'.")
                        % {"c": code, "oud": huidig, "n": doel},
                    )
                bron[code] = (herkomst, doel)
            else:
                bron[code] = ("bestand" if herkomst == "bestand" else "bekend", huidig)
            continue
        naam = doel or voorlopig
        houder = bezet.get(duo.sleutel(naam))
        if houder is not None and alle[houder][0] is None:
            # A gemeente entered by hand without a number: this is its number.
            ids[code] = houder
            bijwerken.append(Gemeente(id=houder, code=code, naam=alle[houder][1]))
            bron[code] = (herkomst, alle[houder][1])
            continue
        naam = vrije_naam(naam, code, ("nieuw", code))
        nieuw.append(Gemeente(code=code, naam=naam))
        bron[code] = (herkomst, naam)
    Gemeente.objects.bulk_update(bijwerken, ["code", "naam"], batch_size=BATCH)
    Gemeente.objects.bulk_create(nieuw, batch_size=BATCH)
    if nieuw:
        ids.update(
            Gemeente.objects.filter(code__in=[g.code for g in nieuw]).values_list("code", "id")
        )

    acties = {
        "bestand": _("'%(n)s' afgeleid uit gemeentenummer %(c)s (andere regels van dit bestand)."),
        "bekend": _("gemeentenummer %(c)s is de bekende gemeente '%(n)s'."),
        "regio": _("'%(n)s' afgeleid uit de regio-indeling (postcodegebied %(p)s)."),
        "voorlopig": _("niet af te leiden; de gemeente heet voorlopig '%(n)s'."),
    }
    for r in rijen:
        code = r["gemeentecode"]
        herkomst, naam = bron[code]
        if r["gemeentenaam"] is None:
            p = regio.get(code, ("", ""))[1]
            _leeg(gelezen, r, "gemeentenaam", acties[herkomst] % {"n": naam, "c": code, "p": p})
        elif code in namen and duo.sleutel(r["gemeentenaam"]) != duo.sleutel(_meest(namen[code])):
            _waarschuw(
                gelezen,
                r,
                "gemeentenaam",
                _(
                    "'%(w)s' wijkt af van de andere regels met gemeentenummer %(c)s; '%(n)s' gebruikt."
                )
                % {"w": r["gemeentenaam"], "c": code, "n": naam},
            )
        r["gemeente_id"] = ids[code]


def _besturen(rijen) -> dict[str, int]:
    nummers = {r["bestuur"] for r in rijen}
    bekend = set(Schoolbestuur.objects.filter(nummer__in=nummers).values_list("nummer", flat=True))
    Schoolbestuur.objects.bulk_create(
        [Schoolbestuur(nummer=n, naam=f"Bestuur {n}") for n in sorted(nummers - bekend)],
        batch_size=BATCH,
    )
    return dict(Schoolbestuur.objects.filter(nummer__in=nummers).values_list("nummer", "id"))


# Only unambiguous cluster designations in a school's name; everything else is set by staff.
_CLUSTER_IN_NAAM = {"zmok": 4, "zmlk": 3, "mytyl": 3, "tyltyl": 3}


def _cluster(naam: str, soort: str) -> int | None:
    if soort not in ("SO", "SO_VSO", "VSO"):
        return None
    laag = naam.casefold()
    return next((c for woord, c in _CLUSTER_IN_NAAM.items() if woord in laag), None)


def _beschrijving(gelezen, r, veld, school, lengte) -> str:
    """The value to store: the file's, else (unknown) the school's known one, else empty
    (a provisional name for a new school); too long values are cut to the field."""
    waarde = r[veld]
    if waarde is None:
        waarde = getattr(school, veld) if school is not None else ""
        if waarde:
            actie = _("bekende waarde '%(w)s' behouden.") % {"w": waarde}
        elif veld == "naam":
            waarde = _("Vestiging %(c)s") % {"c": r["vestigingscode"]}
            actie = _("voorlopig '%(w)s' genoemd.") % {"w": waarde}
        elif veld == "postcode":
            actie = _("leeg gelaten (het samenwerkingsverband volgt dan uit de gemeente).")
        else:
            actie = _("leeg gelaten.")
        _leeg(gelezen, r, veld, actie)
    if len(waarde) > lengte:
        _waarschuw(gelezen, r, veld, _("langer dan %(n)s tekens; ingekort.") % {"n": lengte})
        waarde = waarde[:lengte]
    return waarde


def _scholen(gelezen, velden: list[str], naam_bijwerken: bool) -> tuple[int, int, dict[str, int]]:
    codes = [r["vestigingscode"] for r in gelezen.rijen]
    # Known schools as plain records: a national file has 16,000 rows, and model objects
    # for them cost more than the whole comparison.
    bestaand = {
        s["vestigingscode"]: SimpleNamespace(**s)
        for s in School.objects.filter(vestigingscode__in=codes).values()
    }
    _besturen_afleiden(gelezen, bestaand)
    _gemeenten_afleiden(gelezen, bestaand)
    besturen = _besturen(gelezen.rijen)
    lengtes = {v: School._meta.get_field(v).max_length for v in [*velden, "naam"]}
    nieuw, bij = [], []
    for r in gelezen.rijen:
        school = bestaand.get(r["vestigingscode"])
        waarden = {v: _beschrijving(gelezen, r, v, school, lengtes[v]) for v in velden}
        waarden["bestuur_id"] = besturen[r["bestuur"]]
        waarden["gemeente_id"] = r["gemeente_id"]
        naam = _beschrijving(gelezen, r, "naam", school, lengtes["naam"])
        if school is None:
            waarden.update(
                vestigingscode=r["vestigingscode"], naam=naam, cluster=_cluster(naam, r["soort"])
            )
            nieuw.append(waarden)
        else:
            if naam_bijwerken:
                waarden["naam"] = naam
            if school.cluster is not None and r["soort"] not in ("SO", "SO_VSO", "VSO"):
                waarden["cluster"] = None
            # Only rows that really change are written: a re-import is mostly a no-op.
            if any(getattr(school, veld) != waarde for veld, waarde in waarden.items()):
                bij.append(School(**{**vars(school), **waarden}))
    _invoegen(School, nieuw)
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
    bekend = _bekende_tellingen(ids.values())
    tellingen, gewijzigd = [], []
    for r in gelezen.rijen:
        school_id = ids[r["vestigingscode"]]
        for teldatum, aantal in r["tellingen"].items():
            dag = teldatum.isoformat()
            vorig = bekend.get((school_id, dag), _ONBEKEND)
            if vorig == aantal:
                continue  # unchanged: nothing to write (most of a re-import)
            (tellingen if vorig is _ONBEKEND else gewijzigd).append(
                (school_id, dag, aantal, aantal is None)
            )
    _tellingen_schrijven(nieuw=tellingen, gewijzigd=gewijzigd)
    return ImportResultaat(
        gelezen.soort,
        len(gelezen.rijen),
        nieuw=nieuw,
        bijgewerkt=bij,
        tellingen=len(tellingen) + len(gewijzigd),
    )


def _bekende_tellingen(school_ids) -> dict[tuple[int, str], int | None]:
    """The stored counts of these schools by (school id, ISO date), in one plain query: a
    national re-import compares 292,000 counts, too many to build model objects for."""
    school_ids = list(school_ids)
    if not school_ids:
        return {}
    tabel = connection.ops.quote_name(Leerlingtelling._meta.db_table)
    # Dates as text: parsing 292,000 of them only to compare them costs more than the query.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT school_id, to_char(teldatum, 'YYYY-MM-DD'), aantal FROM {tabel} "  # noqa: S608
                "WHERE school_id = ANY(%s)",
                [school_ids],
            )
        else:
            cursor.execute(
                f"SELECT school_id, CAST(teldatum AS TEXT), aantal FROM {tabel} "  # noqa: S608
                "WHERE school_id IN (SELECT value FROM json_each(%s))",
                [json.dumps(school_ids)],
            )
        return {(s, d): a for s, d, a in cursor.fetchall()}


_TELLING_KOLOMMEN = ("school_id", "teldatum", "aantal", "gemaskeerd")


def _tellingen_schrijven(*, nieuw: list[tuple], gewijzigd: list[tuple]) -> None:
    """Write counts given as (school id, ISO date, aantal or None, gemaskeerd) without a
    model object per row: new rows with COPY on PostgreSQL and one prepared INSERT
    (executemany) on SQLite; changed rows (DUO corrects earlier years now and then) with
    a COPY into a temporary table and one UPDATE on PostgreSQL, one prepared UPDATE on
    SQLite. Runs inside the caller's transaction, so an error saves none of them."""
    kolommen = _TELLING_KOLOMMEN
    _invoegen(Leerlingtelling, nieuw, kolommen)
    if not gewijzigd:
        return
    tabel = connection.ops.quote_name(Leerlingtelling._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE TEMPORARY TABLE swv_telling_wijziging "
                "(school_id bigint, teldatum date, aantal integer, gemaskeerd boolean) "
                "ON COMMIT DROP"
            )
            with connection.wrap_database_errors:  # Django's errors, as from the ORM
                cursor.copy_expert(
                    f"COPY swv_telling_wijziging ({', '.join(kolommen)}) FROM STDIN",
                    _copy_tekst(gewijzigd),
                )
            cursor.execute(
                f"UPDATE {tabel} AS t SET aantal = w.aantal, gemaskeerd = w.gemaskeerd "  # noqa: S608
                "FROM swv_telling_wijziging AS w "
                "WHERE t.school_id = w.school_id AND t.teldatum = w.teldatum"
            )
            cursor.execute("DROP TABLE swv_telling_wijziging")
        else:
            cursor.executemany(
                f"UPDATE {tabel} SET aantal = %s, gemaskeerd = %s "  # noqa: S608
                "WHERE school_id = %s AND teldatum = %s",
                [(a, g, s, d) for s, d, a, g in gewijzigd],
            )


def _invoegen(model, rijen: list, kolommen: tuple[str, ...] | None = None) -> None:
    """INSERT rows without a model object each: COPY on PostgreSQL, one prepared INSERT
    (executemany) elsewhere. Rows are tuples in the order of `kolommen`, or dicts by
    attname in which a missing field takes its default (as bulk_create does). Values must
    be ready for the database (ids, ISO dates, str, int, bool, None). Like bulk_create,
    this sends no signals: DUO data has no history of its own."""
    if not rijen:
        return
    if kolommen is None:
        velden = [f for f in model._meta.concrete_fields if not f.primary_key]
        kolommen = tuple(f.column for f in velden)
        rijen = [
            tuple(r[f.attname] if f.attname in r else f.get_default() for f in velden)
            for r in rijen
        ]
    qn = connection.ops.quote_name
    tabel, namen = qn(model._meta.db_table), ", ".join(qn(k) for k in kolommen)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # copy_expert bypasses Django's error wrapping: IntegrityError, DataError etc.
            # as from the ORM.
            with connection.wrap_database_errors:
                cursor.copy_expert(f"COPY {tabel} ({namen}) FROM STDIN", _copy_tekst(rijen))
        else:
            plekken = ", ".join(["%s"] * len(kolommen))
            sql = f"INSERT INTO {tabel} ({namen}) VALUES ({plekken})"  # noqa: S608
            cursor.executemany(sql, rijen)


_COPY_TEKENS = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_waarde(waarde) -> str:
    if waarde is None:
        return "\\N"
    if waarde is True or waarde is False:
        return "t" if waarde else "f"
    if isinstance(waarde, str):
        return waarde.translate(_COPY_TEKENS)
    return str(waarde)


def _copy_tekst(rijen: list[tuple]) -> io.StringIO:
    """Rows in COPY's text format: tab-separated, \\N for NULL, t/f, text escaped."""
    buffer = io.StringIO()
    buffer.writelines("\t".join(map(_copy_waarde, rij)) + "\n" for rij in rijen)
    buffer.seek(0)
    return buffer


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
    # Plain rows, no model objects: a national import places 16,000 schools.
    gemeentenamen = dict(Gemeente.objects.values_list("id", "naam"))
    scholen = list(
        School.objects.order_by().values_list(
            "id", "soort", "postcode", "swv_id", "gemeente_id", named=True
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
        code = per_naam.get((sector(school), duo.sleutel(gemeentenamen[school.gemeente_id])))
        if code in swv_ids:
            gekozen[school.id] = swv_ids[code]
        elif teller := per_gemeente.get((sector(school), school.gemeente_id)):
            gekozen[school.id] = teller.most_common(1)[0][0]
        else:
            gekozen[school.id] = school.swv_id  # nothing known: keep what staff set
    gewijzigd = [s for s in scholen if gekozen[s.id] != s.swv_id]
    # One UPDATE per SWV rather than bulk_update's CASE over every school: a first
    # national import changes all 16,000 of them, into some 150 SWVs.
    per_swv: dict[int, list[int]] = defaultdict(list)
    for school in gewijzigd:
        per_swv[gekozen[school.id]].append(school.id)
    for swv_id, ids in per_swv.items():
        for i in range(0, len(ids), BATCH):
            School.objects.filter(id__in=ids[i : i + BATCH]).update(swv_id=swv_id)

    koppel = Gemeente.samenwerkingsverbanden.through
    paren = set(School.objects.filter(swv__isnull=False).values_list("gemeente_id", "swv_id"))
    for gemeente_id, naam in gemeentenamen.items():
        for s in ("PO", "VO"):
            code = per_naam.get((s, duo.sleutel(naam)))
            if code in swv_ids:
                paren.add((gemeente_id, swv_ids[code]))
    koppel.objects.bulk_create(
        [koppel(gemeente_id=g, samenwerkingsverband_id=s) for g, s in paren],
        ignore_conflicts=True,
        batch_size=BATCH,
    )
    return len(gewijzigd)
