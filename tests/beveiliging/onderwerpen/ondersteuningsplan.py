"""The plan's objects for the generated step test: plans in every status, inside the demo
SWVs (PO3104-PO3106), in PO3104 only (outside the one-SWV users' scope) and in an SWV of
nobody; chapters and OPR comments on them."""

from ondersteuningsplan.models import Hoofdstuk, Ondersteuningsplan, OprOpmerking, PlanStatus
from ondersteuningsplan.selectors import plannen_voor
from swv.models import Gebruiker, Samenwerkingsverband
from tests.beveiliging.onderwerpen import Onderwerp
from tests.factories import SamenwerkingsverbandFactory
from tests.factories.ondersteuningsplan import PlanFactory

ZL = ["PO3104", "PO3105", "PO3106"]


def _zichtbaar(user, plan_id):
    return plannen_voor(user).filter(pk=plan_id).exists()


def _plan(titel, status, swvs):
    plan = Ondersteuningsplan.objects.filter(titel=titel).first()
    if plan is None:
        plan = PlanFactory(titel=titel, samenwerkingsverbanden=swvs)
        Ondersteuningsplan.objects.filter(pk=plan.pk).update(status=status)
    return plan.pk


def _plannen():
    """The demo's plans, one more in every status the demo has none of, and plans outside."""
    zl = list(Samenwerkingsverband.objects.filter(code__in=ZL))
    alleen_3104 = list(Samenwerkingsverband.objects.filter(code="PO3104"))
    elders = [SamenwerkingsverbandFactory(code="PO9901", naam="SWV van niemand")]
    pks = {}
    for pk, status in Ondersteuningsplan.objects.order_by("pk").values_list("pk", "status"):
        pks.setdefault(status, pk)
    for status in PlanStatus:
        if status not in pks:
            pks[status] = _plan(f"Stappentest {status}", status, zl)
    buiten = [
        _plan(f"Stappentest {status} {waar}", status, swvs)
        for status in (PlanStatus.CONCEPT, PlanStatus.TER_INSTEMMING, PlanStatus.GEPUBLICEERD)
        for waar, swvs in (("PO3104", alleen_3104), ("elders", elders))
    ]
    return Ondersteuningsplan.objects.filter(pk__in=[*pks.values(), *buiten]).order_by("pk")


def _hoofdstukken(model):
    pks = []
    for plan in _plannen():
        h = plan.hoofdstukken.order_by("pk").first() or Hoofdstuk.objects.create(
            plan=plan, volgorde=1, titel="Basisondersteuning", tekst="Tekst."
        )
        pks.append(h.pk)
    return model.objects.filter(pk__in=pks).order_by("pk")


def _opmerkingen(model):
    opr = Gebruiker.objects.get(username="opr")
    pks = []
    for plan in _plannen():
        o = plan.opmerkingen.order_by("pk").first() or OprOpmerking.objects.create(
            plan=plan, sectie="missie", sectie_titel="Missie", auteur=opr, tekst="Vraag."
        )
        pks.append(o.pk)
    return model.objects.filter(pk__in=pks).order_by("pk")


ONDERWERPEN = {
    Ondersteuningsplan: Onderwerp(
        zichtbaar=lambda user, obj: _zichtbaar(user, obj.pk),
        objecten=lambda model: _plannen(),
    ),
    Hoofdstuk: Onderwerp(
        zichtbaar=lambda user, obj: _zichtbaar(user, obj.plan_id),
        permissie_op=lambda obj: obj.plan,
        objecten=_hoofdstukken,
    ),
    OprOpmerking: Onderwerp(
        zichtbaar=lambda user, obj: _zichtbaar(user, obj.plan_id),
        permissie_op=lambda obj: obj.plan,
        objecten=_opmerkingen,
    ),
}
