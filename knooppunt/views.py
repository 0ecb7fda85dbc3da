"""Knooppunten, their partners and evaluations, and the knooppuntoverleggen. Thin: parse,
call one selector or service, render. Every read of an overleg is audited (`bekeken`);
out of scope answers 404; a step the user may not take answers 403 before any form is
read."""

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
from swv import workflow
from swv.audit import bekeken
from swv.schooljaar import huidig_schooljaar, schooljaar_label
from swv.selectors import scholen_voor
from swv.views import ScopedListView, binnen_bereik
from toelaatbaarheid import selectors as tlv_selectors
from toelaatbaarheid import services as tlv

from . import selectors, stappen
from .filters import KnooppuntFilter
from .forms import (
    EvaluatieForm,
    InrichtenForm,
    NaarMdoForm,
    OverlegForm,
    PartnerForm,
    VersieForm,
    WerkwijzeForm,
)
from .models import Knooppunt
from .services import knooppunt as kp_services
from .services import overleg as ov_services


def _knooppunt(request, pk, stap=None):
    return binnen_bereik(request, selectors.knooppunt_van, pk, stap)


def _overleg(request, pk, stap=None):
    return binnen_bereik(request, selectors.overleg_van, pk, stap)


class KnooppuntLijstView(ScopedListView):
    permission_required = "knooppunt.bekijken"
    template_name = "knooppunt/index.html"
    filterset_class = KnooppuntFilter
    selector = selectors.knooppunt_lijst

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["schooljaar"] = schooljaar_label(huidig_schooljaar())
        ctx["mag_inrichten"] = self.request.user.has_perm(stappen.INRICHTEN.permissie)
        return ctx


def _in_te_richten(user):
    return (
        scholen_voor(user)
        .binnen_swv()
        .filter(swv__isnull=False, knooppunt__isnull=True)
        .order_by("naam", "vestigingscode")
    )


@login_required
@permission_required("knooppunt.inrichten", raise_exception=True)
def inrichten(request):
    scholen = _in_te_richten(request.user)
    form = InrichtenForm(request.POST or None, scholen=scholen)
    if request.method == "POST" and form.is_valid():
        try:
            obj = kp_services.knooppunt_inrichten(gebruiker=request.user, request=request,
                                                   **form.cleaned_data)  # fmt: skip
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, _("Knooppunt ingericht. Voeg nu de kernpartners toe."))
            return redirect(obj)
    status = 400 if request.method == "POST" else 200
    return render(request, "knooppunt/inrichten.html", {"form": form, "scholen": scholen.exists()},
                  status=status)  # fmt: skip


@login_required
@permission_required("knooppunt.bekijken", raise_exception=True)
def detail(request, pk):
    obj = _knooppunt(request, pk)
    if request.user.has_perm("knooppunt.overleg_bekijken"):
        # The page lists the overleggen by pupil: a read of pupil data.
        bekeken(request, obj, omschrijving=f"overleggen van {obj.audit_label} bekeken")
    return _knooppuntpagina(request, obj)


def _knooppuntpagina(request, obj, *, status=200, partner_form=None):
    user = request.user
    mag_overleggen = user.has_perm("knooppunt.overleg_bekijken")
    jaar = huidig_schooljaar()
    evaluaties = list(selectors.evaluaties_van(user, obj))
    context = {
        "knooppunt": obj,
        "partners": selectors.partners_van(user, obj),
        "evaluaties": evaluaties,
        "schooljaar": schooljaar_label(jaar),
        "evaluatie_dit_jaar": any(e.schooljaar == jaar for e in evaluaties),
        "overleggen": selectors.overleggen_van_knooppunt(user, obj) if mag_overleggen else None,
        "mag_partners": stappen.PARTNER_TOEVOEGEN.mag(user, obj),
        "mag_evalueren": stappen.EVALUATIE.mag(user, obj),
        "mag_wijzigen": stappen.WIJZIGEN.mag(user, obj),
        "mag_plannen": stappen.OVERLEG_PLANNEN.mag(user, obj),
        "partner_form": partner_form or PartnerForm(prefix="partner"),
    }
    return render(request, "knooppunt/detail.html", context, status=status)


@login_required
def werkwijze(request, pk):
    obj = _knooppunt(request, pk, stappen.WIJZIGEN)
    form = WerkwijzeForm(request.POST or None, initial={"werkwijze": obj.werkwijze})
    if request.method == "POST" and form.is_valid():
        kp_services.knooppunt_wijzigen(gebruiker=request.user, knooppunt=obj, request=request,
                                       werkwijze=form.cleaned_data["werkwijze"])  # fmt: skip
        messages.success(request, _("Werkwijze opgeslagen."))
        return redirect(obj)
    status = 400 if request.method == "POST" else 200
    return render(request, "knooppunt/werkwijze.html", {"form": form, "knooppunt": obj},
                  status=status)  # fmt: skip


@login_required
def partner_nieuw(request, pk):
    obj = _knooppunt(request, pk, stappen.PARTNER_TOEVOEGEN)
    form = PartnerForm(request.POST or None, prefix="partner")
    if request.method == "POST" and form.is_valid():
        try:
            kp_services.kernpartner_toevoegen(gebruiker=request.user, knooppunt=obj,
                                              request=request, **form.cleaned_data)  # fmt: skip
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, str(stappen.PARTNER_TOEVOEGEN.label))
            return redirect(obj)
    status = 400 if request.method == "POST" else 200
    return render(request, "knooppunt/partner_form.html", {"form": form, "knooppunt": obj},
                  status=status)  # fmt: skip


@login_required
@require_POST
def partner_verwijderen(request, pk, partner_pk):
    obj = _knooppunt(request, pk, stappen.PARTNER_VERWIJDEREN)
    try:
        partner = selectors.partner_van(request.user, obj, partner_pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    kp_services.kernpartner_verwijderen(gebruiker=request.user, partner=partner, request=request)
    messages.success(request, str(stappen.PARTNER_VERWIJDEREN.label))
    return redirect(obj)


def _ja_nee(waarde):
    return {True: "ja", False: "nee"}.get(waarde, "")


@login_required
def evaluatie(request, pk):
    """The yearly evaluation (`?schooljaar=2026`, default the current one): recorded
    values when there are, else the counts from the recorded overleggen."""
    obj = _knooppunt(request, pk, stappen.EVALUATIE)
    try:
        jaar = int(request.POST.get("schooljaar") or request.GET.get("schooljaar") or 0)
    except ValueError:
        jaar = 0
    if not 2000 <= jaar <= 2100:  # no number, or none a knooppunt can have been evaluated in
        jaar = huidig_schooljaar()
    bestaand = selectors.evaluatie_van(request.user, obj, jaar)
    if bestaand is not None:
        initial = {
            veld.name: getattr(bestaand, veld.name)
            for veld in bestaand._meta.concrete_fields
            if veld.name not in ("id", "knooppunt", "vastgelegd_door", "vastgelegd_op")
        }
        for veld in ("werkafspraken", "mandaat", "privacyproof", "toestemming_bij_inschrijving"):
            initial[veld] = _ja_nee(initial[veld])
    else:
        initial = {"schooljaar": jaar, "datum": timezone.localdate(),
                   **selectors.kengetallen(obj, jaar)}  # fmt: skip
    form = EvaluatieForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        gegevens = dict(form.cleaned_data)
        try:
            kp_services.evaluatie_vastleggen(
                gebruiker=request.user, knooppunt=obj, schooljaar=gegevens.pop("schooljaar"),
                datum=gegevens.pop("datum"), gegevens=gegevens, request=request,
            )  # fmt: skip
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, str(stappen.EVALUATIE.label))
            return redirect(obj)
    status = 400 if request.method == "POST" else 200
    huidig = huidig_schooljaar()
    context = {"form": form, "knooppunt": obj, "bestaand": bestaand,
               "schooljaar": schooljaar_label(jaar),
               "jaren": [(j, schooljaar_label(j)) for j in range(huidig, huidig - 3, -1)
                         if j != jaar]}  # fmt: skip
    return render(request, "knooppunt/evaluatie_form.html", context, status=status)


# Knooppuntoverleggen -----------------------------------------------------------------------


def _dossiers_van(user, knooppunt: Knooppunt):
    return dossiers.dossier_lijst(user).filter(
        swv_id=knooppunt.swv_id, school_id=knooppunt.school_id
    )


@login_required
def overleg_nieuw(request, pk):
    """A new overleg about a pupil of the knooppunt's school (`?leerling=<id>` or the
    dossier number LD-000123 preselects one)."""
    obj = _knooppunt(request, pk, stappen.OVERLEG_PLANNEN)
    kandidaten = _dossiers_van(request.user, obj)
    form = OverlegForm(request.POST or None)
    _leerlingveld(form, kandidaten, request.GET.get("leerling", ""))
    if request.method == "POST" and form.is_valid():
        gegevens = form.gegevens()
        leerling = gegevens.pop("leerling")
        try:
            overleg = ov_services.overleg_plannen(
                gebruiker=request.user, knooppunt=obj, leerling=leerling,
                datum=form.cleaned_data["datum"], gegevens=gegevens, request=request,
            )  # fmt: skip
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, _("Overleg %(nr)s gepland.") % {"nr": overleg.nummer})
            return redirect(overleg)
    status = 400 if request.method == "POST" else 200
    return render(request, "knooppunt/overleg_form.html",
                  {"form": form, "knooppunt": obj, "nieuw": True}, status=status)  # fmt: skip


def _leerlingveld(form, kandidaten, gekozen: str):
    from django import forms

    veld = forms.ModelChoiceField(label=_("Leerling (dossier)"), queryset=kandidaten)
    veld.label_from_instance = lambda d: f"{d.naam} ({d.nummer})"
    form.fields = {"leerling": veld, **form.fields}
    waarde = gekozen.strip().upper().removeprefix("LD-")
    if waarde.isdigit():
        form.fields["leerling"].initial = int(waarde)


@login_required
@permission_required("knooppunt.overleg_bekijken", raise_exception=True)
def overleg_detail(request, pk):
    overleg = _overleg(request, pk)
    bekeken(request, overleg, omschrijving=f"{overleg.audit_label} bekeken")
    return _overlegpagina(request, overleg)


def _overlegpagina(request, overleg, *, status=200, actie_form=None, fouten=None):
    user = request.user
    context = {
        "overleg": overleg,
        "historie": selectors.historie_van(user, overleg),
        "acties": [s for s in stappen.OVERLEG_ACTIES if s.mag(user, overleg)],
        "actie_form": actie_form
        or VersieForm(prefix="overleg", initial={"versie": overleg.versie}),
        "ontbrekend": ov_services.ontbrekend(overleg) if overleg.status == "gepland" else {},
        "fouten": fouten or [],
    }
    return render(request, "knooppunt/overleg_detail.html", context, status=status)


@login_required
def overleg_bewerken(request, pk):
    overleg = _overleg(request, pk, stappen.OVERLEG_WIJZIGEN)
    form = OverlegForm(request.POST or None, instance=overleg)
    versie = VersieForm(request.POST or None, prefix="overleg",
                        initial={"versie": overleg.versie})  # fmt: skip
    if request.method == "POST" and form.is_valid() and versie.is_valid():
        try:
            ov_services.overleg_wijzigen(
                gebruiker=request.user, overleg=overleg, versie=versie.cleaned_data["versie"],
                datum=form.cleaned_data["datum"], gegevens=form.gegevens(), request=request,
            )  # fmt: skip
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        else:
            messages.success(request, _("Verslag opgeslagen."))
            return redirect(overleg)
    status = 400 if request.method == "POST" else 200
    return render(request, "knooppunt/overleg_form.html",
                  {"form": form, "versie_form": versie, "knooppunt": overleg.knooppunt,
                   "overleg": overleg}, status=status)  # fmt: skip


@login_required
@require_POST
def overleg_houden(request, pk):
    overleg = _overleg(request, pk, stappen.OVERLEG_HOUDEN)
    form = VersieForm(request.POST, prefix="overleg")
    if form.is_valid():
        try:
            ov_services.overleg_houden(gebruiker=request.user, overleg=overleg,
                                       versie=form.cleaned_data["versie"], request=request)  # fmt: skip
        except ValidationError as fout:
            return _overlegpagina(request, overleg, status=400, fouten=fout.messages)
        messages.success(request, str(stappen.OVERLEG_HOUDEN.label))
        return redirect(overleg)
    return _overlegpagina(request, overleg, status=400, actie_form=form)


@login_required
def naar_mdo(request, pk):
    """Turn a held overleg into an MDO: a TLV aanvraag opens in concept with the overleg's
    data, and the user goes on there to complete it."""
    overleg = _overleg(request, pk)
    if overleg.aanvraag_id is not None:
        # A second click, or someone else was first: on to the aanvraag it became.
        messages.info(request, _("Dit overleg is al omgezet naar een MDO (%(nr)s).")
                      % {"nr": overleg.aanvraag.nummer})  # fmt: skip
        zichtbaar = tlv_selectors.aanvragen_voor(request.user).filter(pk=overleg.aanvraag_id)
        return redirect(overleg.aanvraag if zichtbaar.exists() else overleg)
    if not stappen.NAAR_MDO.mag(request.user, overleg):
        raise PermissionDenied
    form = NaarMdoForm(request.POST or None, initial={"versie": overleg.versie})
    dubbel = None
    if request.method == "POST" and form.is_valid():
        try:
            aanvraag = ov_services.overleg_naar_mdo(
                gebruiker=request.user, overleg=overleg, request=request, **form.cleaned_data
            )
        except tlv.DubbeleAanvraag as fout:
            form.add_error(None, fout)
            # A link to the open aanvraag only when the user may see it.
            bestaande = getattr(fout, "bestaande", None)
            if bestaande is not None:
                zichtbaar = tlv_selectors.aanvragen_voor(request.user).filter(pk=bestaande.pk)
                dubbel = bestaande if zichtbaar.exists() else None
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
        except PermissionDenied:
            # The TLV route refused this school for this user (its own rule).
            form.add_error(None, _("U mag voor deze school geen TLV-aanvraag openen."))
        else:
            messages.success(
                request,
                _("Aanvraag %(nr)s is geopend met de gegevens uit het knooppuntoverleg. "
                  "Vul de aanvraag aan en dien hem in.") % {"nr": aanvraag.nummer},
            )  # fmt: skip
            return redirect(aanvraag)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "overleg": overleg, "dubbel": dubbel,
               "voorbeeld": ov_services.tlv_gegevens(overleg, soort="")}  # fmt: skip
    return render(request, "knooppunt/naar_mdo.html", context, status=status)
