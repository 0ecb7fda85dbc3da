"""The main pages over HTTP, interleaved with the floor view and the admin pages.

Every round asks every page once (round-robin, in one run), so a busy moment on the
shared machine hits pages and floors alike; p50 and p95 per page over the rounds after
two warm-up rounds. The query count of each page is counted once in-process (the Django
test client, same settings and session) since the servers run with DEBUG off.
"""

import statistics
from dataclasses import dataclass, field

ADMIN = "/bench/admin/toelaatbaarheid/aanvraag/"
VLOER = "/bench/vloer/"


@dataclass
class Pagina:
    naam: str
    pad: str
    soort: str = ""  # "lijst", "zaak", "dashboard" (which target applies), "" none
    admin: str = ""  # the admin page it is compared with (name of another Pagina)
    beheer: bool = False  # asked with the staff session (the admin pages)
    tijden: list = field(default_factory=list)
    fouten: int = 0
    statussen: set = field(default_factory=set)
    bytes: int = 0
    queries: int | None = None

    @property
    def p50(self) -> float:
        return statistics.median(self.tijden) if self.tijden else float("nan")

    @property
    def p95(self) -> float:
        if len(self.tijden) < 2:
            return self.p50
        return statistics.quantiles(self.tijden, n=20, method="inclusive")[18]


def paginas() -> list[Pagina]:
    from kpi.verantwoording.models import Ronde, Verslag
    from leerlingen.models import Leerling
    from ondersteuningsplan.models import Ondersteuningsplan
    from swv.models import Gebruiker
    from toelaatbaarheid.models import Aanvraag

    mw = Gebruiker.objects.get(username="bench-medewerker")
    eigen = mw.samenwerkingsverbanden.all()
    zaak = (
        Aanvraag.objects.filter(swv__in=eigen, status="bezwaar").order_by("id").first()
        or Aanvraag.objects.filter(swv__in=eigen).order_by("id").first()
    )
    plan = Ondersteuningsplan.objects.get(titel="Benchplan")
    ronde = Ronde.objects.order_by("id").first()
    verslag = Verslag.objects.filter(ronde=ronde).order_by("bestuur__naam").first()
    # A dossier with vragen and arrangementen (and a TLV case and overleggen when there).
    dossier = (
        Leerling.objects.filter(swv__in=eigen, arrangementen__isnull=False).order_by("id").first()
        or Leerling.objects.filter(swv__in=eigen).order_by("id").first()
    )
    n_tlv = Aanvraag.objects.filter(swv__in=eigen).count()
    zoek = f"Achternaam{min(1234, n_tlv - 1)}"
    pagina = min(50, max(1, (n_tlv + 24) // 25))  # the admin redirects past the last page
    return [
        Pagina("vloer", VLOER, "vloer"),
        Pagina("admin changelist", ADMIN, beheer=True),
        Pagina(
            "admin changelist, filter",
            f"{ADMIN}?soort__exact=SBO&status__exact=advies",
            beheer=True,
        ),
        Pagina("admin changelist, zoeken", f"{ADMIN}?q={zoek}", beheer=True),
        Pagina(f"admin changelist, pagina {pagina}", f"{ADMIN}?p={pagina}", beheer=True),
        Pagina("admin wijzigpagina", f"{ADMIN}{zaak.pk}/change/", beheer=True),
        Pagina("home", "/"),
        Pagina("TLV-lijst", "/tlv/", "lijst", "admin changelist"),
        Pagina(
            "TLV-lijst, filter",
            "/tlv/?status=advies&soort=SBO",
            "lijst",
            "admin changelist, filter",
        ),
        Pagina("TLV zoeken op naam", f"/tlv/?q={zoek}", "lijst", "admin changelist, zoeken"),
        Pagina(
            f"TLV-lijst, pagina {pagina}",
            f"/tlv/?page={pagina}",
            "lijst",
            f"admin changelist, pagina {pagina}",
        ),
        Pagina("TLV-zaak", f"/tlv/{zaak.pk}/", "zaak", "admin wijzigpagina"),
        Pagina("termijnen", "/tlv/termijnen/", "lijst", "admin changelist"),
        Pagina("planpagina", f"/plannen/{plan.pk}/"),
        Pagina("KPI-dashboard", "/kpi/", "dashboard"),
        Pagina("deelname", "/kpi/deelname/"),
        Pagina("thuiszitters", "/kpi/thuiszitters/", "lijst", "admin changelist"),
        Pagina("verantwoording: ronde", f"/verantwoording/rondes/{ronde.pk}/"),
        Pagina("verantwoording: verslag", f"/verantwoording/verslagen/{verslag.pk}/"),
        Pagina("dossierlijst", "/leerlingen/", "lijst", "admin changelist"),
        Pagina("vragenlijst", "/vragen/", "lijst", "admin changelist"),
        Pagina("arrangementenlijst", "/arrangementen/", "lijst", "admin changelist"),
        Pagina("dossierpagina", f"/leerlingen/{dossier.pk}/", "zaak", "admin wijzigpagina"),
        Pagina("dekkend netwerk", "/voorzieningen/netwerk/"),
    ]


def queries_tellen(lijst: list[Pagina], sleutels: dict[str, str]) -> None:
    """One in-process request per page with the same session: its query count."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients = {}
    for wie, sleutel in sleutels.items():
        clients[wie] = Client()
        clients[wie].cookies["sessionid"] = sleutel
    for p in lijst:
        c = clients["beheer" if p.beheer else "medewerker"]
        c.get(p.pad)  # warm caches as the server's workers are warm
        with CaptureQueriesContext(connection) as q:
            r = c.get(p.pad)
        p.queries = len(q) if r.status_code == 200 else None


def meten(lijst: list[Pagina], klanten: dict, rondes: int, log=print) -> None:
    for ronde in range(rondes + 2):
        for p in lijst:
            status, n, ms = klanten["beheer" if p.beheer else "medewerker"].get(p.pad)
            if ronde < 2:  # warm-up
                if status != 200:
                    log(f"  LET OP: {p.naam} {p.pad} gaf {status}")
                continue
            p.statussen.add(status)
            if status != 200:
                p.fouten += 1
            p.tijden.append(ms)
            p.bytes = n
        if ronde >= 2 and (ronde - 1) % 10 == 0:
            log(f"  ronde {ronde - 1}/{rondes}")
