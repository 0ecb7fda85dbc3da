"""Reading DUO open-data files and the official SWV region table.

Pure parsing: bytes in, checked rows out. Writing (and every derivation that needs the
database) is done by `swv.services.duo_bestanden_importeren`. Each file kind is
recognised by its header row; columns are found by name, so extra and reordered columns
and trailing delimiters do no harm.

Per row, only the keys a row cannot do without are checked strictly (vestigingscode,
soort, counts, the region codes): a row with an unusable key is refused and reported,
the other rows go on. A blank or invalid descriptive value is unknown (`None`) and
recorded in the row's `leeg`, so that the service can derive it or keep what it knows,
and say so in a warning.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import partial

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop


class Soort(StrEnum):
    REGISTER = "register"
    TELLINGEN = "tellingen"
    REGIO_PC4 = "regio_pc4"
    REGIO_GEMEENTE = "regio_gemeente"


SOORT_LABELS = {
    Soort.REGISTER: "DUO-schoolregister (alle schoolvestigingen basisonderwijs)",
    Soort.TELLINGEN: "DUO-leerlingtellingen per vestiging (historisch overzicht)",
    Soort.REGIO_PC4: "Regio-indeling samenwerkingsverbanden per postcode",
    Soort.REGIO_GEMEENTE: "Regio-indeling samenwerkingsverbanden per gemeente",
}

DUO_SOORTEN = {"BO": "BAO", "SBO": "SBO", "SO": "SO", "SO/VSO": "SO_VSO", "VSO": "VSO"}
TELDAG = (10, 1)  # DUO's open pupil counts are per 1 October

_VESTIGING = re.compile(r"^[0-9A-Z]{4}[0-9]{2}$")
_POSTCODE = re.compile(r"^([1-9][0-9]{3}) ?([A-Z]{2})$")
_SWV = re.compile(r"^(PO|VO)[0-9]{4}$")
_JAARKOLOM = re.compile(r"^LEERLINGEN_([0-9]{4})$")
# The largest count the database takes (a PostgreSQL integer): anything above it is a bad
# value, refused with the row, not a database error halfway through an import.
MAX_AANTAL = 2_147_483_647


@dataclass(frozen=True)
class Melding:
    """A remark on one row (and column) of a file: why it was refused, or what was derived."""

    regel: int
    kolom: str
    reden: str

    def __str__(self):
        return _("regel %(regel)s, kolom %(kolom)s: %(reden)s") % {
            "regel": self.regel,
            "kolom": self.kolom or "-",
            "reden": self.reden,
        }


class DuoBestandFout(Exception):
    """Nothing of the file can be imported (unreadable, unrecognised, or no usable row);
    `fouten` says where and why. Nothing of it was written."""

    def __init__(self, fouten: list[Melding]):
        self.fouten = fouten
        super().__init__("; ".join(str(f) for f in fouten[:5]))


@dataclass
class Gelezen:
    soort: Soort
    rijen: list[dict] = field(default_factory=list)
    jaren: list[int] = field(default_factory=list)
    # Refused rows (unusable key) and what was noticed in the rows that were kept.
    geweigerd: list[Melding] = field(default_factory=list)
    waarschuwingen: list[Melding] = field(default_factory=list)


def decodeer(inhoud: bytes) -> str:
    """UTF-8 (with or without BOM) when the bytes are valid UTF-8, else cp1252: DUO uses
    both, and cp1252 text with accents is almost never valid UTF-8."""
    try:
        return inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        return inhoud.decode("cp1252")


def kolomnaam(kop: str) -> str:
    """Header names compare without case, BOM or extra whitespace."""
    return " ".join(kop.replace("\ufeff", "").split()).upper()


def herken(kop: list[str]) -> Soort | None:
    k = set(kop)
    if "VESTIGINGSCODE" in k and any(_JAARKOLOM.match(c) for c in kop):
        return Soort.TELLINGEN
    if "VESTIGINGSCODE" in k and {"BEVOEGD GEZAG NUMMER", "VESTIGINGSNAAM"} & k:
        return Soort.REGISTER
    if {"PC4", "PO_SWV", "VO_SWV"} <= k:
        return Soort.REGIO_PC4
    if {"SWV", "GEMEENTE"} <= k:
        return Soort.REGIO_GEMEENTE
    return None


# Per kind: the columns without which no row can be read.
VERPLICHT = {
    Soort.REGISTER: ["VESTIGINGSCODE"],
    Soort.TELLINGEN: ["VESTIGINGSCODE", "SOORT_VESTIGING"],
    Soort.REGIO_PC4: ["PC4", "PO_SWV", "VO_SWV"],
    Soort.REGIO_GEMEENTE: ["SWV", "GEMEENTE"],
}


# Per kind: the column each field of a clean row comes from (for refusals and warnings).
KOLOMMEN = {
    Soort.REGISTER: {
        "vestigingscode": "VESTIGINGSCODE",
        "instellingscode": "INSTELLINGSCODE",
        "bestuur": "BEVOEGD GEZAG NUMMER",
        "naam": "VESTIGINGSNAAM",
        "gemeentecode": "GEMEENTENUMMER",
        "gemeentenaam": "GEMEENTENAAM",
        "straat": "STRAATNAAM",
        "huisnummer": "HUISNUMMER-TOEVOEGING",
        "postcode": "POSTCODE",
        "plaats": "PLAATSNAAM",
        "denominatie": "DENOMINATIE",
        "telefoon": "TELEFOONNUMMER",
        "website": "INTERNETADRES",
    },
    Soort.TELLINGEN: {
        "vestigingscode": "VESTIGINGSCODE",
        "instellingscode": "INSTELLINGSCODE",
        "bestuur": "BEVOEGD_GEZAG_NUMMER",
        "naam": "NAAM_VESTIGING",
        "gemeentecode": "GEMEENTECODE_VESTIGING",
        "gemeentenaam": "GEMEENTENAAM_VESTIGING",
        "soort": "SOORT_VESTIGING",
        "denominatie": "DENOMINATIE_VESTIGING",
    },
    Soort.REGIO_PC4: {"pc4": "PC4", "gemeente": "GEMEENTE", "po_swv": "PO_SWV", "vo_swv": "VO_SWV"},
    Soort.REGIO_GEMEENTE: {"swv_code": "SWV", "gemeente": "GEMEENTE"},
}
# The other columns: absent from the header is worth one warning (their values are unknown).
VERWACHT = {
    soort: [k for k in kolommen.values() if k not in VERPLICHT[soort]]
    for soort, kolommen in KOLOMMEN.items()
}


class Regel:
    """One data row: its values by column name, its refusals and its unknown values."""

    __slots__ = ("fouten", "kolommen", "leeg", "nummer", "posities", "waarden", "waarschuwingen")

    def __init__(self, nummer: int, waarden: list[str], posities: dict[str, int], kolommen):
        self.nummer = nummer
        self.waarden = waarden
        self.posities = posities
        self.kolommen = kolommen
        self.fouten: list[Melding] = []
        self.waarschuwingen: list[Melding] = []
        self.leeg: dict[str, tuple[str, str]] = {}

    def waarde(self, kolom: str) -> str | None:
        """The stripped value, or None when the file has no such column."""
        i = self.posities.get(kolom)
        if i is None:
            return None
        return self.waarden[i].strip() if i < len(self.waarden) else ""

    def weiger(self, kolom: str, reden: str) -> None:
        self.fouten.append(Melding(self.nummer, kolom, reden))

    def waarschuw(self, kolom: str, reden: str) -> None:
        self.waarschuwingen.append(Melding(self.nummer, kolom, reden))

    def beschrijvend(self, veld: str, controle=None, wat: str = ""):
        """A descriptive value, or None when unknown: the column is absent (reported once
        for the file), blank, or fails `controle` (which returns the clean value or None).
        Blank and invalid values are recorded in `leeg` for the service to report. `wat`
        comes marked with gettext_noop and is translated only for an invalid value (a
        national file has 16,000 rows)."""
        kolom = self.kolommen[veld]
        waarde = self.waarde(kolom)
        if waarde is None:
            return None
        if not waarde:
            self.leeg[veld] = (kolom, _("leeg"))
            return None
        schoon = controle(waarde) if controle else waarde
        if schoon is None:
            self.leeg[veld] = (kolom, _("'%(w)s' is geen %(wat)s") % {"w": waarde, "wat": _(wat)})
        return schoon

    def vrij(self, veld: str) -> str | None:
        """An optional value where blank is a real answer (no website): '' stays '', None
        only when the column is absent."""
        return self.waarde(self.kolommen[veld])


def lees(inhoud: bytes) -> Gelezen:
    """Parse and check a file. Rows with an unusable key land in `geweigerd`; raises
    DuoBestandFout only when nothing of the file can be used."""
    if not inhoud.strip():
        raise DuoBestandFout([Melding(1, "", _("Het bestand is leeg."))])
    try:
        tekst = decodeer(inhoud)
    except UnicodeDecodeError:  # pragma: no cover - cp1252 decodes almost anything
        raise DuoBestandFout([Melding(1, "", _("Het bestand is geen tekstbestand."))]) from None
    reader = csv.reader(io.StringIO(tekst, newline=""), delimiter=";")
    try:
        kop = [kolomnaam(c) for c in next(reader)]
    except (StopIteration, csv.Error):
        raise DuoBestandFout([Melding(1, "", _("Geen kopregel gevonden."))]) from None
    while kop and not kop[-1]:
        kop.pop()  # trailing delimiters
    soort = herken(kop)
    if soort is None:
        raise DuoBestandFout(
            [
                Melding(
                    1,
                    "",
                    _(
                        "Kopregel niet herkend: dit is geen DUO-schoolregister, DUO-leerlingtelling "
                        "of regio-indeling (scheidingsteken ';')."
                    ),
                )
            ]
        )
    posities: dict[str, int] = {}
    for i, naam in enumerate(kop):
        if naam:
            posities.setdefault(naam, i)  # a repeated name: the first one counts
    if ontbreekt := [k for k in VERPLICHT[soort] if k not in posities]:
        raise DuoBestandFout(
            [
                Melding(1, k, _("Kolom ontbreekt; zonder deze kolom is geen regel te lezen."))
                for k in ontbreekt
            ]
        )
    gelezen = Gelezen(soort=soort)
    if soort is Soort.TELLINGEN:
        gelezen.jaren = sorted(int(m.group(1)) for c in posities if (m := _JAARKOLOM.match(c)))
    for kolom in VERWACHT[soort]:
        if kolom not in posities:
            gelezen.waarschuwingen.append(
                Melding(1, kolom, _("Kolom ontbreekt; de waarden ervan gelden als onbekend."))
            )
    controle = _CONTROLES[soort]
    if soort is Soort.TELLINGEN:
        jaarkolommen = [
            (date(j, *TELDAG), f"LEERLINGEN_{j}", posities[f"LEERLINGEN_{j}"])
            for j in gelezen.jaren
        ]
        controle = partial(_tellingen, jaarkolommen=jaarkolommen)
    gezien: dict = {}  # key -> line, to refuse a second row for the same key
    n = len(kop)
    nul = "\x00" in tekst  # no database stores NUL in text: such a row is refused
    while True:
        try:
            waarden = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            gelezen.geweigerd.append(
                Melding(reader.line_num, "", _("Onleesbare regel: %(e)s") % {"e": exc})
            )
            continue
        regelnr = reader.line_num
        if not any(w.strip() for w in waarden):
            continue
        if nul and any("\x00" in w for w in waarden):
            gelezen.geweigerd.append(
                Melding(
                    regelnr,
                    "",
                    _("De regel bevat een NUL-teken (0x00): geen tekst, niet op te slaan."),
                )
            )
            continue
        if len(waarden) > n and any(w.strip() for w in waarden[n:]):
            # An unquoted ';' in a name shifts every later column: no value can be trusted.
            gelezen.geweigerd.append(
                Melding(
                    regelnr,
                    "",
                    _(
                        "%(n)s velden, de kopregel heeft er %(m)s: de waarden zijn niet aan "
                        "kolommen toe te wijzen."
                    )
                    % {"n": len(waarden), "m": n},
                )
            )
            continue
        regel = Regel(regelnr, waarden, posities, KOLOMMEN[soort])
        if len(waarden) < n:
            regel.waarschuw(
                "",
                _("%(n)s velden, de kopregel heeft er %(m)s: de ontbrekende velden zijn leeg.")
                % {"n": len(waarden), "m": n},
            )
        schoon, sleutel_, kolom = controle(regel)
        if not regel.fouten and sleutel_ in gezien:
            regel.weiger(
                kolom,
                _("'%(w)s' staat al op regel %(r)s; deze regel is overgeslagen.")
                % {"w": regel.waarde(kolom), "r": gezien[sleutel_]},
            )
        if regel.fouten:
            gelezen.geweigerd.extend(regel.fouten)
            continue
        gezien[sleutel_] = regelnr
        gelezen.waarschuwingen.extend(regel.waarschuwingen)
        schoon["regel"] = regelnr
        schoon["leeg"] = regel.leeg
        gelezen.rijen.append(schoon)
    if not gelezen.rijen:
        raise DuoBestandFout(
            gelezen.geweigerd or [Melding(2, "", _("Het bestand bevat geen gegevensregels."))]
        )
    return gelezen


def _gemeentecode(waarde: str) -> str | None:
    return waarde.zfill(4) if waarde.isdigit() and len(waarde) <= 4 else None


def _bestuursnummer(waarde: str) -> str | None:
    return waarde if waarde.isdigit() and len(waarde) <= 10 else None


def _postcode(waarde: str) -> str | None:
    m = _POSTCODE.match(waarde.upper())
    return f"{m.group(1)} {m.group(2)}" if m else None


def _school_basis(regel: Regel) -> dict:
    """The fields both DUO files have. Refuses the row for an unusable vestigingscode."""
    code = (regel.waarde("VESTIGINGSCODE") or "").upper()
    if not _VESTIGING.match(code):
        regel.weiger(
            "VESTIGINGSCODE",
            _("'%(w)s' is geen vestigingscode (4 tekens + 2 cijfers).") % {"w": code}
            if code
            else _("Vestigingscode ontbreekt."),
        )
    brin = code[:4]
    opgegeven = regel.waarde("INSTELLINGSCODE")
    if opgegeven is not None and opgegeven.upper() != brin:
        # The BRIN is by definition the first four characters of the vestigingscode.
        regel.waarschuw(
            "INSTELLINGSCODE",
            _("leeg; '%(b)s' afgeleid uit de vestigingscode.") % {"b": brin}
            if not opgegeven
            else _("'%(w)s' past niet bij vestiging '%(v)s'; '%(b)s' gebruikt.")
            % {"w": opgegeven, "v": code, "b": brin},
        )
    return {
        "vestigingscode": code,
        "instellingscode": brin,
        "naam": regel.beschrijvend("naam"),
        "bestuur": regel.beschrijvend(
            "bestuur", _bestuursnummer, gettext_noop("bevoegd-gezagnummer")
        ),
        "gemeentecode": regel.beschrijvend(
            "gemeentecode", _gemeentecode, gettext_noop("gemeentecode")
        ),
        "gemeentenaam": regel.beschrijvend("gemeentenaam"),
    }


def _register(regel: Regel):
    schoon = _school_basis(regel)
    straatnaam = regel.beschrijvend("straat")
    huisnummer = regel.vrij("huisnummer") or ""
    plaats = regel.beschrijvend("plaats")
    schoon.update(
        soort="BAO",
        postcode=regel.beschrijvend("postcode", _postcode, gettext_noop("postcode")),
        straat=" ".join(p for p in (straatnaam, huisnummer) if p) if straatnaam else None,
        plaats=plaats.title() if plaats else None,
        denominatie=regel.beschrijvend("denominatie"),
        telefoon=regel.vrij("telefoon"),
        website=regel.vrij("website"),
    )
    return schoon, schoon["vestigingscode"], "VESTIGINGSCODE"


def _tellingen(regel: Regel, jaarkolommen: list[tuple[date, str, int]]):
    schoon = _school_basis(regel)
    opgegeven = regel.waarde("SOORT_VESTIGING") or ""
    soort = DUO_SOORTEN.get(opgegeven.upper())
    if soort is None:
        regel.weiger(
            "SOORT_VESTIGING",
            _("Onbekende soort '%(w)s' (verwacht BO, SBO, SO, SO/VSO of VSO).") % {"w": opgegeven}
            if opgegeven
            else _("Soort vestiging ontbreekt."),
        )
    tellingen = {}
    waarden, n = regel.waarden, len(regel.waarden)
    for teldatum, kolom, i in jaarkolommen:  # 30 columns a row: read them directly
        waarde = waarden[i].replace(" ", "").strip() if i < n else ""
        if waarde == "":
            continue  # no count published for that year
        if waarde == "<5":
            tellingen[teldatum] = None
        elif waarde.isascii() and waarde.isdigit() and int(waarde) <= MAX_AANTAL:
            tellingen[teldatum] = int(waarde)  # isascii: '²' is a digit to isdigit, not to int
        elif waarde.isascii() and waarde.isdigit():
            regel.weiger(kolom, _("'%(w)s' is geen aantal leerlingen (te groot).") % {"w": waarde})
        else:
            regel.weiger(kolom, _("'%(w)s' is geen aantal leerlingen.") % {"w": waarde})
    schoon.update(
        soort=soort,
        denominatie=regel.beschrijvend("denominatie"),
        tellingen=tellingen,
    )
    return schoon, schoon["vestigingscode"], "VESTIGINGSCODE"


def _swv_code(regel: Regel, kolom: str, toegestaan=("Europoort",)) -> str:
    waarde = regel.waarde(kolom)
    if _SWV.match(waarde.upper()):
        return waarde.upper()
    if waarde not in toegestaan:
        regel.weiger(
            kolom,
            _("'%(w)s' is geen code van een samenwerkingsverband.") % {"w": waarde}
            if waarde
            else _("Code van het samenwerkingsverband ontbreekt."),
        )
    return waarde


def _regio_pc4(regel: Regel):
    pc4 = regel.waarde("PC4")
    if not (len(pc4) == 4 and pc4.isdigit()):
        regel.weiger("PC4", _("'%(w)s' is geen viercijferige postcode.") % {"w": pc4})
    schoon = {
        "pc4": pc4,
        "gemeente": regel.beschrijvend("gemeente"),
        "po_swv": _swv_code(regel, "PO_SWV"),
        "vo_swv": _swv_code(regel, "VO_SWV"),
    }
    return schoon, pc4, "PC4"


def _regio_gemeente(regel: Regel):
    code = _swv_code(regel, "SWV", toegestaan=())
    gemeente = regel.waarde("GEMEENTE")
    if not gemeente:
        regel.weiger("GEMEENTE", _("Gemeente ontbreekt."))
    schoon = {"swv_code": code, "sector": code[:2], "gemeente": gemeente}
    return schoon, (code[:2], sleutel(gemeente)), "GEMEENTE"


_CONTROLES = {
    Soort.REGISTER: _register,
    Soort.TELLINGEN: _tellingen,
    Soort.REGIO_PC4: _regio_pc4,
    Soort.REGIO_GEMEENTE: _regio_gemeente,
}

_KLEINE_WOORDEN = {"aan", "de", "den", "der", "op", "in", "en", "bij", "het", "van", "ter", "ten"}


def sleutel(naam: str) -> str:
    """Comparison key for municipality names across DUO (capitals) and the regulation."""
    return " ".join(naam.casefold().replace("-", " - ").split())


def nette_naam(duo_naam: str) -> str:
    """'VALKENBURG AAN DE GEUL' -> 'Valkenburg aan de Geul', when no official spelling is known."""
    woorden = []
    for i, woord in enumerate(duo_naam.lower().split()):
        if i and woord in _KLEINE_WOORDEN:
            woorden.append(woord)
        else:
            woorden.append("-".join(deel[:1].upper() + deel[1:] for deel in woord.split("-")))
    return " ".join(woorden)
