"""Ondersteuningsvragen, loket meetings and arrangementen. Thin: parse, call one selector
or service, render. Every read of a vraag or an arrangement is audited (`bekeken`); out of
scope answers 404; a step the user may not take answers 403 before any form is read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView
from rules.contrib.views import PermissionRequiredMixin, permission_required

from leerlingen import selectors as dossiers
from swv import audit, workflow
from swv.audit import bekeken
from swv.views import ScopedListView, VergevingsvollePaginering, binnen_bereik

from . import selectors, stappen
from .filters import ArrangementFilter, VraagFilter
from .forms import (
    AgenderenForm,
    BeeindigenForm,
    BesluitForm,
    BijlageForm,
    EvaluatieForm,
    IndienenForm,
    IntrekkenForm,
    OverlegForm,
    VerlengenForm,
    VersieForm,
    VraagForm,
)
from .services import arrangement as arrangement_services
from .services import loket
from .services import vraag as vraag_services


def _vraag(request, pk, stap=None):
    return binnen_bereik(request, selectors.vraag_van, pk, stap)


def _overleg(request, pk, stap=None):
    return binnen_bereik(request, selectors.overleg_van, pk, stap)


class VraagLijstView(ScopedListView):
    permission_required = "ondersteuning.bekijken"
    template_name = "ondersteuning/index.html"
    filterset_class = VraagFilter
    selector = selectors.vraag_lijst

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["querystring"] = self.request.GET.urlencode()
        ctx["mag_loket"] = self.request.user.has_perm("ondersteuning.loket_bekijken")
        return ctx


@login_required
@permission_required("ondersteuning.vraag_aanmaken", raise_exception=True)
def nieuw(request):
    """A new vraag from a dossier (`?leerling=<id>`, or the dossier number LD-000123);
    without one, where to start. A dossier outside the user's scope is 404."""
    waarde = request.GET.get("leerling", "").strip().upper().removeprefix("LD-")
    if not waarde:
        return render(request, "ondersteuning/nieuw_kies.html")
    try:
        leerling = dossiers.dossier_van(request.user, int(waarde))
    except (ValueError, ObjectDoesNotExist):
        raise Http404 from None
    form = VraagForm(request.POST or None, user=request.user, leerling=leerling)
    if request.method == "POST" and form.is_valid():
        try:
            obj = vraag_services.vraag_aanmaken(
                gebruiker=request.user, leerling=leerling, request=request, **form.cleaned_data
            )
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, _("Vraag %(nr)s aangemaakt (concept).") % {"nr": obj.nummer})
            return redirect(obj)
    status = 400 if request.method == "POST" else 200
    return render(request, "ondersteuning/form.html", {"form": form, "leerling": leerling},
                  status=status)  # fmt: skip


@login_required
@permission_required("ondersteuning.bekijken", raise_exception=True)
def detail(request, pk):
    obj = _vraag(request, pk)
    bekeken(request, obj, omschrijving=f"{obj.audit_label} bekeken")
    return _vraagpagina(request, obj)


def _vraagpagina(request, obj, *, status=200, **formulieren):
    user = request.user
    acties = [s for s in stappen.VRAAG_ACTIES if s.mag(user, obj)]
    context = {
        "vraag": obj,
        "historie": selectors.historie_van(user, obj),
        "arrangementen": selectors.arrangementen_van_vraag(user, obj),
        "bijlagen": selectors.bijlagen_van(user, obj),
        "bijlage_form": formulieren.pop("bijlage_form", None)
        or (BijlageForm(prefix="bijlage") if stappen.BIJLAGE.mag(user, obj) else None),
        "acties": acties,
        "indienen_form": IndienenForm(user=user, leerling=obj.leerling, prefix="indienen",
                                      initial={"versie": obj.versie,
                                               "toestemming": obj.toestemming_id}),
        "intrekken_form": IntrekkenForm(prefix="intrekken", initial={"versie": obj.versie}),
        **formulieren,
    }  # fmt: skip
    if stappen.AGENDEREN.mag(user, obj):
        context.setdefault(
            "agenderen_form",
            AgenderenForm(prefix="agenderen", overleggen=selectors.open_overleggen(user, obj.swv_id),
                          initial={"versie": obj.versie}),
        )  # fmt: skip
    if stappen.VAN_AGENDA.mag(user, obj):
        context["van_agenda_form"] = VersieForm(prefix="agenda", initial={"versie": obj.versie})
    return render(request, "ondersteuning/detail.html", context, status=status)


_VRAAG_STAPPEN = {
    "indienen": stappen.INDIENEN,
    "intrekken": stappen.INTREKKEN,
    "agenderen": stappen.AGENDEREN,
    "van-agenda": stappen.VAN_AGENDA,
}


@login_required
@require_POST
def actie(request, pk, actie):
    stap = _VRAAG_STAPPEN.get(actie)
    if stap is None:
        raise Http404
    obj = _vraag(request, pk, stap)
    user = request.user
    if stap is stappen.INDIENEN:
        form = IndienenForm(request.POST, user=user, leerling=obj.leerling, prefix="indienen")
        naam, uitvoeren = "indienen_form", lambda d: vraag_services.vraag_indienen(
            gebruiker=user, vraag=obj, versie=d["versie"], toestemming=d["toestemming"],
            request=request)  # fmt: skip
    elif stap is stappen.INTREKKEN:
        form = IntrekkenForm(request.POST, prefix="intrekken")
        naam, uitvoeren = "intrekken_form", lambda d: vraag_services.vraag_intrekken(
            gebruiker=user, vraag=obj, versie=d["versie"], reden=d["reden"], request=request)  # fmt: skip
    elif stap is stappen.AGENDEREN:
        form = AgenderenForm(request.POST, prefix="agenderen",
                             overleggen=selectors.open_overleggen(user, obj.swv_id))  # fmt: skip
        naam, uitvoeren = "agenderen_form", lambda d: vraag_services.vraag_agenderen(
            gebruiker=user, vraag=obj, overleg=d["overleg"], versie=d["versie"],
            request=request)  # fmt: skip
    else:
        form = VersieForm(request.POST, prefix="agenda")
        naam, uitvoeren = "van_agenda_form", lambda d: vraag_services.vraag_van_agenda_halen(
            gebruiker=user, vraag=obj, versie=d["versie"], request=request)  # fmt: skip
    if form.is_valid():
        try:
            uitvoeren(form.cleaned_data)
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, str(stap.label))
            # After agenderen, on to the meeting (the agenda is usually built there).
            return redirect(form.cleaned_data["overleg"] if stap is stappen.AGENDEREN else obj)
    return _vraagpagina(request, obj, status=400, **{naam: form})


@login_required
@require_POST
def bijlage_toevoegen(request, pk):
    obj = _vraag(request, pk, stappen.BIJLAGE)
    form = BijlageForm(request.POST, request.FILES, prefix="bijlage")
    if form.is_valid():
        try:
            vraag_services.vraag_bijlage_toevoegen(
                gebruiker=request.user, vraag=obj, bestand=form.cleaned_data["bestand"],
                request=request,
            )  # fmt: skip
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, _("De bijlage is toegevoegd."))
            return redirect(obj)
    return _vraagpagina(request, obj, status=400, bijlage_form=form)


@login_required
@permission_required("ondersteuning.bekijken", raise_exception=True)
def bijlage(request, pk, bijlage_pk):
    """The attachment as uploaded, with its original name; out of scope is 404."""
    try:
        obj = selectors.bijlage_van(request.user, vraag_id=pk, pk=bijlage_pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    if not obj.bestand.storage.exists(obj.bestand.name):
        raise Http404(_("Het bestand van deze bijlage is niet (meer) aanwezig."))
    audit.vastleggen(actie=audit.AuditActie.GEDOWNLOAD, request=request, obj=obj,
                     omschrijving=f"{obj.vraag.nummer}: bijlage {obj.pk} gedownload")  # fmt: skip
    response = FileResponse(obj.bestand.open("rb"), as_attachment=True, filename=obj.naam,
                            content_type=obj.mime)  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    return response


# Loket meetings --------------------------------------------------------------------------


class OverlegLijstView(
    VergevingsvollePaginering, LoginRequiredMixin, PermissionRequiredMixin, ListView
):
    permission_required = "ondersteuning.loket_bekijken"
    template_name = "ondersteuning/loket_index.html"
    paginate_by = 25

    def get_queryset(self):
        return selectors.overleg_lijst(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["mag_plannen"] = self.request.user.has_perm(stappen.OVERLEG_PLANNEN.permissie)
        return ctx


@login_required
@permission_required("ondersteuning.loket_plannen", raise_exception=True)
def overleg_nieuw(request):
    form = OverlegForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            obj = loket.loketoverleg_plannen(gebruiker=request.user, request=request,
                                             **form.cleaned_data)  # fmt: skip
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, _("Loketoverleg %(nr)s gepland.") % {"nr": obj.nummer})
            return redirect(obj)
    status = 400 if request.method == "POST" else 200
    return render(request, "ondersteuning/loket_form.html", {"form": form}, status=status)


@login_required
@permission_required("ondersteuning.loket_bekijken", raise_exception=True)
def overleg_detail(request, pk):
    overleg = _overleg(request, pk)
    # The agenda names the pupils: a read of pupil data.
    bekeken(request, overleg, omschrijving=f"agenda van {overleg.audit_label} bekeken")
    return _overlegpagina(request, overleg)


def _overlegpagina(request, overleg, *, status=200, fout_bij=None, fout_form=None, actie_form=None):
    user = request.user
    agenda = list(selectors.agenda_van(user, overleg))
    rijen = []
    for v in agenda:
        form = None
        if stappen.TOEKENNEN.mag(user, v):
            form = fout_form if fout_bij == v.pk else BesluitForm(
                prefix=f"besluit-{v.pk}", initial={"versie": v.versie}, vraag=v, user=user)  # fmt: skip
        rijen.append({"vraag": v, "form": form})
    op_agenda = any(r["vraag"].pk == fout_bij for r in rijen)
    context = {
        # A refused decision on a vraag that is not on this agenda: its message on top.
        "besluit_fout": fout_form if fout_form is not None and not op_agenda else None,
        "overleg": overleg,
        "rijen": rijen,
        "deelnemers": overleg.deelnemers.order_by("first_name", "last_name"),
        "historie": selectors.overleg_historie(user, overleg),
        "acties": [s for s in stappen.OVERLEG_ACTIES if s.mag(user, overleg)],
        "actie_form": actie_form
        or VersieForm(prefix="overleg", initial={"versie": overleg.versie}),
        "te_agenderen": [
            v for v in selectors.te_agenderen(user, overleg) if stappen.AGENDEREN.mag(user, v)
        ]
        if overleg.status == "gepland"
        else [],
    }
    return render(request, "ondersteuning/loket_detail.html", context, status=status)


_OVERLEG_STAPPEN = {"houden": stappen.OVERLEG_HOUDEN, "afronden": stappen.OVERLEG_AFRONDEN}


@login_required
@require_POST
def overleg_actie(request, pk, actie):
    stap = _OVERLEG_STAPPEN.get(actie)
    if stap is None:
        raise Http404
    overleg = _overleg(request, pk, stap)
    form = VersieForm(request.POST, prefix="overleg")
    service = (
        loket.loketoverleg_houden if stap is stappen.OVERLEG_HOUDEN else loket.loketoverleg_afronden
    )
    if form.is_valid():
        try:
            service(gebruiker=request.user, overleg=overleg, versie=form.cleaned_data["versie"],
                    request=request)  # fmt: skip
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, str(stap.label))
            return redirect(overleg)
    return _overlegpagina(request, overleg, status=400, actie_form=form)


@login_required
@require_POST
def besluit(request, pk, vraag_pk):
    overleg = _overleg(request, pk)
    obj = _vraag(request, vraag_pk, stappen.TOEKENNEN)
    form = BesluitForm(request.POST, prefix=f"besluit-{obj.pk}", vraag=obj, user=request.user)
    if form.is_valid():
        d = form.cleaned_data
        try:
            vraag_services.vraag_besluiten(
                gebruiker=request.user, vraag=obj, overleg=overleg, request=request,
                versie=d["versie"], besluit=d["besluit"], reden=d["reden"],
                arrangement=form.arrangement(),
            )  # fmt: skip
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, _("Besluit op %(nr)s vastgelegd.") % {"nr": obj.nummer})
            return redirect(overleg)
    return _overlegpagina(request, overleg, status=400, fout_bij=obj.pk, fout_form=form)


# Arrangementen ---------------------------------------------------------------------------


def _arrangement(request, pk, stap=None):
    return binnen_bereik(request, selectors.arrangement_van, pk, stap)


class ArrangementLijstView(ScopedListView):
    permission_required = "ondersteuning.bekijken"
    template_name = "ondersteuning/arrangementen.html"
    filterset_class = ArrangementFilter
    selector = selectors.arrangement_lijst
    totalen = selectors.TOTAAL_KOSTEN

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["querystring"] = self.request.GET.urlencode()
        return ctx


@login_required
@permission_required("ondersteuning.bekijken", raise_exception=True)
def arrangement_detail(request, pk):
    obj = _arrangement(request, pk)
    bekeken(request, obj, omschrijving=f"{obj.audit_label} bekeken")
    return _arrangementpagina(request, obj)


def _arrangementpagina(request, obj, *, status=200, **formulieren):
    user = request.user
    context = {
        "arrangement": obj,
        "evaluaties": selectors.evaluaties_van(user, obj),
        "historie": selectors.arrangement_historie(user, obj),
        "verlenging": selectors.verlenging_van(user, obj),
        "vorige": obj.vorige if obj.vorige_id and selectors.arrangementen_voor(user).filter(
            pk=obj.vorige_id).exists() else None,
        "acties": [s for s in stappen.ARRANGEMENT_ACTIES if s.mag(user, obj)],
    }  # fmt: skip
    if stappen.EVALUEREN.mag(user, obj):
        context["evaluatie_form"] = formulieren.get("evaluatie_form") or EvaluatieForm(
            prefix="evaluatie", momenten=selectors.open_evaluaties(user, obj),
            initial={"versie": obj.versie})  # fmt: skip
    if stappen.BEEINDIGEN.mag(user, obj):
        context["beeindigen_form"] = formulieren.get("beeindigen_form") or BeeindigenForm(
            prefix="beeindigen", initial={"versie": obj.versie})  # fmt: skip
    if stappen.VERLENGEN.mag(user, obj):
        context["verlengen_form"] = formulieren.get("verlengen_form") or VerlengenForm(
            prefix="verlengen", user=user, arrangement=obj, initial={"versie": obj.versie})  # fmt: skip
    return render(request, "ondersteuning/arrangement_detail.html", context, status=status)


_ARRANGEMENT_STAPPEN = {
    "evalueren": stappen.EVALUEREN,
    "beeindigen": stappen.BEEINDIGEN,
    "verlengen": stappen.VERLENGEN,
}


@login_required
@require_POST
def arrangement_actie(request, pk, actie):
    stap = _ARRANGEMENT_STAPPEN.get(actie)
    if stap is None:
        raise Http404
    obj = _arrangement(request, pk, stap)
    user = request.user
    if stap is stappen.EVALUEREN:
        form = EvaluatieForm(request.POST, prefix="evaluatie",
                             momenten=selectors.open_evaluaties(user, obj))  # fmt: skip
        naam, uitvoeren = "evaluatie_form", lambda d: arrangement_services.arrangement_evalueren(
            gebruiker=user, arrangement=obj, request=request, **d)  # fmt: skip
    elif stap is stappen.BEEINDIGEN:
        form = BeeindigenForm(request.POST, prefix="beeindigen")
        naam, uitvoeren = "beeindigen_form", lambda d: arrangement_services.arrangement_beeindigen(
            gebruiker=user, arrangement=obj, request=request, **d)  # fmt: skip
    else:
        form = VerlengenForm(request.POST, prefix="verlengen", user=user, arrangement=obj)
        naam, uitvoeren = "verlengen_form", lambda d: arrangement_services.arrangement_verlengen(
            gebruiker=user, arrangement=obj, versie=d["versie"], reden=d["reden"],
            gegevens=form.gegevens(), request=request)  # fmt: skip
    if form.is_valid():
        try:
            uitkomst = uitvoeren(form.cleaned_data)
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, str(stap.label))
            # After an extension, on to the new arrangement.
            return redirect(uitkomst if stap is stappen.VERLENGEN else obj)
    return _arrangementpagina(request, obj, status=400, **{naam: form})
