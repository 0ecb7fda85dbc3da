"""Voorzieningen, the dekkend netwerk and placements. Thin: parse, call one selector or
service, render. Reads of placements (pupil data) are audited (`bekeken`); out of scope
answers 404; a step the user may not take answers 403 before any form is read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from swv import workflow
from swv.audit import AuditActie, bekeken, vastleggen
from swv.exports import FORMATEN
from swv.selectors import gemeenten_voor, samenwerkingsverbanden_voor
from swv.views import ScopedListView, binnen_bereik

from . import reports, selectors, stappen
from .filters import VoorzieningFilter
from .forms import BeeindigenForm, PlaatsenForm, PlaatsingForm, VervallenForm, VoorzieningForm
from .services import plaatsing as plaatsing_services
from .services import voorziening as voorziening_services


class VoorzieningLijstView(ScopedListView):
    permission_required = "voorzieningen.bekijken"
    template_name = "voorzieningen/index.html"
    filterset_class = VoorzieningFilter
    selector = selectors.voorziening_lijst

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["mag_beheren"] = self.request.user.has_perm("voorzieningen.beheren")
        return ctx


@login_required
@permission_required("voorzieningen.beheren", raise_exception=True)
def nieuw(request):
    form = VoorzieningForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            obj = voorziening_services.voorziening_aanmaken(
                gebruiker=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, _("Voorziening %(nr)s toegevoegd.") % {"nr": obj.nummer})
            return redirect(obj)
    status = 400 if request.method == "POST" else 200
    return render(request, "voorzieningen/form.html", {"form": form}, status=status)


@login_required
@permission_required("voorzieningen.beheren", raise_exception=True)
def wijzigen(request, pk):
    obj = binnen_bereik(request, selectors.beheerbare_voorziening, pk, stappen.VOORZIENING_WIJZIGEN)
    versie = request.POST.get("versie", "")
    form = VoorzieningForm(request.POST or None, user=request.user, bewerken=True, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            voorziening_services.voorziening_wijzigen(
                gebruiker=request.user, voorziening=obj, request=request,
                versie=int(versie) if versie.isdigit() else None, **form.cleaned_data,
            )  # fmt: skip
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, _("Voorziening %(nr)s gewijzigd.") % {"nr": obj.nummer})
            return redirect(obj)
    status = 400 if request.method == "POST" else 200
    return render(request, "voorzieningen/form.html", {"form": form, "voorziening": obj},
                  status=status)  # fmt: skip


@login_required
@permission_required("voorzieningen.bekijken", raise_exception=True)
def detail(request, pk):
    obj = binnen_bereik(request, selectors.voorziening_van, pk)
    user = request.user
    plaatsingen = list(selectors.plaatsingen_van(user, obj))
    if plaatsingen:
        bekeken(request, obj, omschrijving=f"plaatsingen van {obj.audit_label} bekeken")
    return render(request, "voorzieningen/detail.html", {
        "voorziening": obj,
        "vrij": max(obj.capaciteit - obj.bezetting, 0),
        "geplaatst": [p for p in plaatsingen if p.status == "geplaatst"],
        "wachtenden": [p for p in plaatsingen if p.status == "wachtlijst"],
        "ziet_leerlingen": user.has_perm("ondersteuning.bekijken"),
        "mag_beheren": stappen.VOORZIENING_WIJZIGEN.mag(user, obj),
        "mag_plaatsen": stappen.AANMELDEN.mag(user, obj) and obj.actief,
    })  # fmt: skip


def _netwerk_context(request):
    user = request.user
    swvs = list(samenwerkingsverbanden_voor(user).order_by("code"))
    gemeenten = list(gemeenten_voor(user).order_by("naam"))
    swv_id = request.GET.get("swv", "")
    swv_id = int(swv_id) if swv_id.isdigit() and int(swv_id) in {s.pk for s in swvs} else None
    gemeente_id = request.GET.get("gemeente", "")
    gemeente_id = (
        int(gemeente_id)
        if gemeente_id.isdigit() and int(gemeente_id) in {g.pk for g in gemeenten}
        else None
    )
    gekozen = [s for s in swvs if s.pk == swv_id] if swv_id else swvs
    voorzieningen = list(
        selectors.netwerk_voorzieningen(user, swv_id=swv_id, gemeente_id=gemeente_id)
    )
    overzicht = selectors.netwerk_overzicht(gekozen, voorzieningen)
    return {
        "swvs": swvs, "gemeenten": gemeenten, "swv_id": swv_id, "gemeente_id": gemeente_id,
        "voorzieningen": voorzieningen, "overzicht": overzicht,
        "tekorten": reports.tekort_rijen(overzicht),
        "datum": timezone.localdate(),
    }  # fmt: skip


@login_required
@permission_required("voorzieningen.bekijken", raise_exception=True)
def netwerk(request):
    """The dekkend netwerk per SWV and regio: provisions by soort and location, occupancy
    against capacity, waiting lists and gaps. `?format=csv|xlsx` (`&tabel=tekorten` for the
    gaps) downloads the same rows, register and counts only (no pupils)."""
    ctx = _netwerk_context(request)
    formaat = request.GET.get("format", "")
    if formaat in FORMATEN:
        tabel = request.GET.get("tabel", "voorzieningen")
        export = reports.TEKORTEN if tabel == "tekorten" else reports.VOORZIENINGEN
        rijen = ctx["tekorten"] if tabel == "tekorten" else ctx["voorzieningen"]
        vastleggen(actie=AuditActie.GEEXPORTEERD, request=request,
                   omschrijving=f"Dekkend netwerk ({tabel}) geëxporteerd als {formaat}")  # fmt: skip
        return export.response(formaat, rijen, datum=f"{ctx['datum']:%Y-%m-%d}")
    ctx["grafiek"] = reports.grafiek(ctx["overzicht"])
    ctx["querystring"] = "&".join(
        f"{k}={v}" for k, v in (("swv", ctx["swv_id"]), ("gemeente", ctx["gemeente_id"])) if v
    )
    return render(request, "voorzieningen/netwerk.html", ctx)


# Placements ----------------------------------------------------------------------------


@login_required
@permission_required("voorzieningen.plaatsing_aanmaken", raise_exception=True)
def plaatsing_nieuw(request, pk):
    obj = binnen_bereik(request, selectors.voorziening_van, pk, stappen.AANMELDEN)
    besluiten = selectors.besluiten_voor_plaatsing(request.user, obj)
    form = PlaatsingForm(request.POST or None, besluiten=besluiten)
    if request.method == "POST" and form.is_valid():
        try:
            plaatsing = plaatsing_services.plaatsing_aanmaken(
                gebruiker=request.user, voorziening=obj, request=request, **form.cleaned_data
            )
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            tekst = (
                _("Plaatsing %(nr)s: geplaatst.")
                if plaatsing.status == "geplaatst"
                else _("Plaatsing %(nr)s: op de wachtlijst.")
            )
            messages.success(request, tekst % {"nr": plaatsing.nummer})
            return redirect(plaatsing)
    status = 400 if request.method == "POST" else 200
    return render(request, "voorzieningen/plaatsing_form.html", {
        "form": form, "voorziening": obj, "vrij": max(obj.capaciteit - obj.geplaatst_open, 0),
        "via_mdo": selectors.collectief_alleen_via_mdo(obj.swv_id),
    }, status=status)  # fmt: skip


def _plaatsing(request, pk, stap=None):
    return binnen_bereik(request, selectors.plaatsing_van, pk, stap)


@login_required
@permission_required("voorzieningen.bekijken", raise_exception=True)
def plaatsing_detail(request, pk):
    obj = _plaatsing(request, pk)
    bekeken(request, obj, omschrijving=f"{obj.audit_label} bekeken")
    return _plaatsingpagina(request, obj)


def _plaatsingpagina(request, obj, *, status=200, **formulieren):
    user = request.user
    versie = {"versie": obj.versie}
    context = {
        "plaatsing": obj,
        "historie": selectors.historie_van(user, obj),
        "acties": [s for s in stappen.PLAATSING_ACTIES if s.mag(user, obj)],
        "plaatsen_form": PlaatsenForm(prefix="plaatsen",
                                      initial={**versie, "startdatum": timezone.localdate()}),
        "beeindigen_form": BeeindigenForm(prefix="beeindigen",
                                          initial={**versie, "einddatum": timezone.localdate()}),
        "vervallen_form": VervallenForm(prefix="vervallen", initial=versie),
        **formulieren,
    }  # fmt: skip
    return render(request, "voorzieningen/plaatsing_detail.html", context, status=status)


_STAPPEN = {"plaatsen": stappen.PLAATSEN, "beeindigen": stappen.BEEINDIGEN,
            "vervallen": stappen.VERVALLEN}  # fmt: skip
_FORMULIEREN = {"plaatsen": PlaatsenForm, "beeindigen": BeeindigenForm,
                "vervallen": VervallenForm}  # fmt: skip
_SERVICES = {
    "plaatsen": plaatsing_services.plaatsing_plaatsen,
    "beeindigen": plaatsing_services.plaatsing_beeindigen,
    "vervallen": plaatsing_services.plaatsing_laten_vervallen,
}


@login_required
@require_POST
def plaatsing_actie(request, pk, actie):
    stap = _STAPPEN.get(actie)
    if stap is None:
        raise Http404
    obj = _plaatsing(request, pk, stap)
    form = _FORMULIEREN[actie](request.POST, prefix=actie)
    if form.is_valid():
        try:
            _SERVICES[actie](gebruiker=request.user, plaatsing=obj, request=request,
                             **form.cleaned_data)  # fmt: skip
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, str(stap.label))
            return redirect(obj)
    return _plaatsingpagina(request, obj, status=400, **{f"{actie}_form": form})
