"""Authorisation, generated from the URLconf.

Every URL pattern must have a rule below: which demo accounts may open it, and, for
object pages, how to find an object inside and one outside that user's scope. The test
then asks every pattern as every account and as anonymous:

- anonymous: redirected to the sign-in page (or 200 for public pages);
- a role that may open it: 200 for an object in scope, 404 for one outside it;
- any other role: 403 or 404, never the data.

A new URL without a rule makes `test_every_url_has_a_rule` fail.
"""

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kpi import selectors as kpi_sel
from kpi.models import Thuiszitter
from kpi.verantwoording import selectors as v_sel
from kpi.verantwoording.models import Ronde, Verslag, Vraag
from leerlingen import selectors as ll_sel
from leerlingen.models import Leerling, Toestemming
from ondersteuning import selectors as ond_sel
from ondersteuning.models import Loketoverleg, Ondersteuningsvraag
from ondersteuningsplan import models as plan
from ondersteuningsplan import selectors as plan_sel
from ondersteuningsplan.models import Kpi
from swv import selectors as org
from swv.models import Gemeente, Samenwerkingsverband, School, Schoolbestuur
from tests.conftest import DEMO_ACCOUNTS
from toelaatbaarheid import selectors as tlv_sel
from toelaatbaarheid.models import Aanvraag, Bezwaar, Bijlage, Status

SWV_KANTOOR = {"medewerker", "directeur", "privacy"}
IEDEREEN = set(DEMO_ACCOUNTS)
LEERLINGROLLEN = IEDEREEN - {"opr"}
DESKUNDIGEN = {"orthopedagoog", "jeugdarts"}
BESTUREN = {"bestuur-innovo", "bestuur-movare"}
DOSSIERROLLEN = IEDEREEN - DESKUNDIGEN - {"opr"}
DOSSIERWERK = SWV_KANTOOR | {"trajectbegeleider", "ib-innovo"}
VRAAGSTELLERS = {"trajectbegeleider", "ib-innovo"}
LOKET = SWV_KANTOOR | {"trajectbegeleider"}


@dataclass(frozen=True)
class Object:
    """How to find, for a user, an object inside and one outside their scope.

    `selector(user)` is everything the user may see (the app's own selector): an object
    outside it must answer 404. `kies(user)` narrows the object the page is tried on (e.g.
    a plan still in an editable state); `kwargs` builds the URL arguments.
    """

    model: type
    selector: object  # user -> queryset of what the user may see
    kwargs: object = None  # obj -> dict of URL kwargs; default {"pk": obj.pk}
    kies: object = None  # user -> queryset to pick the in-scope object from

    def _kw(self, obj):
        return None if obj is None else (self.kwargs(obj) if self.kwargs else {"pk": obj.pk})

    def binnen(self, user):
        return self._kw((self.kies or self.selector)(user).order_by("pk").first())

    def buiten(self, user):
        return self._kw(
            self.model.objects.exclude(pk__in=self.selector(user).values("pk"))
            .order_by("pk")
            .first()
        )


@dataclass(frozen=True)
class Regel:
    wie: frozenset  # demo accounts that may open it
    object: Object | None = None
    publiek: bool = False
    methode: str = "get"  # "post" for POST-only endpoints (GET must not leak either)


def regel(wie, **kwargs):
    return Regel(frozenset(wie), **kwargs)


def _bewerkbare_plannen(user):
    return plan_sel.plannen_voor(user).filter(status__in=["concept", "consultatie"])


def _deel(model, pad, kwargs):
    """A part of a plan (chapter, speerpunt, ...): visible with its plan, tried in an editable one."""
    return Object(
        model,
        model.objects.voor,
        kwargs=kwargs,
        kies=lambda u: model.objects.filter(**{f"{pad}__in": _bewerkbare_plannen(u)}),
    )


def _tlv(**filters):
    return lambda user: tlv_sel.aanvragen_voor(user).filter(**filters)


PLAN = Object(plan.Ondersteuningsplan, plan_sel.plannen_voor)
PLAN_BEWERKBAAR = Object(plan.Ondersteuningsplan, plan_sel.plannen_voor, kies=_bewerkbare_plannen)
PLAN_TER_INSTEMMING = Object(
    plan.Ondersteuningsplan,
    plan_sel.plannen_voor,
    kies=lambda u: plan_sel.plannen_voor(u).filter(status="ter_instemming"),
)
HOOFDSTUK = _deel(plan.Hoofdstuk, "plan", lambda o: {"pk": o.plan_id, "hid": o.pk})
SPEERPUNT = _deel(plan.Speerpunt, "plan", lambda o: {"pk": o.plan_id, "sid": o.pk})
AANVRAAG = Object(Aanvraag, tlv_sel.aanvragen_voor)
MET_BESCHIKKING = Object(Aanvraag, tlv_sel.aanvragen_voor, kies=_tlv(beschikkingen__isnull=False))


REGELS: dict[str, Regel] = {
    "home": regel(IEDEREEN),
    "login": regel(set(), publiek=True),
    "logout": regel(IEDEREEN, methode="post"),
    "tweestaps": regel(set(), publiek=True),
    "tweestaps-instellen": regel(set(), publiek=True),
    "audit": regel({"privacy"}),
    "inzage": regel({"privacy"}),
    "swv:index": regel(IEDEREEN),
    "swv:swv-list": regel(IEDEREEN),
    "swv:swv-detail": regel(
        IEDEREEN, object=Object(Samenwerkingsverband, org.samenwerkingsverbanden_voor)
    ),
    "swv:bestuur-list": regel(IEDEREEN),
    "swv:bestuur-detail": regel(IEDEREEN, object=Object(Schoolbestuur, org.besturen_voor)),
    "swv:school-list": regel(IEDEREEN),
    "swv:school-detail": regel(IEDEREEN, object=Object(School, org.scholen_voor)),
    "swv:gemeente-list": regel(IEDEREEN),
    "swv:gemeente-detail": regel(IEDEREEN, object=Object(Gemeente, org.gemeenten_voor)),
    "swv:duo-import": regel({"medewerker", "privacy"}),
    # Ondersteuningsplan
    "ondersteuningsplan:index": regel(IEDEREEN),
    "ondersteuningsplan:nieuw": regel(SWV_KANTOOR),
    "ondersteuningsplan:detail": regel(IEDEREEN, object=PLAN),
    "ondersteuningsplan:bewerken": regel(SWV_KANTOOR, object=PLAN_BEWERKBAAR),
    "ondersteuningsplan:hoofdstuk-nieuw": regel(SWV_KANTOOR, object=PLAN_BEWERKBAAR),
    "ondersteuningsplan:hoofdstuk": regel(SWV_KANTOOR, object=HOOFDSTUK),
    "ondersteuningsplan:hoofdstuk-verwijderen": regel(
        SWV_KANTOOR, object=HOOFDSTUK, methode="post"
    ),
    "ondersteuningsplan:speerpunt-nieuw": regel(SWV_KANTOOR, object=PLAN_BEWERKBAAR),
    "ondersteuningsplan:speerpunt": regel(SWV_KANTOOR, object=SPEERPUNT),
    "ondersteuningsplan:kpi-nieuw": regel(SWV_KANTOOR, object=SPEERPUNT),
    "ondersteuningsplan:kpi": regel(
        SWV_KANTOOR,
        object=_deel(Kpi, "speerpunt__plan", lambda o: {"pk": o.speerpunt.plan_id, "kid": o.pk}),
    ),
    "ondersteuningsplan:actie-nieuw": regel(SWV_KANTOOR, object=PLAN_BEWERKBAAR),
    "ondersteuningsplan:actie": regel(
        SWV_KANTOOR,
        object=_deel(
            plan.Ontwikkelactie,
            "speerpunt__plan",
            lambda o: {"pk": o.speerpunt.plan_id, "aid": o.pk},
        ),
    ),
    "ondersteuningsplan:document-nieuw": regel(SWV_KANTOOR, object=PLAN_BEWERKBAAR),
    "ondersteuningsplan:document": regel(
        SWV_KANTOOR,
        object=_deel(plan.VademecumDocument, "plan", lambda o: {"pk": o.plan_id, "did": o.pk}),
    ),
    "ondersteuningsplan:document-bestand": regel(
        IEDEREEN,
        object=Object(
            plan.VademecumDocument,
            plan.VademecumDocument.objects.voor,
            kwargs=lambda o: {"pk": o.plan_id, "did": o.pk},
            kies=lambda u: plan.VademecumDocument.objects.voor(u).exclude(bestand=""),
        ),
    ),
    "ondersteuningsplan:oogo-nieuw": regel(SWV_KANTOOR, object=PLAN_BEWERKBAAR),
    "ondersteuningsplan:opr-besluit-nieuw": regel({"opr"}, object=PLAN_TER_INSTEMMING),
    "ondersteuningsplan:opmerking-nieuw": regel({"opr"}, object=PLAN_TER_INSTEMMING),
    "ondersteuningsplan:opmerking-reactie": regel(
        SWV_KANTOOR,
        object=Object(
            plan.OprOpmerking,
            plan.OprOpmerking.objects.voor,
            kwargs=lambda o: {"pk": o.plan_id, "oid": o.pk},
        ),
    ),
    "ondersteuningsplan:reactienota": regel(SWV_KANTOOR | {"opr"}, object=PLAN),
    "ondersteuningsplan:overgang": regel(
        SWV_KANTOOR,
        object=Object(
            plan.Ondersteuningsplan,
            plan_sel.plannen_voor,
            kies=_bewerkbare_plannen,
            kwargs=lambda o: {"pk": o.pk, "naam": "consultatie"},
        ),
        methode="post",
    ),
    "ondersteuningsplan:nieuwe-versie": regel(SWV_KANTOOR, object=PLAN, methode="post"),
    "ondersteuningsplan:versies": regel(IEDEREEN, object=PLAN),
    "ondersteuningsplan:toets": regel(SWV_KANTOOR | {"opr"}, object=PLAN),
    "ondersteuningsplan:pdf": regel(IEDEREEN, object=PLAN),
    "publiek:plannen": regel(set(), publiek=True),
    "publiek:plan-pdf": regel(
        set(),
        publiek=True,
        object=Object(plan.Ondersteuningsplan, lambda u: plan_sel.gepubliceerde_plannen()),
    ),
    # Toelaatbaarheid
    "toelaatbaarheid:index": regel(LEERLINGROLLEN),
    "toelaatbaarheid:nieuw": regel({"medewerker", "privacy", "ib-innovo", "trajectbegeleider"}),
    "toelaatbaarheid:termijnen": regel(SWV_KANTOOR | {"trajectbegeleider"}),
    "toelaatbaarheid:herbeoordeling": regel(SWV_KANTOOR | {"trajectbegeleider"}),
    "toelaatbaarheid:kengetallen": regel(SWV_KANTOOR | {"trajectbegeleider"}),
    "toelaatbaarheid:detail": regel(LEERLINGROLLEN, object=AANVRAAG),
    "toelaatbaarheid:wijzigen": regel(
        {"medewerker", "privacy", "ib-innovo", "trajectbegeleider"},
        object=Object(Aanvraag, tlv_sel.aanvragen_voor, kies=_tlv(status=Status.CONCEPT)),
    ),
    # Deskundigen see the decision on the cases they advised on.
    "toelaatbaarheid:beschikking-pdf": regel(LEERLINGROLLEN, object=MET_BESCHIKKING),
    "toelaatbaarheid:brief-pdf": regel(LEERLINGROLLEN, object=MET_BESCHIKKING),
    "toelaatbaarheid:bijlage": regel(
        LEERLINGROLLEN,
        object=Object(
            Bijlage,
            lambda u: Bijlage.objects.filter(aanvraag__in=tlv_sel.aanvragen_voor(u)),
            kwargs=lambda o: {"pk": o.aanvraag_id, "bijlage_pk": o.pk},
        ),
    ),
    "toelaatbaarheid:lbt-dossier": regel(
        SWV_KANTOOR | {"trajectbegeleider"},
        object=Object(
            Bezwaar,
            lambda u: Bezwaar.objects.filter(aanvraag__in=tlv_sel.aanvragen_voor(u)),
            kwargs=lambda o: {"pk": o.aanvraag_id, "bezwaar_pk": o.pk},
        ),
    ),
    # A step only the directeur may take: everybody else who sees the case gets 403.
    "toelaatbaarheid:actie": regel(
        {"directeur"},
        object=Object(
            Aanvraag,
            tlv_sel.aanvragen_voor,
            kies=_tlv(status=Status.BESLUITVORMING),
            kwargs=lambda o: {"pk": o.pk, "actie": "beschikking"},
        ),
        methode="post",
    ),
    # Leerlingdossiers
    "leerlingen:index": regel(DOSSIERROLLEN),
    "leerlingen:nieuw": regel(DOSSIERWERK),
    "leerlingen:detail": regel(DOSSIERROLLEN, object=Object(Leerling, ll_sel.leerlingen_voor)),
    "leerlingen:wijzigen": regel(DOSSIERWERK, object=Object(Leerling, ll_sel.leerlingen_voor)),
    "leerlingen:toestemming": regel(
        DOSSIERWERK, object=Object(Leerling, ll_sel.leerlingen_voor), methode="post"
    ),
    "leerlingen:toestemming-intrekken": regel(
        DOSSIERWERK,
        object=Object(
            Toestemming,
            lambda user: Toestemming.objects.voor(user),
            kwargs=lambda o: {"pk": o.leerling_id, "toestemming_pk": o.pk},
        ),
        methode="post",
    ),
    # Ondersteuningsvragen en loketoverleg
    "ondersteuning:index": regel(DOSSIERROLLEN),
    "ondersteuning:nieuw": regel(VRAAGSTELLERS),
    "ondersteuning:detail": regel(
        DOSSIERROLLEN, object=Object(Ondersteuningsvraag, ond_sel.vragen_voor)
    ),
    "ondersteuning:actie": regel(
        VRAAGSTELLERS,
        object=Object(
            Ondersteuningsvraag,
            ond_sel.vragen_voor,
            kies=lambda u: ond_sel.vragen_voor(u).filter(status="concept"),
            kwargs=lambda o: {"pk": o.pk, "actie": "indienen"},
        ),
        methode="post",
    ),
    "ondersteuning:loket": regel(LOKET),
    "ondersteuning:loket-nieuw": regel(SWV_KANTOOR),
    "ondersteuning:loket-detail": regel(
        LOKET, object=Object(Loketoverleg, ond_sel.loketoverleggen_voor)
    ),
    "ondersteuning:loket-actie": regel(
        SWV_KANTOOR,
        object=Object(
            Loketoverleg,
            ond_sel.loketoverleggen_voor,
            kies=lambda u: ond_sel.loketoverleggen_voor(u).filter(status="gepland"),
            kwargs=lambda o: {"pk": o.pk, "actie": "houden"},
        ),
        methode="post",
    ),
    "ondersteuning:loket-besluit": regel(
        SWV_KANTOOR,
        object=Object(
            Ondersteuningsvraag,
            ond_sel.vragen_voor,
            kies=lambda u: ond_sel.vragen_voor(u).filter(status="geagendeerd"),
            kwargs=lambda o: {"pk": o.overleg_id or 0, "vraag_pk": o.pk},
        ),
        methode="post",
    ),
    # KPI's en thuiszitters
    "kpi:index": regel(IEDEREEN - DESKUNDIGEN),
    "kpi:rapport": regel(IEDEREEN - DESKUNDIGEN),
    "kpi:deelname": regel(IEDEREEN - DESKUNDIGEN),
    "kpi:verwijzingen": regel(IEDEREEN - DESKUNDIGEN),
    "kpi:kpi-detail": regel(IEDEREEN - DESKUNDIGEN, object=Object(Kpi, kpi_sel.kpis_voor)),
    "kpi:meting-nieuw": regel(SWV_KANTOOR, object=Object(Kpi, kpi_sel.kpis_voor)),
    "kpi:thuiszitters": regel(IEDEREEN - DESKUNDIGEN - {"opr"}),
    "kpi:thuiszitter-nieuw": regel(SWV_KANTOOR | {"trajectbegeleider", "ib-innovo"}),
    "kpi:inspectie-export": regel(SWV_KANTOOR),
    "kpi:thuiszitter-detail": regel(
        IEDEREEN - DESKUNDIGEN - {"opr"}, object=Object(Thuiszitter, kpi_sel.thuiszitters_voor)
    ),
    "kpi:thuiszitter-wijzigen": regel(
        SWV_KANTOOR | {"trajectbegeleider", "ib-innovo"},
        object=Object(Thuiszitter, kpi_sel.thuiszitters_voor),
    ),
    "kpi:thuiszitter-actie-nieuw": regel(
        SWV_KANTOOR | {"trajectbegeleider", "ib-innovo"},
        object=Object(Thuiszitter, kpi_sel.thuiszitters_voor),
        methode="post",
    ),
    # Verantwoording
    "verantwoording:index": regel(SWV_KANTOOR | BESTUREN),
    "verantwoording:ronde-nieuw": regel(SWV_KANTOOR),
    "verantwoording:ronde": regel(SWV_KANTOOR | BESTUREN, object=Object(Ronde, v_sel.rondes_voor)),
    "verantwoording:ronde-actie": regel(
        SWV_KANTOOR, object=Object(Ronde, v_sel.rondes_voor), methode="post"
    ),
    "verantwoording:vergelijking": regel(SWV_KANTOOR, object=Object(Ronde, v_sel.rondes_voor)),
    "verantwoording:ronde-pdf": regel(SWV_KANTOOR, object=Object(Ronde, v_sel.rondes_voor)),
    "verantwoording:verslag": regel(
        SWV_KANTOOR | BESTUREN, object=Object(Verslag, v_sel.verslagen_voor)
    ),
    "verantwoording:verslag-bewerken": regel(
        BESTUREN,
        object=Object(
            Verslag,
            lambda u: v_sel.eigen_verslagen(u).filter(status__in=["concept", "teruggegeven"]),
        ),
    ),
    "verantwoording:verslag-beoordelen": regel(
        SWV_KANTOOR,
        object=Object(Verslag, v_sel.verslagen_voor, kies=v_sel.beoordeelbare_verslagen),
        methode="post",
    ),
    "verantwoording:vraag-bewerken": regel(
        SWV_KANTOOR,
        object=Object(
            Vraag,
            Vraag.objects.voor,
            kwargs=lambda o: {"pk": o.ronde_id, "vraag": o.pk},
            kies=lambda u: Vraag.objects.filter(
                ronde__in=v_sel.beheerbare_rondes(u), ronde__status="voorbereiding"
            ),
        ),
    ),
    "verantwoording:verslag-pdf": regel(
        SWV_KANTOOR | BESTUREN, object=Object(Verslag, v_sel.verslagen_voor)
    ),
}


def _regels_per_app():
    """The rules of the apps that keep theirs in tests/beveiliging/regels/<app>.py."""
    from importlib import import_module
    from pkgutil import iter_modules

    from tests.beveiliging import regels

    for module in iter_modules(regels.__path__):
        yield from import_module(f"{regels.__name__}.{module.name}").REGELS.items()


for _naam, _regel in _regels_per_app():
    assert _naam not in REGELS, f"Dubbele autorisatieregel voor {_naam}"
    REGELS[_naam] = _regel


def _patronen(resolvers=None, namespace=""):
    for p in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":
                continue  # the admin is staff-only and tested apart
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _patronen(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}", p


ALLE = sorted({naam for naam, _ in _patronen()})


def test_every_url_has_a_rule():
    zonder = [naam for naam in ALLE if naam not in REGELS]
    assert not zonder, (
        f"URL's zonder autorisatieregel in tests/beveiliging/test_autorisatie.py: {zonder}"
    )
    assert not set(REGELS) - set(ALLE), "Regels voor URL's die niet (meer) bestaan"


# A POST with no data by someone who may: done (302), refused with a message (400, 409),
# or re-rendered (200). Never 404 for an object in scope, never 500.
TOEGESTAAN_POST = (200, 302, 400, 409)


def _vraag(client, r, url):
    return client.post(url) if r.methode == "post" else client.get(url)


@pytest.mark.parametrize("naam", ALLE)
def test_anonymous(client, naam):
    r = REGELS[naam]
    kwargs = r.object.binnen(_iemand_die_mag(r)) if r.object else {}
    if kwargs is None:
        pytest.skip("geen object in de demo")
    antwoord = _vraag(client, r, reverse(naam, kwargs=kwargs))
    if r.publiek:
        assert antwoord.status_code in (200, 302)
        if antwoord.status_code == 302:
            assert antwoord["Location"].startswith("/accounts/login/") or antwoord[
                "Location"
            ].startswith("/")
    else:
        assert antwoord.status_code == 302, naam
        assert antwoord["Location"].startswith("/accounts/login/"), naam


def _iemand_die_mag(r):
    from swv.models import Gebruiker

    return Gebruiker.objects.get(username=sorted(r.wie)[0] if r.wie else "medewerker")


@pytest.mark.parametrize("username", DEMO_ACCOUNTS)
@pytest.mark.parametrize("naam", [n for n in ALLE if not REGELS.get(n, Regel(frozenset())).publiek])
def test_role(als, gebruiker, username, naam):
    r = REGELS[naam]
    client = als(username)
    user = gebruiker(username)
    if r.object is None:
        antwoord = _vraag(client, r, reverse(naam))
        if username in r.wie:
            verwacht = TOEGESTAAN_POST if r.methode == "post" else (200,)
            assert antwoord.status_code in verwacht, (username, naam, antwoord.status_code)
        else:
            assert antwoord.status_code in (403, 404), (username, naam, antwoord.status_code)
        return
    binnen, buiten = r.object.binnen(user), r.object.buiten(user)
    if username in r.wie:
        if binnen is not None:
            code = _vraag(client, r, reverse(naam, kwargs=binnen)).status_code
            verwacht = TOEGESTAAN_POST if r.methode == "post" else (200,)
            assert code in verwacht, (username, naam, code)
        if buiten is not None:
            assert _vraag(client, r, reverse(naam, kwargs=buiten)).status_code == 404, (
                username,
                naam,
            )
    else:
        iemand = r.object.binnen(_iemand_die_mag(r)) if r.wie else binnen or buiten
        if iemand is not None:
            code = _vraag(client, r, reverse(naam, kwargs=iemand)).status_code
            assert code in (403, 404), (username, naam, code)


@pytest.mark.parametrize("username", DEMO_ACCOUNTS)
def test_admin_is_for_staff_only(als, username):
    antwoord = als(username).get("/admin/")
    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/admin/login/")
