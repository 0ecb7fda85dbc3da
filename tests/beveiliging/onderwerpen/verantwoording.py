"""The verantwoording's objects for the generated step test: rounds and reports in every
status, inside the demo SWVs and in an SWV no demo account belongs to.

The demo has one open round (INNOVO's report accepted, the others concepts); what it
lacks is added inside the test's transaction, once.
"""

from datetime import timedelta

from django.utils import timezone

from kpi.verantwoording import selectors
from kpi.verantwoording.models import Ronde, RondeStatus, Verslag, VerslagStatus, Vraag
from swv.models import Samenwerkingsverband, Schoolbestuur
from tests.beveiliging.onderwerpen import Onderwerp

DEMO_SWVS = ["PO3104", "PO3105", "PO3106"]
ELDERS = "PO9997"


def _demo_ronde() -> Ronde:
    return (
        Ronde.objects.filter(samenwerkingsverbanden__code="PO3104", status=RondeStatus.OPEN)
        .order_by("-schooljaar", "id")
        .first()
    )


def _ronde(swvs, status, schooljaar) -> Ronde:
    ronde = Ronde.objects.create(
        schooljaar=schooljaar, deadline=timezone.localdate() + timedelta(days=30)
    )
    ronde.samenwerkingsverbanden.set(swvs)
    Vraag.objects.create(ronde=ronde, sectie="extra", code="extra", titel="Extra")
    Ronde.objects.filter(pk=ronde.pk).update(status=status)
    return ronde


def _opzetten() -> dict:
    """The rounds and reports to try, keyed by what they are."""
    demo = _demo_ronde()
    innovo = Verslag.objects.get(ronde=demo, bestuur__nummer="41506")
    movare = Verslag.objects.get(ronde=demo, bestuur__nummer="41516")
    if not Samenwerkingsverband.objects.filter(code=ELDERS).exists():
        demo_swvs = list(Samenwerkingsverband.objects.filter(code__in=DEMO_SWVS))
        elders = Samenwerkingsverband.objects.create(code=ELDERS, naam="Elders")
        _ronde(demo_swvs, RondeStatus.VOORBEREIDING, demo.schooljaar + 3)
        gesloten = _ronde(demo_swvs, RondeStatus.GESLOTEN, demo.schooljaar - 5)
        Verslag.objects.create(ronde=gesloten, bestuur=innovo.bestuur)
        buiten = _ronde([elders], RondeStatus.OPEN, demo.schooljaar)
        bestuur = Schoolbestuur.objects.create(nummer="99997", naam="Bestuur elders")
        Verslag.objects.create(ronde=buiten, bestuur=bestuur, status=VerslagStatus.INGEDIEND)
        anderen = demo.verslagen.exclude(pk__in=[innovo.pk, movare.pk]).order_by("pk")
        for verslag, status in zip(
            anderen, (VerslagStatus.INGEDIEND, VerslagStatus.TERUGGEGEVEN), strict=False
        ):
            Verslag.objects.filter(pk=verslag.pk).update(status=status)
    rondes = list(
        Ronde.objects.filter(samenwerkingsverbanden__code__in=[*DEMO_SWVS, ELDERS])
        .distinct()
        .order_by("pk")
    )
    return {"rondes": rondes, "innovo": innovo, "movare": movare}


def _rondes(model):
    return model.objects.filter(pk__in=[r.pk for r in _opzetten()["rondes"]]).order_by("pk")


def _verslagen(model):
    """Every status of the demo round (INNOVO's and Movare's among them), the closed
    round's report and the report outside every demo account's SWVs."""
    gegeven = _opzetten()
    gezien = {}
    for verslag in model.objects.filter(ronde__in=gegeven["rondes"]).order_by("pk"):
        gezien.setdefault((verslag.ronde_id, verslag.status), verslag.pk)
    pks = {*gezien.values(), gegeven["innovo"].pk, gegeven["movare"].pk}
    return model.objects.filter(pk__in=pks).order_by("pk")


def _vragen(model):
    rondes = _opzetten()["rondes"]
    return model.objects.filter(
        pk__in=[r.vragen.order_by("pk").values_list("pk", flat=True)[0] for r in rondes]
    ).order_by("pk")


ONDERWERPEN = {
    Ronde: Onderwerp(
        zichtbaar=lambda user, obj: selectors.rondes_voor(user).filter(pk=obj.pk).exists(),
        objecten=_rondes,
    ),
    Verslag: Onderwerp(
        zichtbaar=lambda user, obj: selectors.verslagen_voor(user).filter(pk=obj.pk).exists(),
        objecten=_verslagen,
    ),
    Vraag: Onderwerp(
        zichtbaar=lambda user, obj: selectors.rondes_voor(user).filter(pk=obj.ronde_id).exists(),
        permissie_op=lambda obj: obj.ronde,
        objecten=_vragen,
    ),
}
