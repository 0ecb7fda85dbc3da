"""The completeness check (toets) of an ondersteuningsplan, with its requirements as data.

WPO art. 18a lists what a plan must contain (domain.md a-j; lid numbers unverified). Each
requirement is met by a chapter that says it covers it AND whose text names the parts
the inspectie looks for (the July 2020 findings in seed 000 were exactly such missing
parts). The quality checks (inspectie, Oberon analysis, seed 002) add KPI and
ontwikkelagenda checks that are computed from the plan's data.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .rijketekst import platte_tekst


@dataclass(frozen=True)
class Kenmerk:
    label: str
    woorden: tuple[str, ...]  # any of these (lower case, word starts) counts


@dataclass(frozen=True)
class Eis:
    code: str
    titel: str
    soort: str  # "wet" or "kwaliteit"
    bron: str
    kenmerken: tuple[Kenmerk, ...] = ()
    vanaf_schooljaar: int | None = None  # applies to plans starting in or after this year
    berekend: bool = False  # checked from data, not from chapters
    onzeker: bool = False  # source unverified: shown as such


W = "wet"
K = "kwaliteit"
WPO = "WPO art. 18a"

EISEN: tuple[Eis, ...] = (
    Eis("a", _("Niveau van de basisondersteuning op alle scholen"), W, WPO,
        (Kenmerk(_("beschrijving van de basisondersteuning"), ("basisondersteuning",)),)),
    Eis("b", _("Samenhangend geheel van ondersteuningsvoorzieningen binnen en tussen scholen"), W,
        WPO, (Kenmerk(_("ondersteuningsvoorzieningen"), ("voorziening",)),)),
    Eis("c", _("Procedure en criteria voor de verdeling van middelen, met meerjarenbegroting"), W,
        WPO, (
            Kenmerk(_("meerjarenbegroting"), ("meerjarenbegroting", "meerjarenraming")),
            Kenmerk(_("allocatiemodel"), ("scholenmodel", "schoolmodel", "expertisemodel",
                                          "leerlingmodel", "allocatie")),
        )),
    Eis("d", _("Procedure en criteria voor toelaatbaarheid tot SBO en SO, met deskundigenadvies"),
        W, WPO, (
            Kenmerk(_("criteria"), ("criteri",)),
            Kenmerk(_("deskundigenadvies"), ("deskundig",)),
        )),
    Eis("e", _("Procedure en beleid voor terugplaatsing of overplaatsing naar het reguliere "
               "onderwijs, ook na afloop van de toelaatbaarheidsverklaring"), W, WPO, (
            Kenmerk(_("terugplaatsing of overplaatsing"), ("terugplaats", "overplaats")),
            Kenmerk(_("afloop van de TLV"), ("verstreken", "afloop", "einddatum", "verlopen")),
        )),
    Eis("f-kwalitatief", _("Beoogde en bereikte kwalitatieve resultaten van het onderwijs aan "
                           "leerlingen die extra ondersteuning nodig hebben"), W, WPO, (
            Kenmerk(_("kwalitatieve resultaten"), ("kwalitatie",)),
            Kenmerk(_("beoogde resultaten"), ("beoogd",)),
            Kenmerk(_("bereikte resultaten"), ("bereikt",)),
        )),
    Eis("f-kwantitatief", _("Beoogde en bereikte kwantitatieve resultaten van het onderwijs aan "
                            "leerlingen die extra ondersteuning nodig hebben"), W, WPO, (
            Kenmerk(_("kwantitatieve resultaten"), ("kwantitatie",)),
            Kenmerk(_("beoogde resultaten"), ("beoogd",)),
            Kenmerk(_("bereikte resultaten"), ("bereikt",)),
        )),
    Eis("g", _("Informatie aan ouders over ondersteuningsvoorzieningen, met de onafhankelijke "
               "ondersteuning voor ouders"), W, WPO, (
            Kenmerk(_("informatie aan ouders"), ("ouders",)),
            Kenmerk(_("onderwijsconsulenten of ouder- en jeugdsteunpunt"),
                    ("onderwijsconsulent", "steunpunt")),
            Kenmerk(_("geschillencommissie"), ("geschillencommissie",)),
        )),
    Eis("h", _("Bekostiging van SBO en SO"), W, WPO,
        (Kenmerk(_("bekostiging van SBO en SO"), ("bekostiging", "financiering")),)),
    Eis("i", _("Vaststelling en verrekening van groei van het speciaal onderwijs na de teldatum"),
        W, WPO, (Kenmerk(_("groei na de teldatum"), ("groei",)),), vanaf_schooljaar=2023),
    Eis("j", _("Gebruik en bescherming van persoonsgegevens"), W, WPO,
        (Kenmerk(_("persoonsgegevens"), ("persoonsgegevens", "privacy", "avg")),), onzeker=True),
    Eis("thuiszitters", _("Thuiszitters: beginsituatie, beoogd resultaat en plan van aanpak"), K,
        _("Oberon-analyse (bron 002)"), (
            Kenmerk(_("beginsituatie"), ("beginsituatie", "peildatum", "nulmeting")),
            Kenmerk(_("beoogd resultaat"), ("beoogd",)),
            Kenmerk(_("plan van aanpak"), ("plan van aanpak",)),
        )),
    Eis("kpi-streefwaarden", _("Elk speerpunt heeft een KPI met een streefwaarde voor elk jaar"),
        K, _("Inspectie: wat wil het samenwerkingsverband precies bereiken?"), berekend=True),
    Eis("kpi-meting", _("Elke KPI heeft een meetmethode, frequentie en bron"), K,
        _("Oberon-analyse: monitoringsplan"), berekend=True),
    Eis("ontwikkelagenda", _("Elk speerpunt heeft acties in de ontwikkelagenda"), K,
        _("Oberon-analyse: activiteitenplan met concrete doelen"), berekend=True),
)  # fmt: skip

EISEN_PER_CODE = {e.code: e for e in EISEN}


def keuzes() -> list[tuple[str, str]]:
    return [(e.code, f"{e.code}. {e.titel}") for e in EISEN if not e.berekend]


@dataclass
class Uitkomst:
    eis: Eis
    voldaan: bool
    van_toepassing: bool = True
    hoofdstukken: list = field(default_factory=list)
    ontbreekt: list[str] = field(default_factory=list)


def _bevat(tekst: str, woorden: tuple[str, ...]) -> bool:
    return any(w in tekst for w in woorden)


def toetsen(plan, hoofdstukken, speerpunten) -> list[Uitkomst]:
    """Check the plan. `hoofdstukken` and `speerpunten` come prefetched (kpis, streefwaarden,
    acties) so the check runs no queries of its own."""
    teksten = {h.pk: platte_tekst(f"{h.titel}\n{h.tekst}").lower() for h in hoofdstukken}
    uitkomsten = []
    for eis in EISEN:
        if eis.vanaf_schooljaar and plan.startjaar < eis.vanaf_schooljaar:
            uitkomsten.append(Uitkomst(eis, voldaan=True, van_toepassing=False))
            continue
        if eis.berekend:
            uitkomsten.append(_berekend(eis, plan, speerpunten))
            continue
        dekkend = [h for h in hoofdstukken if eis.code in (h.eisen or [])]
        if not dekkend:
            uitkomsten.append(
                Uitkomst(eis, voldaan=False, ontbreekt=[str(_("geen hoofdstuk behandelt dit"))])
            )
            continue
        samen = " ".join(teksten[h.pk] for h in dekkend)
        ontbreekt = [str(k.label) for k in eis.kenmerken if not _bevat(samen, k.woorden)]
        uitkomsten.append(Uitkomst(eis, not ontbreekt, hoofdstukken=dekkend, ontbreekt=ontbreekt))
    return uitkomsten


def _berekend(eis: Eis, plan, speerpunten) -> Uitkomst:
    ontbreekt = []
    if not speerpunten:
        return Uitkomst(eis, False, ontbreekt=[str(_("het plan heeft geen speerpunten"))])
    jaren = set(plan.schooljaren)
    for sp in speerpunten:
        kpis = list(sp.kpis.all())
        if eis.code == "kpi-streefwaarden":
            if not any(jaren <= {s.schooljaar for s in k.streefwaarden.all()} for k in kpis):
                ontbreekt.append(
                    str(_("speerpunt %(code)s: geen KPI met een streefwaarde voor elk jaar"))
                    % {"code": sp.code}
                )
        elif eis.code == "kpi-meting":
            for k in kpis:
                leeg = [
                    str(naam)
                    for naam, waarde in (
                        (_("meetmethode"), k.meetmethode),
                        (_("frequentie"), k.frequentie),
                        (_("bron"), k.bron),
                    )
                    if not (waarde or "").strip()
                ]
                if leeg:
                    ontbreekt.append(f"{sp.code}: {k.naam}: {', '.join(leeg)}")
        elif eis.code == "ontwikkelagenda" and not list(sp.acties.all()):
            ontbreekt.append(str(_("speerpunt %(code)s: geen acties")) % {"code": sp.code})
    return Uitkomst(eis, not ontbreekt, ontbreekt=ontbreekt)
