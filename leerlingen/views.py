"""Leerlingdossier pages. Thin: parse, call one selector or service, render. Every read
of a dossier is audited (`bekeken`); out of scope answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rules.contrib.views import permission_required

from swv import workflow
from swv.audit import bekeken
from swv.views import ScopedListView, binnen_bereik

from . import dubbelcontrole, selectors, services, stappen
from .filters import LeerlingFilter
from .forms import IntrekkenForm, LeerlingForm, ToestemmingForm
from .models import Leerling
from .tijdlijn import acties, tijdlijn


def _dossier(request, pk, stap=None) -> Leerling:
    return binnen_bereik(request, selectors.dossier_van, pk, stap)


class DossierLijstView(ScopedListView):
    permission_required = "leerlingen.bekijken"
    template_name = "leerlingen/index.html"
    filterset_class = LeerlingFilter
    selector = selectors.dossier_lijst

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["mag_aanmaken"] = self.request.user.has_perm(stappen.AANMAKEN.permissie)
        ctx["querystring"] = self.request.GET.urlencode()
        return ctx


@login_required
@permission_required("leerlingen.bekijken", raise_exception=True)
def detail(request, pk):
    leerling = _dossier(request, pk)
    bekeken(request, leerling, omschrijving=f"{leerling.audit_label} bekeken")
    return _pagina(request, leerling)


def _pagina(request, leerling, *, status=200, **formulieren):
    """The dossier page; after a refused form, that form with its messages (status 400)."""
    user = request.user
    context = {
        "leerling": leerling,
        "tijdlijn": tijdlijn(leerling, user),
        "acties": acties(leerling, user),
        "toestemmingen": selectors.toestemmingen_van(user, leerling),
        "mag_wijzigen": stappen.WIJZIGEN.mag(user, leerling),
        "mag_toestemming": stappen.TOESTEMMING.mag(user, leerling),
        "toestemming_form": ToestemmingForm(prefix="toestemming"),
        "intrekken_form": IntrekkenForm(prefix="intrekken"),
        **formulieren,
    }
    return render(request, "leerlingen/detail.html", context, status=status)


def _formulier(request, form, leerling=None, status=200):
    context = {"form": form, "leerling": leerling}
    return render(request, "leerlingen/form.html", context, status=status)


@login_required
@permission_required("leerlingen.aanmaken", raise_exception=True)
def nieuw(request):
    form = LeerlingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            leerling = services.leerling_aanmaken(
                gebruiker=request.user, request=request, **form.cleaned_data
            )
        except services.DubbelDossier as fout:
            if fout.bestaand is not None:
                return _naar_bestaand(request, fout.bestaand)
            workflow.fout_op_formulier(form, fout)
        except dubbelcontrole.TeVeelControles as fout:
            form.add_error(None, fout.args[0])
            return _formulier(request, form, status=429)
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, _("Dossier %(nr)s aangemaakt.") % {"nr": leerling.nummer})
            return redirect(leerling)
    return _formulier(request, form)


def _naar_bestaand(request, bestaand):
    messages.info(
        request,
        _("Deze leerling heeft al een dossier (%(nr)s); u ziet het hieronder.")
        % {"nr": bestaand.nummer},
    )
    return redirect(bestaand)


@login_required
def wijzigen(request, pk):
    leerling = _dossier(request, pk, stappen.WIJZIGEN)
    form = LeerlingForm(request.POST or None, instance=leerling, user=request.user)
    if request.method == "POST" and form.is_valid():
        velden = {v: form.cleaned_data[v] for v in form.fields}
        try:
            services.leerling_wijzigen(
                gebruiker=request.user, leerling=leerling, request=request, **velden
            )
        except dubbelcontrole.TeVeelControles as fout:
            form.add_error(None, fout.args[0])
            return _formulier(request, form, leerling, status=429)
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, _("Dossier opgeslagen."))
            return redirect(leerling)
    return _formulier(request, form, leerling)


@login_required
@require_POST
def toestemming(request, pk):
    leerling = _dossier(request, pk, stappen.TOESTEMMING)
    form = ToestemmingForm(request.POST, prefix="toestemming")
    if form.is_valid():
        try:
            services.toestemming_vastleggen(gebruiker=request.user, leerling=leerling,
                                            **form.cleaned_data)  # fmt: skip
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, _("Toestemming vastgelegd."))
            return redirect(leerling)
    return _pagina(request, leerling, status=400, toestemming_form=form)


@login_required
@require_POST
def intrekken(request, pk, toestemming_pk):
    leerling = _dossier(request, pk, stappen.TOESTEMMING_INTREKKEN)
    toestemming = leerling.toestemmingen.voor(request.user).filter(pk=toestemming_pk).first()
    if toestemming is None:
        raise Http404
    form = IntrekkenForm(request.POST, prefix="intrekken")
    if form.is_valid():
        try:
            services.toestemming_intrekken(gebruiker=request.user, toestemming=toestemming,
                                           datum=form.cleaned_data["datum"])  # fmt: skip
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, _("Toestemming ingetrokken."))
            return redirect(leerling)
    return _pagina(request, leerling, status=400, intrekken_form=form)
