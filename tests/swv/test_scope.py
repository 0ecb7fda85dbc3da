"""Scope by declaration (swv.selectors): each kind of object has one selector, registered
with `@scope(Model)`; a child's queryset declares the path to its parent and sees exactly
what the parent's scope allows (`Kpi.objects.voor(user)`), role by role."""

import sys
from datetime import date

import pytest
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured

import kpi.verantwoording
import ondersteuningsplan
from kpi.models import Meting, Thuiszitter, ThuiszitterActie
from kpi.selectors import thuiszitters_voor
from kpi.verantwoording import services as v_services
from kpi.verantwoording.models import (
    Aanwending,
    Antwoord,
    IndicatorStand,
    OntvangenBedrag,
    Procesindicator,
    Verslag,
    Vraag,
)
from kpi.verantwoording.selectors import rondes_voor, verslagen_voor
from ondersteuningsplan.models import (
    Hoofdstuk,
    Kpi,
    Ondersteuningsplan,
    Ontwikkelactie,
    PlanStatus,
    Speerpunt,
    Statusovergang,
    Streefwaarde,
)
from ondersteuningsplan.selectors import plannen_voor
from swv import selectors as swv_selectors
from swv.models import Gemeente, Samenwerkingsverband, School, Schoolbestuur
from swv.selectors import KindQuerySet, zichtbaar_voor
from tests.conftest import DEMO_ACCOUNTS
from tests.factories import GebruikerFactory, SamenwerkingsverbandFactory
from tests.factories.kpi import (
    KpiFactory,
    MetingFactory,
    PlanFactory,
    SpeerpuntFactory,
    StreefwaardeFactory,
    ThuiszitterFactory,
)
from tests.factories.verantwoording import open_ronde, vul_compleet

ZUID_LIMBURG = ["PO3104", "PO3105", "PO3106"]
STAF = {"medewerker", "directeur", "privacy"}  # the privacy officer is a medewerker

# Which of the plans below (in the demo users' SWVs) each demo account sees: staff every
# draft, the OPR from the moment it is put before them, everyone else adopted plans only.
# The plan of another SWV ("elders") nobody here sees.
ALLE_STATUSSEN = {PlanStatus.CONCEPT, PlanStatus.TER_INSTEMMING, PlanStatus.VASTGESTELD}


def zichtbare_statussen(naam: str) -> set[str]:
    if naam in STAF:
        return ALLE_STATUSSEN
    if naam == "opr":
        return {PlanStatus.TER_INSTEMMING, PlanStatus.VASTGESTELD}
    return {PlanStatus.VASTGESTELD}


# Every declared child of a plan, with its path to the plan.
PLANKINDEREN = [
    (Speerpunt, "plan"),
    (Hoofdstuk, "plan"),
    (Statusovergang, "plan"),
    (Ontwikkelactie, "speerpunt__plan"),
    (Kpi, "speerpunt__plan"),
    (Streefwaarde, "kpi__speerpunt__plan"),
    (Meting, "kpi__speerpunt__plan"),
]


def _plan(status, swvs) -> Ondersteuningsplan:
    plan = PlanFactory(titel=f"Scopeplan {status}", status=status, swvs=swvs)
    speerpunt = SpeerpuntFactory(plan=plan)
    kpi = KpiFactory(speerpunt=speerpunt)
    StreefwaardeFactory(kpi=kpi)
    MetingFactory(kpi=kpi)  # plan-wide: no bestuur, so it follows the plan alone
    Hoofdstuk.objects.create(plan=plan, titel="Hoofdstuk")
    Statusovergang.objects.create(plan=plan, naar=status)
    Ontwikkelactie.objects.create(
        speerpunt=speerpunt, omschrijving="Actie", van_schooljaar=2022, tot_schooljaar=2023
    )
    return plan


@pytest.fixture
def plannen():
    zl = list(Samenwerkingsverband.objects.filter(code__in=ZUID_LIMBURG))
    plannen = {status: _plan(status, zl) for status in ALLE_STATUSSEN}
    plannen["elders"] = _plan(PlanStatus.VASTGESTELD, [SamenwerkingsverbandFactory()])
    return plannen


@pytest.mark.parametrize("naam", DEMO_ACCOUNTS)
def test_kind_van_een_plan_ziet_precies_wat_het_plan_toestaat(gebruiker, plannen, naam):
    user = gebruiker(naam)
    ids = [p.pk for p in plannen.values()]
    verwacht = {plannen[s].pk for s in zichtbare_statussen(naam)}
    assert set(plannen_voor(user).filter(pk__in=ids).values_list("pk", flat=True)) == verwacht
    for model, pad in PLANKINDEREN:
        van_de_plannen = model.objects.filter(**{f"{pad}__in": ids})
        zichtbaar = model.objects.voor(user).filter(pk__in=van_de_plannen.values("pk"))
        assert set(zichtbaar.values_list(pad, flat=True)) == verwacht, model.__name__


@pytest.mark.parametrize("naam", ["medewerker", "opr", "bestuur-innovo", "ib-innovo"])
def test_kind_volgt_het_plan_ook_in_de_demo(gebruiker, naam):
    """Over every row (the demo's plans too): a child is visible exactly when its plan is
    in the plan's scope, compared here in Python, not through the same query."""
    user = gebruiker(naam)
    zichtbare_plannen = set(plannen_voor(user).values_list("pk", flat=True))
    for model, pad in PLANKINDEREN:
        if model is Meting:
            continue  # bestuur metingen narrow further (next test)
        verwacht = {
            pk for pk, plan in model.objects.values_list("pk", pad) if plan in zichtbare_plannen
        }
        assert set(model.objects.voor(user).values_list("pk", flat=True)) == verwacht, model


def test_superuser_ziet_alle_kinderen(plannen):
    su = GebruikerFactory(username="beheerder-scope", is_superuser=True, is_staff=True)
    alle = set(Kpi.objects.filter(speerpunt__plan__in=plannen.values()))
    assert alle <= set(Kpi.objects.voor(su))
    assert set(plannen.values()) <= {s.kpi.speerpunt.plan for s in Streefwaarde.objects.voor(su)}


def test_anoniem_ziet_geen_kinderen(plannen):
    from django.contrib.auth.models import AnonymousUser

    assert not Kpi.objects.voor(AnonymousUser()).exists()
    assert not Meting.objects.voor(AnonymousUser()).exists()


def test_meting_van_een_bestuur_alleen_voor_wie_dat_bestuur_ziet(gebruiker, plannen):
    kpi = Kpi.objects.get(speerpunt__plan=plannen[PlanStatus.VASTGESTELD])
    plan_breed = Meting.objects.get(kpi=kpi)
    innovo = Schoolbestuur.objects.get(nummer="41506")
    swv = Samenwerkingsverband.objects.get(code="PO3104")
    per_swv = MetingFactory(kpi=kpi, swv=swv, schooljaar=2023)
    van_innovo = MetingFactory(kpi=kpi, bestuur=innovo, schooljaar=2023)

    def ziet(naam):
        return set(Meting.objects.voor(gebruiker(naam)).filter(kpi=kpi))

    assert ziet("medewerker") == {plan_breed, per_swv, van_innovo}
    assert ziet("bestuur-innovo") == {plan_breed, per_swv, van_innovo}
    assert ziet("ib-innovo") == {plan_breed, per_swv, van_innovo}
    assert ziet("bestuur-movare") == {plan_breed, per_swv}
    # The plan comes first: a draft's metingen not even for the bestuur it measured.
    concept = Kpi.objects.get(speerpunt__plan=plannen[PlanStatus.CONCEPT])
    MetingFactory(kpi=concept, bestuur=innovo, schooljaar=2023)
    assert not Meting.objects.voor(gebruiker("bestuur-innovo")).filter(kpi=concept).exists()
    assert Meting.objects.voor(gebruiker("medewerker")).filter(kpi=concept).count() == 2


def test_actie_van_een_thuiszitter_volgt_de_zaak(gebruiker):
    ib = gebruiker("ib-innovo")
    movare_school = School.objects.filter(
        swv__code__in=ZUID_LIMBURG, bestuur__nummer="41516"
    ).first()
    eigen = ThuiszitterFactory(school=ib.school)
    ander = ThuiszitterFactory(school=movare_school)
    acties = {
        t.pk: ThuiszitterActie.objects.create(
            thuiszitter=t, datum=date(2025, 1, 7), omschrijving="Gesprek met ouders"
        )
        for t in (eigen, ander)
    }

    def ziet(naam):
        user = gebruiker(naam)
        zichtbaar = set(
            ThuiszitterActie.objects.voor(user).filter(pk__in=[a.pk for a in acties.values()])
        )
        # Exactly the actions of the cases the case's own rule lets the user see.
        zaken = thuiszitters_voor(user).filter(pk__in=list(acties)).values_list("pk", flat=True)
        assert zichtbaar == {acties[pk] for pk in zaken}
        return {a.thuiszitter for a in zichtbaar}

    assert ziet("medewerker") == {eigen, ander}
    assert ziet("ib-innovo") == {eigen}
    assert ziet("bestuur-movare") == {ander}
    assert ziet("opr") == set()
    assert ziet("orthopedagoog") == set()


def test_delen_van_een_verslag_volgen_het_verslag(gebruiker):
    """A report's parts are seen with the report: a bestuur its own and, once accepted,
    the others'; staff every one; the OPR none. A round's questions with the round."""
    medewerker = gebruiker("medewerker")
    ronde = open_ronde(medewerker)
    innovo = Verslag.objects.get(ronde=ronde, bestuur__nummer="41506")
    movare = Verslag.objects.get(ronde=ronde, bestuur__nummer="41516")
    vul_compleet(innovo, gebruiker("bestuur-innovo"))
    vul_compleet(movare, gebruiker("bestuur-movare"))

    def verslagen(model, naam):
        qs = model.objects.voor(gebruiker(naam)).filter(verslag__ronde=ronde)
        return set(qs.values_list("verslag", flat=True))

    def controleer(naam, verwacht):
        assert (
            set(verslagen_voor(gebruiker(naam)).filter(ronde=ronde).values_list("pk", flat=True))
            == verwacht
        )
        for model in (Antwoord, IndicatorStand, OntvangenBedrag, Aanwending):
            assert verslagen(model, naam) == verwacht, model.__name__

    controleer("medewerker", {innovo.pk, movare.pk})
    controleer("bestuur-innovo", {innovo.pk})
    controleer("bestuur-movare", {movare.pk})
    controleer("opr", set())
    controleer("ib-innovo", set())
    movare = v_services.verslag_indienen(verslag=movare, gebruiker=gebruiker("bestuur-movare"))
    v_services.verslag_accepteren(verslag=movare, gebruiker=medewerker)
    controleer("bestuur-innovo", {innovo.pk, movare.pk})

    vragen = set(ronde.vragen.values_list("pk", flat=True))
    assert vragen
    for naam in ("medewerker", "bestuur-innovo", "bestuur-movare"):
        user = gebruiker(naam)
        assert rondes_voor(user).filter(pk=ronde.pk).exists()
        assert (
            set(Vraag.objects.voor(user).filter(ronde=ronde).values_list("pk", flat=True)) == vragen
        )
        assert Procesindicator.objects.voor(user).filter(vraag__ronde=ronde).count() == (
            Procesindicator.objects.filter(vraag__ronde=ronde).count()
        )
    for naam in ("opr", "ib-innovo", "trajectbegeleider"):
        assert not Vraag.objects.voor(gebruiker(naam)).filter(ronde=ronde).exists()
        assert not Procesindicator.objects.voor(gebruiker(naam)).exists()


# The mechanism itself -------------------------------------------------------------------


def test_de_ene_selector_per_soort_is_geregistreerd(gebruiker):
    from kpi.verantwoording.models import Ronde

    mw = gebruiker("medewerker")
    for model, selector in [
        (Ondersteuningsplan, plannen_voor),
        (Thuiszitter, thuiszitters_voor),
        (Ronde, rondes_voor),
        (Verslag, verslagen_voor),
    ]:
        assert swv_selectors._SCOPES[model] is selector
        assert set(zichtbaar_voor(model, mw)) == set(selector(mw))


def test_model_zonder_scope_geeft_improperlyconfigured(gebruiker):
    mw = gebruiker("medewerker")
    with pytest.raises(ImproperlyConfigured, match="Gemeente"):
        zichtbaar_voor(Gemeente, mw)
    # A child whose parent registered no scope fails loudly too, instead of showing all.
    naar_school = type("NaarSchool", (KindQuerySet,), {"ouder": "school"})
    with pytest.raises(ImproperlyConfigured, match="School"):
        naar_school(model=Thuiszitter).voor(mw)


def test_kind_zonder_ouderpad_faalt_luid():
    with pytest.raises(FieldDoesNotExist):
        type("Fout", (KindQuerySet,), {"ouder": "bestaat_niet"})(model=Kpi).ouder_model()


@pytest.mark.parametrize(
    "kind, module, pakket, naam",
    [
        (Kpi, "ondersteuningsplan.selectors", ondersteuningsplan, "selectors"),
        (Vraag, "kpi.verantwoording.selectors", kpi.verantwoording, "selectors"),
    ],
)
def test_selectors_van_de_app_worden_bij_eerste_gebruik_geladen(
    monkeypatch, gebruiker, plannen, kind, module, pakket, naam
):
    """`zichtbaar_voor` imports the parent app's selectors module when nothing is
    registered yet (as when a child is read before anything imported that module)."""
    mw = gebruiker("medewerker")
    verwacht = set(kind.objects.voor(mw).values_list("pk", flat=True))
    monkeypatch.setattr(swv_selectors, "_SCOPES", {})
    monkeypatch.delitem(sys.modules, module)
    monkeypatch.delattr(pakket, naam)
    assert set(kind.objects.voor(mw).values_list("pk", flat=True)) == verwacht
    assert module in sys.modules
    ouder = kind.objects.all().ouder_model()
    assert swv_selectors._SCOPES[ouder].__module__ == module


def test_model_uit_een_app_zonder_selectors_geeft_improperlyconfigured(gebruiker):
    from django.contrib.auth.models import Group

    with pytest.raises(ImproperlyConfigured, match="Group"):
        zichtbaar_voor(Group, gebruiker("medewerker"))


def test_pad_mag_eindigen_bij_een_kind(gebruiker, plannen):
    """A child of a child: the path may stop at the KPI, which follows its plan."""
    mw = gebruiker("bestuur-innovo")
    via_kpi = type("ViaKpi", (KindQuerySet,), {"ouder": "speerpunt"})(model=Kpi).voor(mw)
    assert set(via_kpi) == set(Kpi.objects.voor(mw))


def test_kind_queryset_is_te_picklen(plannen):
    import pickle

    qs = Kpi.objects.all()
    assert list(pickle.loads(pickle.dumps(qs))) == list(qs)
    assert type(pickle.loads(pickle.dumps(qs))) is type(qs)
