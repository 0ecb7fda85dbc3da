"""Reading DUO open-data files and the official SWV region table.

Pure parsing: bytes in, validated rows (or a list of row errors) out. Writing is done by
`swv.services.duo_bestand_importeren`. Each file kind is recognised by its header row.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext as _


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


@dataclass(frozen=True)
class Rijfout:
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
    """The file cannot be imported; `fouten` says where and why (nothing was written)."""

    def __init__(self, fouten: list[Rijfout]):
        self.fouten = fouten
        super().__init__("; ".join(str(f) for f in fouten[:5]))


@dataclass
class Gelezen:
    soort: Soort
    rijen: list[dict] = field(default_factory=list)
    jaren: list[int] = field(default_factory=list)


def decodeer(inhoud: bytes) -> str:
    """DUO mixes UTF-8 with BOM and cp1252; try the strict one first."""
    try:
        return inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        return inhoud.decode("cp1252")


def herken(kop: list[str]) -> Soort | None:
    k = set(kop)
    if {"VESTIGINGSCODE", "BEVOEGD GEZAG NUMMER", "POSTCODE", "GEMEENTENUMMER"} <= k:
        return Soort.REGISTER
    if {"VESTIGINGSCODE", "SOORT_VESTIGING", "BEVOEGD_GEZAG_NUMMER"} <= k and any(
        _JAARKOLOM.match(c) for c in kop
    ):
        return Soort.TELLINGEN
    if {"PC4", "GEMEENTE", "PO_SWV", "VO_SWV"} <= k:
        return Soort.REGIO_PC4
    if kop[:2] == ["SWV", "GEMEENTE"]:
        return Soort.REGIO_GEMEENTE
    return None


def lees(inhoud: bytes) -> Gelezen:
    """Parse and validate a whole file. Raises DuoBestandFout listing every bad row."""
    if not inhoud.strip():
        raise DuoBestandFout([Rijfout(1, "", _("Het bestand is leeg."))])
    try:
        tekst = decodeer(inhoud)
    except UnicodeDecodeError:  # pragma: no cover - cp1252 decodes almost anything
        raise DuoBestandFout([Rijfout(1, "", _("Het bestand is geen tekstbestand."))]) from None
    reader = csv.reader(io.StringIO(tekst, newline=""), delimiter=";")
    try:
        kop = [c.strip().upper() for c in next(reader)]
    except (StopIteration, csv.Error):
        raise DuoBestandFout([Rijfout(1, "", _("Geen kopregel gevonden."))]) from None
    soort = herken(kop)
    if soort is None:
        raise DuoBestandFout(
            [
                Rijfout(
                    1,
                    "",
                    _(
                        "Kopregel niet herkend: dit is geen DUO-schoolregister, DUO-leerlingtelling "
                        "of regio-indeling (scheidingsteken ';')."
                    ),
                )
            ]
        )
    gelezen = Gelezen(soort=soort)
    if soort is Soort.TELLINGEN:
        gelezen.jaren = [int(m.group(1)) for c in kop if (m := _JAARKOLOM.match(c))]
    fouten: list[Rijfout] = []
    controle = _CONTROLES[soort]
    try:
        for regelnr, waarden in enumerate(reader, start=2):
            if not any(w.strip() for w in waarden):
                continue
            if len(waarden) != len(kop):
                fouten.append(
                    Rijfout(
                        regelnr,
                        "",
                        _("%(n)s kolommen in plaats van %(m)s.")
                        % {"n": len(waarden), "m": len(kop)},
                    )
                )
                continue
            rij = {k: w.strip() for k, w in zip(kop, waarden, strict=True)}
            rij_fouten, schoon = controle(rij, regelnr, gelezen)
            if rij_fouten:
                fouten.extend(rij_fouten)
            else:
                gelezen.rijen.append(schoon)
    except csv.Error as exc:
        fouten.append(Rijfout(reader.line_num, "", _("Onleesbare regel: %(e)s") % {"e": exc}))
    if not gelezen.rijen and not fouten:
        fouten.append(Rijfout(2, "", _("Het bestand bevat geen gegevensregels.")))
    if fouten:
        raise DuoBestandFout(fouten)
    return gelezen


def _gemeentecode(waarde: str) -> str | None:
    return waarde.zfill(4) if waarde.isdigit() and len(waarde) <= 4 else None


def _school_basis(rij, regel, kolommen) -> tuple[list[Rijfout], dict]:
    fouten = []
    code = rij[kolommen["vestiging"]].upper()
    brin = rij[kolommen["instelling"]].upper()
    if not _VESTIGING.match(code):
        fouten.append(
            Rijfout(
                regel,
                kolommen["vestiging"],
                _("'%(w)s' is geen vestigingscode (4 tekens + 2 cijfers).") % {"w": code},
            )
        )
    elif not code.startswith(brin):
        fouten.append(
            Rijfout(
                regel,
                kolommen["instelling"],
                _("Instellingscode '%(b)s' past niet bij vestiging '%(v)s'.")
                % {"b": brin, "v": code},
            )
        )
    bestuur = rij[kolommen["bestuur"]]
    if not bestuur.isdigit():
        fouten.append(
            Rijfout(
                regel,
                kolommen["bestuur"],
                _("'%(w)s' is geen bevoegd-gezagnummer.") % {"w": bestuur},
            )
        )
    naam = rij[kolommen["naam"]]
    if not naam:
        fouten.append(Rijfout(regel, kolommen["naam"], _("Naam ontbreekt.")))
    gemeentecode = _gemeentecode(rij[kolommen["gemeentecode"]])
    if gemeentecode is None:
        fouten.append(
            Rijfout(
                regel,
                kolommen["gemeentecode"],
                _("'%(w)s' is geen gemeentecode.") % {"w": rij[kolommen["gemeentecode"]]},
            )
        )
    gemeentenaam = rij[kolommen["gemeentenaam"]]
    if not gemeentenaam:
        fouten.append(Rijfout(regel, kolommen["gemeentenaam"], _("Gemeentenaam ontbreekt.")))
    return fouten, {
        "vestigingscode": code,
        "instellingscode": brin,
        "naam": naam,
        "bestuur": bestuur,
        "gemeentecode": gemeentecode,
        "gemeentenaam": gemeentenaam,
    }


def _register(rij, regel, _gelezen):
    fouten, schoon = _school_basis(
        rij,
        regel,
        {
            "vestiging": "VESTIGINGSCODE",
            "instelling": "INSTELLINGSCODE",
            "bestuur": "BEVOEGD GEZAG NUMMER",
            "naam": "VESTIGINGSNAAM",
            "gemeentecode": "GEMEENTENUMMER",
            "gemeentenaam": "GEMEENTENAAM",
        },
    )
    postcode = rij["POSTCODE"].upper()
    m = _POSTCODE.match(postcode)
    if not m:
        fouten.append(
            Rijfout(regel, "POSTCODE", _("'%(w)s' is geen postcode.") % {"w": rij["POSTCODE"]})
        )
    else:
        postcode = f"{m.group(1)} {m.group(2)}"
    straat = " ".join(p for p in (rij["STRAATNAAM"], rij["HUISNUMMER-TOEVOEGING"]) if p)
    schoon.update(
        soort="BAO",
        postcode=postcode,
        straat=straat,
        plaats=rij["PLAATSNAAM"].title(),
        denominatie=rij["DENOMINATIE"],
        telefoon=rij.get("TELEFOONNUMMER", ""),
        website=rij.get("INTERNETADRES", ""),
    )
    return fouten, schoon


def _tellingen(rij, regel, gelezen):
    fouten, schoon = _school_basis(
        rij,
        regel,
        {
            "vestiging": "VESTIGINGSCODE",
            "instelling": "INSTELLINGSCODE",
            "bestuur": "BEVOEGD_GEZAG_NUMMER",
            "naam": "NAAM_VESTIGING",
            "gemeentecode": "GEMEENTECODE_VESTIGING",
            "gemeentenaam": "GEMEENTENAAM_VESTIGING",
        },
    )
    soort = DUO_SOORTEN.get(rij["SOORT_VESTIGING"].upper())
    if soort is None:
        fouten.append(
            Rijfout(
                regel,
                "SOORT_VESTIGING",
                _("Onbekende soort '%(w)s' (verwacht BO, SBO, SO, SO/VSO of VSO).")
                % {"w": rij["SOORT_VESTIGING"]},
            )
        )
    tellingen = {}
    for jaar in gelezen.jaren:
        kolom = f"LEERLINGEN_{jaar}"
        waarde = rij[kolom].replace(" ", "")
        if waarde == "":
            continue  # no count published for that year
        if waarde == "<5":
            tellingen[date(jaar, *TELDAG)] = None
        elif waarde.isdigit():
            tellingen[date(jaar, *TELDAG)] = int(waarde)
        else:
            fouten.append(
                Rijfout(regel, kolom, _("'%(w)s' is geen aantal leerlingen.") % {"w": rij[kolom]})
            )
    schoon.update(
        soort=soort, denominatie=rij.get("DENOMINATIE_VESTIGING", ""), tellingen=tellingen
    )
    return fouten, schoon


def _swv_code(waarde: str, regel: int, kolom: str, fouten: list, toegestaan=("Europoort",)) -> str:
    waarde = waarde.strip()
    if not (_SWV.match(waarde.upper()) or waarde in toegestaan):
        fouten.append(
            Rijfout(
                regel,
                kolom,
                _("'%(w)s' is geen code van een samenwerkingsverband.") % {"w": waarde},
            )
        )
    return waarde.upper() if _SWV.match(waarde.upper()) else waarde


def _regio_pc4(rij, regel, _gelezen):
    fouten = []
    pc4 = rij["PC4"]
    if not (len(pc4) == 4 and pc4.isdigit()):
        fouten.append(
            Rijfout(regel, "PC4", _("'%(w)s' is geen viercijferige postcode.") % {"w": pc4})
        )
    if not rij["GEMEENTE"]:
        fouten.append(Rijfout(regel, "GEMEENTE", _("Gemeente ontbreekt.")))
    po = _swv_code(rij["PO_SWV"], regel, "PO_SWV", fouten)
    vo = _swv_code(rij["VO_SWV"], regel, "VO_SWV", fouten)
    return fouten, {"pc4": pc4, "gemeente": rij["GEMEENTE"], "po_swv": po, "vo_swv": vo}


def _regio_gemeente(rij, regel, _gelezen):
    fouten = []
    code = _swv_code(rij["SWV"], regel, "SWV", fouten, toegestaan=())
    if not rij["GEMEENTE"]:
        fouten.append(Rijfout(regel, "GEMEENTE", _("Gemeente ontbreekt.")))
    return fouten, {"swv_code": code, "sector": code[:2], "gemeente": rij["GEMEENTE"]}


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
