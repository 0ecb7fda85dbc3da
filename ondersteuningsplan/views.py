"""Plan pages. Thin: scoping through selectors (out of scope = 404), rights through
rules.py (in scope but not your role = 403), writes through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from swv import documenten, workflow
from swv.audit import AuditActie, vastleggen
from swv.exports import FORMATEN

from . import forms, reports, services, stappen
from .models import Hoofdstuk, Kpi, Ontwikkelactie, OprOpmerking, Speerpunt, VademecumDocument
from .selectors import (
    gemeenten_van,
    gepubliceerde_plannen,
    opmerkingen_van,
    plan_lijst,
    plannen_voor,
)
from .verschil import vergelijken


def _plan(request, pk):
    return get_object_or_404(plannen_voor(request.user), pk=pk)


def _mag(request, perm, plan=None):
    if not request.user.has_perm(perm, plan):
        raise PermissionDenied


def _mag_stap(request, stap, plan):
    """Before showing a step's form: may this user take it (the service checks again)?"""
    if not stap.mag(request.user, plan):
        raise PermissionDenied


_fouten = workflow.fout_op_formulier


def _formulier(request, plan, form, titel, **extra):
    return render(
        request,
        "ondersteuningsplan/formulier.html",
        {"plan": plan, "form": form, "titel": titel, **extra},
    )


def _naar_plan(plan, anker: str = ""):
    url = reverse("ondersteuningsplan:detail", args=[plan.pk])
    return redirect(f"{url}#{anker}" if anker else url)


def _opslaan(request, plan, form, schrijf, melding, anker=lambda obj: ""):
    """A step's form posted and valid: written by `schrijf(cleaned_data)` (the step's
    service), then the plan page at `anker(obj)`; a refusal goes on the form. None while
    the form is to be shown (again)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        obj = schrijf(form.cleaned_data)
    except ValidationError as fout:
        _fouten(form, fout)
        return None
    messages.success(request, melding)
    return _naar_plan(plan, anker(obj))


def _na_conflict(request, form_class, melding, **basis):
    """After a Bewerkconflict: the user's input again, now based on the saved version
    (`basis`: the version and what the form does not read back from the POST)."""
    form = form_class(data={**request.POST.dict(), **basis})
    form.is_valid()
    form.add_error(None, melding)
    return form


# Lists and the plan page ---------------------------------------------------------------


@login_required
def index(request):
    _mag(request, "ondersteuningsplan.bekijken")
    return render(request, "ondersteuningsplan/index.html", {"plannen": plan_lijst(request.user)})


@login_required
def plan_nieuw(request):
    _mag_stap(request, stappen.AANMAKEN, None)
    form = forms.PlanAanmakenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_aanmaken(
                gebruiker=request.user,
                titel=form.cleaned_data["titel"],
                startjaar=form.cleaned_data["startjaar"],
                eindjaar=form.cleaned_data["eindjaar"],
                samenwerkingsverbanden=form.cleaned_data["samenwerkingsverbanden"],
            )
        except ValidationError as fout:
            _fouten(form, fout)
        else:
            messages.success(request, _("Plan aangemaakt."))
            return redirect(plan)
    return _formulier(request, None, form, _("Nieuw ondersteuningsplan"))


@login_required
def detail(request, pk):
    plan = _plan(request, pk)
    context = {
        **reports.plan_pagina(plan),
        # What this user may do now, from the step table (permission and status).
        **stappen.acties(request.user, plan),
        "kan_toetsen": request.user.has_perm("ondersteuningsplan.toetsen", plan),
    }
    return render(request, "ondersteuningsplan/detail.html", context)


# Workflow ------------------------------------------------------------------------------


@login_required
@require_POST
def overgang(request, pk, naam):
    """One of the plan page's buttons (stappen.KNOPPEN): its step's service decides."""
    plan = _plan(request, pk)
    stap = stappen.PER_NAAM.get(naam)
    if stap not in stappen.KNOPPEN:
        raise Http404
    service = import_string(stap.service)
    extra = {}
    if stap in stappen.MET_DATUM:
        # A legal fact with a date: first a confirmation page asking the date (only for
        # whoever may take the step; the wrong status the service refuses with its reason).
        _mag(request, stap.permissie, plan)
        if not stappen.mag(stap, request.user, plan):
            return _overgang_geweigerd(request, pk, workflow.StapNietToegestaan(plan))
        if stap == stappen.VASTSTELLEN and (mist := services.blokkades_vaststelling(plan)):
            return _overgang_geweigerd(request, pk, workflow.WorkflowFout(mist))
        bevestig = forms.StapBevestigenForm(
            request.POST if "bevestigd" in request.POST else None,
            initial={"datum": timezone.localdate()},
        )
        if not bevestig.is_bound or not bevestig.is_valid():
            return _bevestigen(request, plan, stap, bevestig)
        toelichting = bevestig.cleaned_data["toelichting"]
        extra["datum"] = bevestig.cleaned_data["datum"]
    else:
        form = forms.OvergangForm(request.POST)
        toelichting = form.cleaned_data["toelichting"] if form.is_valid() else ""
    try:
        plan = service(
            gebruiker=request.user, plan=plan, toelichting=toelichting, request=request, **extra
        )
    except ValidationError as fout:
        if extra and "datum" in getattr(fout, "error_dict", {}):
            _fouten(bevestig, fout)
            return _bevestigen(request, plan, stap, bevestig)
        return _overgang_geweigerd(request, pk, fout)
    messages.success(
        request, _("Status gewijzigd naar '%(s)s'.") % {"s": plan.get_status_display()}
    )
    return redirect("ondersteuningsplan:detail", pk=pk)


def _bevestigen(request, plan, stap, form):
    """The confirmation page of a dated step (posted back to the same URL)."""
    return render(
        request,
        "ondersteuningsplan/bevestigen.html",
        {"plan": plan, "stap": stap, "form": form, "titel": stap.knop},
    )


def _overgang_geweigerd(request, pk, fout):
    if isinstance(fout, workflow.VerouderdeVersie):
        messages.error(
            request, _("Iemand anders heeft de status intussen gewijzigd. Bekijk de nieuwe stand.")
        )
    else:
        messages.error(request, _("Deze stap kan nog niet: %(m)s") % {"m": " ".join(fout.messages)})
    return redirect("ondersteuningsplan:detail", pk=pk)


@login_required
@require_POST
def nieuwe_versie(request, pk):
    plan = _plan(request, pk)
    try:
        nieuw = services.plan_nieuwe_versie(plan=plan, gebruiker=request.user, request=request)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect(plan)
    messages.success(
        request,
        _("Nieuwe versie aangemaakt. Na wijziging gaat die opnieuw ter instemming naar de OPR."),
    )
    return redirect(nieuw)


# Editing text with optimistic locking --------------------------------------------------


@login_required
def plan_bewerken(request, pk):
    plan = _plan(request, pk)
    _mag_stap(request, stappen.TEKST, plan)
    velden = ["titel", "startjaar", "eindjaar", "motto", "missie", "visie", "strategie"]
    initial = {v: getattr(plan, v) for v in velden} | {"bewerkversie": plan.bewerkversie}
    form = forms.PlanTekstForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_tekst_bijwerken(
                plan=plan,
                gebruiker=request.user,
                verwachte_versie=data["bewerkversie"],
                **{v: data[v] for v in velden},
            )
        except services.Bewerkconflict as c:
            conflict = [(str(form.fields[v].label), getattr(c.huidig, v), data[v]) for v in velden]
            form = _na_conflict(
                request,
                forms.PlanTekstForm,
                _(
                    "Iemand anders heeft dit intussen opgeslagen. Uw tekst staat hieronder nog; vergelijk met de opgeslagen tekst en sla opnieuw op."
                ),
                bewerkversie=c.huidig.bewerkversie,
            )
        except ValidationError as fout:
            _fouten(form, fout)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect(plan)
    return _formulier(
        request, plan, form, _("Missie, visie en strategie bewerken"), conflict=conflict
    )


def _hoofdstuk_begin(plan, h) -> dict:
    """The chapter form's initial values: the chapter's, or a new one at the end."""
    if h is None:
        return {"volgorde": plan.hoofdstukken.count() + 1}
    return {
        "volgorde": h.volgorde,
        "titel": h.titel,
        "tekst": h.tekst,
        "eisen": h.eisen,
        "versie": h.versie,
    }


def _hoofdstuk_opslaan(gebruiker, plan, h, d) -> Hoofdstuk:
    """A new chapter, or the chapter saved over the version the form was opened on."""
    if h is None:
        return services.hoofdstuk_aanmaken(
            plan=plan, gebruiker=gebruiker, titel=d["titel"], tekst=d["tekst"],
            eisen=d["eisen"], volgorde=d["volgorde"],
        )  # fmt: skip
    services.hoofdstuk_bijwerken(
        hoofdstuk=h, gebruiker=gebruiker, verwachte_versie=d["versie"] or 0,
        titel=d["titel"], tekst=d["tekst"], eisen=d["eisen"], volgorde=d["volgorde"],
    )  # fmt: skip
    return h


@login_required
def hoofdstuk_bewerken(request, pk, hid=None):
    plan = _plan(request, pk)
    h = get_object_or_404(Hoofdstuk, plan=plan, pk=hid) if hid else None
    _mag_stap(request, stappen.HOOFDSTUK_BIJWERKEN if h else stappen.HOOFDSTUK_AANMAKEN, plan)
    form = forms.HoofdstukForm(request.POST or None, initial=_hoofdstuk_begin(plan, h))
    conflict = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            h = _hoofdstuk_opslaan(request.user, plan, h, d)
        except services.Bewerkconflict as c:
            theirs = c.huidig
            wie = (
                theirs.gewijzigd_door.get_full_name()
                if theirs.gewijzigd_door
                else _("iemand anders")
            )
            conflict = [
                (_("Titel"), theirs.titel, d["titel"]),
                (_("Tekst"), theirs.tekst, d["tekst"]),
            ]
            # Keep the user's text in the form, now based on the saved version.
            form = _na_conflict(
                request, forms.HoofdstukForm,
                _("%(wie)s heeft dit hoofdstuk opgeslagen terwijl u het bewerkte. Niets is overschreven: "
                  "hieronder staan hun tekst en de uwe. Neem over wat nodig is en sla opnieuw op.")
                % {"wie": wie},
                versie=theirs.versie, eisen=d["eisen"],
            )  # fmt: skip
        except ValidationError as fout:
            _fouten(form, fout)
        else:
            messages.success(request, _("Hoofdstuk opgeslagen."))
            return _naar_plan(plan, f"h-{h.pk}")
    return _formulier(
        request, plan, form,
        _("Hoofdstuk bewerken") if h else _("Nieuw hoofdstuk"),
        conflict=conflict, verwijder_url=reverse("ondersteuningsplan:hoofdstuk-verwijderen", args=[plan.pk, h.pk]) if h else None,
    )  # fmt: skip


@login_required
@require_POST
def hoofdstuk_verwijderen(request, pk, hid):
    plan = _plan(request, pk)
    _mag_stap(request, stappen.HOOFDSTUK_VERWIJDEREN, plan)
    h = get_object_or_404(Hoofdstuk, plan=plan, pk=hid)
    try:
        services.hoofdstuk_verwijderen(hoofdstuk=h, gebruiker=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, _("Hoofdstuk verwijderd."))
    return redirect(plan)


# Speerpunten, KPIs, acties, documenten -------------------------------------------------


def _model_bewerken(request, plan, form, titel, omschrijving, anker):
    klaar = _opslaan(
        request, plan, form,
        lambda d: services.object_opslaan(
            plan=plan, gebruiker=request.user, obj=form.instance, omschrijving=omschrijving
        ),
        _("Opgeslagen."), anker,
    )  # fmt: skip
    return klaar or _formulier(request, plan, form, titel)


SPEERPUNT_TEKSTEN = ("code", "titel", "resultaatgebied", "legitimatie", "beoogde_resultaten")


@login_required
def speerpunt_bewerken(request, pk, sid=None):
    """A speerpunt, saved over the version its form was opened on; a save over a later
    one shows both texts (the conflict page the chapters have) and writes nothing."""
    plan = _plan(request, pk)
    _mag_stap(request, stappen.INHOUD, plan)
    sp = get_object_or_404(Speerpunt, plan=plan, pk=sid) if sid else services.speerpunt_nieuw(plan)
    form = forms.SpeerpuntForm(request.POST or None, instance=sp)
    titel = _("Speerpunt bewerken") if sid else _("Nieuw speerpunt")
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            sp = services.object_opslaan(
                plan=plan, gebruiker=request.user, obj=form.instance,
                omschrijving="Speerpunt opgeslagen",
                verwachte_versie=form.cleaned_data["versie"] if sid else None,
            )  # fmt: skip
        except services.Bewerkconflict as c:
            hun, uw = c.huidig, form.cleaned_data
            conflict = [
                (str(form.fields[v].label), getattr(hun, v), uw[v]) for v in SPEERPUNT_TEKSTEN
            ]
            form = forms.SpeerpuntForm(
                data={**request.POST.dict(), "versie": hun.versie},
                instance=Speerpunt.objects.get(pk=hun.pk),
            )
            form.is_valid()
            form.add_error(
                None,
                _("Iemand anders heeft dit speerpunt opgeslagen terwijl u het bewerkte. Niets is "
                  "overschreven: hieronder staan de opgeslagen tekst en de uwe. Neem over wat "
                  "nodig is en sla opnieuw op."),
            )  # fmt: skip
        except ValidationError as fout:
            _fouten(form, fout)
        else:
            messages.success(request, _("Opgeslagen."))
            return _naar_plan(plan, f"sp-{sp.pk}")
    return _formulier(request, plan, form, titel, conflict=conflict)


@login_required
def kpi_bewerken(request, pk, sid=None, kid=None):
    plan = _plan(request, pk)
    _mag_stap(request, stappen.KPI, plan)
    if kid:
        kpi = get_object_or_404(Kpi, speerpunt__plan=plan, pk=kid)
    else:
        sp = get_object_or_404(Speerpunt, plan=plan, pk=sid)
        kpi = Kpi(speerpunt=sp, volgorde=sp.kpis.count() + 1)
    form = forms.KpiForm(request.POST or None, instance=kpi, plan=plan)
    klaar = _opslaan(
        request, plan, form,
        lambda d: services.kpi_opslaan(
            plan=plan, gebruiker=request.user, kpi=form.instance, streefwaarden=form.streefwaarden
        ),
        _("KPI opgeslagen."), lambda obj: f"sp-{obj.speerpunt_id}",
    )  # fmt: skip
    return klaar or _formulier(
        request, plan, form, _("KPI bewerken") if kid else _("Nieuwe KPI"),
        ondertitel=f"{_('Speerpunt')} {kpi.speerpunt.code}. {kpi.speerpunt.titel}",
    )  # fmt: skip


@login_required
def actie_bewerken(request, pk, aid=None):
    plan = _plan(request, pk)
    _mag_stap(request, stappen.INHOUD, plan)
    actie = (
        get_object_or_404(Ontwikkelactie, speerpunt__plan=plan, pk=aid)
        if aid
        else Ontwikkelactie(van_schooljaar=plan.startjaar, tot_schooljaar=plan.startjaar)
    )
    form = forms.ActieForm(request.POST or None, instance=actie, plan=plan)
    return _model_bewerken(
        request, plan, form, _("Actie bewerken") if aid else _("Nieuwe actie in de ontwikkelagenda"),
        "Ontwikkelactie opgeslagen", lambda o: "ontwikkelagenda",
    )  # fmt: skip


@login_required
def document_bewerken(request, pk, did=None):
    plan = _plan(request, pk)
    _mag_stap(request, stappen.INHOUD, plan)
    doc = (
        get_object_or_404(VademecumDocument, plan=plan, pk=did)
        if did
        else VademecumDocument(plan=plan, volgorde=plan.documenten.count() + 1)
    )
    form = forms.DocumentForm(request.POST or None, request.FILES or None, instance=doc)
    return _model_bewerken(
        request, plan, form, _("Document bewerken") if did else _("Nieuw document"),
        "Vademecumdocument opgeslagen", lambda o: "vademecum",
    )  # fmt: skip


@login_required
def document_bestand(request, pk, did):
    plan = _plan(request, pk)
    doc = get_object_or_404(VademecumDocument, plan=plan, pk=did)
    if not doc.bestand:
        raise Http404
    return FileResponse(
        doc.bestand.open("rb"), as_attachment=True, filename=doc.bestand.name.rsplit("/", 1)[-1]
    )


# OOGO, OPR decision, comments ----------------------------------------------------------


@login_required
def oogo_nieuw(request, pk):
    plan = _plan(request, pk)
    _mag_stap(request, stappen.OOGO, plan)
    form = forms.OogoForm(request.POST or None, gemeenten=gemeenten_van(plan))
    klaar = _opslaan(
        request, plan, form,
        lambda d: services.oogo_vastleggen(plan=plan, gebruiker=request.user, **d),
        _("OOGO vastgelegd."), lambda rijen: "procedure",
    )  # fmt: skip
    return klaar or _formulier(request, plan, form, _("OOGO met gemeenten vastleggen"))


@login_required
def opr_besluit_nieuw(request, pk):
    plan = _plan(request, pk)
    _mag_stap(request, stappen.OPR_BESLUIT, plan)
    form = forms.OprBesluitForm(request.POST or None)
    klaar = _opslaan(
        request, plan, form,
        lambda d: services.opr_besluit_vastleggen(plan=plan, gebruiker=request.user, **d),
        _("Besluit van de OPR vastgelegd."), lambda obj: "procedure",
    )  # fmt: skip
    if klaar:
        return klaar
    versie = plan.versies.order_by("-nummer").first()
    # Consent while comments still wait for the office's reply is allowed, but not unseen.
    open_opmerkingen = sum(1 for o in opmerkingen_van(plan) if not o.antwoord.strip())
    return _formulier(
        request, plan, form, _("Besluit van de OPR vastleggen"),
        ondertitel=_("Over versie %(n)s") % {"n": versie.nummer} if versie else "",
        waarschuwing=ngettext(
            "Let op: %(n)s opmerking van de OPR heeft nog geen reactie van het "
            "samenwerkingsverband. U kunt toch besluiten; overweeg eerst de reactie af te wachten.",
            "Let op: %(n)s opmerkingen van de OPR hebben nog geen reactie van het "
            "samenwerkingsverband. U kunt toch besluiten; overweeg eerst de reacties af te wachten.",
            open_opmerkingen,
        ) % {"n": open_opmerkingen} if open_opmerkingen else "",
        waarschuwing_url=reverse("ondersteuningsplan:reactienota", args=[plan.pk]),
    )  # fmt: skip


@login_required
def opmerking_nieuw(request, pk):
    plan = _plan(request, pk)
    _mag_stap(request, stappen.OPMERKEN, plan)
    form = forms.OpmerkingForm(
        request.POST or None,
        initial={"sectie": request.GET.get("sectie")},
        secties=services.secties(plan),
    )
    klaar = _opslaan(
        request, plan, form,
        lambda d: services.opmerking_plaatsen(plan=plan, gebruiker=request.user, **d),
        _("Opmerking geplaatst."), lambda obj: f"opm-{obj.pk}",
    )  # fmt: skip
    return klaar or _formulier(request, plan, form, _("Opmerking van de OPR"))


@login_required
def opmerking_beantwoorden(request, pk, oid):
    plan = _plan(request, pk)
    _mag_stap(request, stappen.BEANTWOORDEN, plan)
    o = get_object_or_404(OprOpmerking, plan=plan, pk=oid)
    form = forms.AntwoordForm(
        request.POST or None, initial={"antwoord": o.antwoord, "verwerkt": o.verwerkt}
    )
    klaar = _opslaan(
        request, plan, form,
        lambda d: services.opmerking_beantwoorden(opmerking=o, gebruiker=request.user, **d),
        _("Reactie opgeslagen."), lambda obj: f"opm-{obj.pk}",
    )  # fmt: skip
    return klaar or _formulier(
        request, plan, form, _("Reageren op een opmerking"),
        citaat=o.tekst, ondertitel=f"{o.sectie_titel} · {o.auteur.get_full_name()}",
    )  # fmt: skip


@login_required
def reactienota(request, pk):
    plan = _plan(request, pk)
    _mag(request, "ondersteuningsplan.reactienota", plan)
    opmerkingen = opmerkingen_van(plan)
    formaat = request.GET.get("format")
    if formaat in FORMATEN:
        vastleggen(
            actie=AuditActie.GEEXPORTEERD, request=request, obj=plan, omschrijving="Reactienota"
        )
        return reports.REACTIENOTA.response(formaat, enumerate(opmerkingen, 1), titel=plan.titel)
    return render(
        request, "ondersteuningsplan/reactienota.html", {"plan": plan, "opmerkingen": opmerkingen}
    )


# Versions, check, PDF ------------------------------------------------------------------


@login_required
def versies(request, pk):
    plan = _plan(request, pk)
    lijst = list(plan.versies.select_related("aangemaakt_door").order_by("nummer"))
    per_nummer = {str(v.nummer): v for v in lijst}
    huidig = {"nummer": "huidig", "secties": services.secties(plan)}
    a = request.GET.get("a") or (str(lijst[-1].nummer) if lijst else None)
    b = request.GET.get("b") or "huidig"
    verschillen = None
    fout = None
    if a:
        oud = per_nummer.get(a)
        nieuw = huidig if b == "huidig" else per_nummer.get(b)
        if oud is None or nieuw is None:
            fout = _("Kies twee bestaande versies.")
        else:
            nieuw_secties = nieuw["secties"] if isinstance(nieuw, dict) else nieuw.secties
            verschillen = vergelijken(oud.secties, nieuw_secties)
    return render(
        request,
        "ondersteuningsplan/versies.html",
        {
            "plan": plan, "versies": lijst, "a": a, "b": b, "verschillen": verschillen, "fout": fout,
            "aantal_gewijzigd": sum(1 for v in verschillen or [] if v.soort != "gelijk"),
        },
    )  # fmt: skip


@login_required
def toets(request, pk):
    plan = _plan(request, pk)
    _mag(request, "ondersteuningsplan.toetsen", plan)
    inhoud = reports.plan_inhoud(plan)
    return render(request, "ondersteuningsplan/toets.html", {"plan": plan, "i": inhoud})


def _pdf_of_wachten(request, plan, *, met_toets=False):
    """The plan's PDF for its current content (rendered once per version, then from the
    database), or, while another request is still rendering it, a page that says so and
    asks again by itself."""
    document = services.plan_pdf_document(plan=plan, met_toets=met_toets)
    if document is None:
        antwoord = render(
            request, "ondersteuningsplan/pdf_wordt_gemaakt.html", {"plan": plan}, status=202
        )
        antwoord["Retry-After"] = "3"
        return antwoord
    return documenten.als_response(document, plan.weergavetitel)


@login_required
def pdf(request, pk):
    plan = _plan(request, pk)
    vastleggen(actie=AuditActie.GEDOWNLOAD, request=request, obj=plan, omschrijving="Plan als PDF")
    if plan.vastgestelde_pdf_id and request.GET.get("actueel") != "1":
        return documenten.als_response(plan.vastgestelde_pdf, plan.weergavetitel)
    met_toets = (
        request.user.has_perm("ondersteuningsplan.toetsen", plan)
        and request.GET.get("toets") == "1"
    )
    return _pdf_of_wachten(request, plan, met_toets=met_toets)


# Public --------------------------------------------------------------------------------


def publiek_index(request):
    return render(request, "ondersteuningsplan/publiek.html", {"plannen": gepubliceerde_plannen()})


def publiek_pdf(request, pk):
    """What was adopted; for a plan adopted before the PDF was kept (imported or demo
    data) the PDF of its (unchangeable) content, rendered once, never written on GET by
    more than one request."""
    plan = get_object_or_404(gepubliceerde_plannen(), pk=pk)
    if plan.vastgestelde_pdf_id:
        return documenten.als_response(plan.vastgestelde_pdf, plan.weergavetitel)
    return _pdf_of_wachten(request, plan)
