"""Aanmeldingen (zorgplicht). Thin: parse, call one selector or service, render. Every
read of an aanmelding is audited (`bekeken`); out of scope answers 404; a step the user may
not take answers 403 before any form is read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from leerlingen import selectors as dossiers
from swv import formats, workflow
from swv.audit import bekeken
from swv.views import ScopedListView, binnen_bereik

from . import selectors, services, stappen, termijnen
from .filters import AanmeldingFilter
from .forms import AanmeldingForm, BesluitForm, IntrekkenForm, VerlengenForm


def _aanmelding(request, pk, stap=None):
    return binnen_bereik(request, selectors.aanmelding_van, pk, stap)


class AanmeldingLijstView(ScopedListView):
    permission_required = "zorgplicht.bekijken"
    template_name = "zorgplicht/index.html"
    filterset_class = AanmeldingFilter
    selector = selectors.aanmelding_lijst

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        vandaag = timezone.localdate()
        ctx["rijen"] = [(a, a.stand(vandaag)) for a in ctx["object_list"]]
        ctx["mag_registreren"] = self.request.user.has_perm(stappen.REGISTREREN.permissie)
        return ctx


def _dossier(request):
    """The dossier named in `?leerling=` (a number or LD-000123), in the user's scope; 404
    otherwise. None without the parameter."""
    waarde = request.GET.get("leerling", "").strip().upper().removeprefix("LD-")
    if not waarde:
        return None
    try:
        return dossiers.dossier_van(request.user, int(waarde))
    except (ValueError, ObjectDoesNotExist):
        raise Http404 from None


@login_required
@permission_required("zorgplicht.registreren", raise_exception=True)
def nieuw(request):
    leerling = _dossier(request)
    form = AanmeldingForm(
        request.POST or None,
        user=request.user,
        leerling=leerling,
        initial={"ontvangen_op": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.aanmelding_registreren(
                gebruiker=request.user, leerling=leerling, request=request, **form.cleaned_data
            )
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(
                request,
                _("Aanmelding %(nr)s geregistreerd; besluit uiterlijk %(d)s.")
                % {"nr": obj.nummer, "d": formats.kort(obj.uiterste_beslisdatum)},
            )
            return redirect(obj)
    status = 400 if request.method == "POST" else 200
    return render(request, "zorgplicht/form.html", {"form": form, "leerling": leerling},
                  status=status)  # fmt: skip


@login_required
@permission_required("zorgplicht.bekijken", raise_exception=True)
def detail(request, pk):
    obj = _aanmelding(request, pk)
    bekeken(request, obj, omschrijving=f"{obj.audit_label} bekeken")
    return _pagina(request, obj)


def _pagina(request, obj, *, status=200, **formulieren):
    user = request.user
    vandaag = timezone.localdate()
    acties = [s for s in stappen.ACTIES if s.mag(user, obj)]
    initieel = {"versie": obj.versie}
    context = {
        "aanmelding": obj,
        "stand": obj.stand(vandaag),
        "termijn_start": termijnen.termijn_start(obj.ontvangen_op),
        "historie": selectors.historie_van(user, obj),
        "acties": acties,
        "verlengen_form": VerlengenForm(prefix="verlengen",
                                        initial={**initieel, "verlengd_op": vandaag}),
        "besluit_form": BesluitForm(prefix="besluit", aanmelding=obj,
                                    initial={**initieel, "besloten_op": vandaag}),
        "intrekken_form": IntrekkenForm(prefix="intrekken", initial=initieel),
        **formulieren,
    }  # fmt: skip
    # A refused step whose form the page does not show (a second extension): its message
    # on top, so it is never lost.
    getoond = {s.naam for s in acties}
    context["losse_fouten"] = [
        form for naam, form in formulieren.items() if _FORMULIER_STAP.get(naam) not in getoond
    ]
    return render(request, "zorgplicht/detail.html", context, status=status)


_FORMULIER_STAP = {"verlengen_form": "verlengen", "besluit_form": "besluiten",
                   "intrekken_form": "intrekken"}  # fmt: skip


_STAPPEN = {
    "verlengen": stappen.VERLENGEN,
    "besluiten": stappen.BESLUITEN,
    "intrekken": stappen.INTREKKEN,
}


@login_required
@require_POST
def actie(request, pk, actie):
    stap = _STAPPEN.get(actie)
    if stap is None:
        raise Http404
    user = request.user
    # A second extension is refused with its own message, not as a missing button.
    obj = _aanmelding(request, pk, None if stap is stappen.VERLENGEN else stap)
    if not user.has_perm(stap.permissie, obj):
        raise PermissionDenied
    if stap is stappen.VERLENGEN:
        form = VerlengenForm(request.POST, prefix="verlengen")
        naam, uitvoeren = "verlengen_form", lambda d: services.aanmelding_verlengen(
            gebruiker=user, aanmelding=obj, versie=d["versie"], weken=d["weken"],
            reden=d["reden"], verlengd_op=d["verlengd_op"], request=request)  # fmt: skip
    elif stap is stappen.BESLUITEN:
        form = BesluitForm(request.POST, prefix="besluit", aanmelding=obj)
        naam, uitvoeren = "besluit_form", lambda d: services.aanmelding_besluiten(
            gebruiker=user, aanmelding=obj, versie=d["versie"], uitkomst=d["uitkomst"],
            besloten_op=d["besloten_op"], toelichting=d["toelichting"],
            aangeboden_school=d["aangeboden_school"], request=request)  # fmt: skip
    else:
        form = IntrekkenForm(request.POST, prefix="intrekken")
        naam, uitvoeren = "intrekken_form", lambda d: services.aanmelding_intrekken(
            gebruiker=user, aanmelding=obj, versie=d["versie"], reden=d["reden"],
            request=request)  # fmt: skip
    if form.is_valid():
        try:
            uitvoeren(form.cleaned_data)
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, str(stap.label))
            return redirect(obj)
    return _pagina(request, obj, status=400, **{naam: form})
