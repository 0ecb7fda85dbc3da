"""KPI pages. Thin: parse input, call a selector/service/report, render."""

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from swv import formats
from swv.audit import AuditActie, bekeken, vastleggen
from swv.exports import FORMATEN
from swv.getallen import getal
from swv.pdf import pdf_response, render_pdf
from swv.roles import Rol
from swv.schooljaar import huidig_schooljaar, schooljaar_van
from swv.selectors import besturen_voor, scholen_voor
from swv.views import VergevingsvollePaginering

from . import berekeningen, reports, services
from .filters import ThuiszitterFilter
from .forms import MetingForm, ThuiszitterActieForm, ThuiszitterForm
from .models import Meting, Thuiszitter, peildatum
from .selectors import bestuur_keuzes, kpis_voor, swv_keuzes, thuiszitters_voor


def _formaat(request) -> str | None:
    formaat = request.GET.get("format")
    return formaat if formaat in FORMATEN else None


def _getal(w) -> str:
    return getal(w)


class KpiMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "kpi.bekijken"


# Dashboard ------------------------------------------------------------------------------


class DashboardFilterForm(forms.Form):
    swv = forms.ModelChoiceField(
        label=gettext_lazy("Samenwerkingsverband"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Alle (totaal plan)"),
    )
    bestuur = forms.ModelChoiceField(
        label=gettext_lazy("Bestuur ernaast"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Geen"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["swv"].queryset = swv_keuzes(user)
        self.fields["bestuur"].queryset = bestuur_keuzes(user)
        if user.rol == Rol.BESTUUR:
            self.fields["bestuur"].empty_label = None


def _keuzes(form, gekozen: dict) -> list[dict]:
    """The filter dropdowns as plain options: a national user's 150 SWVs and 300 besturen
    cost a tenth of the widget templates' time as one loop in the page."""
    uit = []
    for naam, veld in form.fields.items():
        keuze = gekozen.get(naam)
        opties = [("", veld.empty_label, keuze is None)] if veld.empty_label is not None else []
        opties += [(o.pk, str(o), keuze is not None and o.pk == keuze.pk) for o in veld.queryset]
        uit.append({"naam": naam, "label": veld.label, "opties": opties})
    return uit


class DashboardMixin(KpiMixin):
    def dashboard(self, pagina=None, alleen_kpi=None, grafieken=None):
        user = self.request.user
        form = DashboardFilterForm(self.request.GET or None, user=user)
        swv = bestuur = None
        if form.is_bound and form.is_valid():
            swv, bestuur = form.cleaned_data["swv"], form.cleaned_data["bestuur"]
        if user.rol == Rol.BESTUUR and bestuur is None:
            # A bestuur always sees its own figures beside the SWV total.
            bestuur = besturen_voor(user).first()
        db = reports.dashboard(
            user,
            swv=swv,
            bestuur=bestuur,
            kan_rijen_zien=user.has_perm("kpi.thuiszitters_bekijken"),
            pagina=pagina,
            alleen_kpi=alleen_kpi,
            grafieken=grafieken,
        )
        return form, db


class DashboardView(DashboardMixin, TemplateView):
    template_name = "kpi/dashboard.html"

    def get(self, request, *args, **kwargs):
        formaat = _formaat(request)
        # The page shows a few plans at a time; the exports hold them all.
        form, db = self.dashboard(pagina=None if formaat else request.GET.get("page", 1))
        if formaat:
            return reports.KENGETALLEN.response(
                formaat, reports.kengetallen(db), bestuur=db.bestuur
            )
        return self.render_to_response(
            self.get_context_data(
                form=form,
                db=db,
                mag_invoeren=request.user.has_perm("kpi.meting_invoeren"),
                querystring=request.GET.urlencode(),
                # The filters (SWV, bestuur) go along to each KPI's page.
                kpi_qs=KpiDetailView.filters(request),
                keuzes=_keuzes(form, {"swv": db.swv, "bestuur": db.bestuur}),
            )
        )


class DashboardPdfView(DashboardMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        _form, db = self.dashboard(grafieken=True)
        pdf = render_pdf(
            "kpi/pdf/kengetallen.html",
            {"db": db, "datum": timezone.localdate(), "gebruiker": request.user},
        )
        return pdf_response(pdf, "kengetallen")


# KPI detail and metingen --------------------------------------------------------------


class KpiDetailView(DashboardMixin, TemplateView):
    """One KPI: its definition, the Verloop table (the dashboard's figures for this KPI,
    with the same SWV and bestuur filters; a bestuur sees its own column) and the metingen.
    `?format=csv|xlsx` exports the Verloop table in the dashboard export's columns;
    `?tabel=metingen&format=...` the metingen."""

    template_name = "kpi/kpi_detail.html"

    def get(self, request, *args, **kwargs):
        user = request.user
        kpi = get_object_or_404(kpis_voor(user), pk=kwargs["pk"])
        # Bestuur metingen only of besturen the user may see; plan and SWV ones are public
        # within the plan (the one rule: kpi.models.MetingQuerySet.voor).
        metingen = (
            Meting.objects.voor(user)
            .filter(kpi=kpi)
            .select_related("swv", "bestuur", "ingevoerd_door")
            .order_by("schooljaar", "kwartaal", "swv__code", "bestuur__naam")
        )
        formaat = _formaat(request)
        if formaat and request.GET.get("tabel") == "metingen":
            return reports.METINGEN.response(formaat, metingen, kpi=kpi)
        # The dashboard for this KPI only: the page's Verloop table and its export are the
        # same rows as the dashboard's for this KPI.
        form, alleen_deze = self.dashboard(alleen_kpi=kpi)
        if formaat:
            return reports.VERLOOP.response(
                formaat, reports.kengetallen(alleen_deze), kpi=kpi, bestuur=alleen_deze.bestuur
            )
        regel = alleen_deze.plannen[0].speerpunten[0].kpis[0] if alleen_deze.plannen else None
        return self.render_to_response(
            self.get_context_data(
                kpi=kpi,
                metingen=metingen,
                regel=regel,
                db=alleen_deze,
                form=form,
                **self._export_links(request),
                streefwaarden=kpi.streefwaarden.order_by("schooljaar"),
                mag_invoeren=user.has_perm("kpi.meting_invoeren") and not kpi.is_berekend,
            )
        )

    @staticmethod
    def filters(request) -> str:
        """The dashboard's filters (swv, bestuur) as a query string, without page and
        format."""
        filters = request.GET.copy()
        for sleutel in ("format", "tabel", "page"):
            filters.pop(sleutel, None)
        return filters.urlencode()

    @staticmethod
    def _export_links(request) -> dict:
        """The query strings of the two export links: the page's filters (swv, bestuur)
        stay, format and tabel are set in the link."""
        filters = request.GET.copy()
        for sleutel in ("format", "tabel", "page"):
            filters.pop(sleutel, None)
        metingen_qs = filters.copy()
        metingen_qs["tabel"] = "metingen"
        return {"verloop_qs": filters.urlencode(), "metingen_qs": metingen_qs.urlencode()}


class MetingNieuwView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "kpi.meting_invoeren"
    template_name = "kpi/meting_form.html"
    form_class = MetingForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.kpi = get_object_or_404(
                kpis_voor(request.user).prefetch_related("speerpunt__plan__samenwerkingsverbanden"),
                pk=kwargs["pk"],
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), **self._form_kwargs_zonder_data()}

    def _form_kwargs_zonder_data(self) -> dict:
        return {"kpi": self.kpi, "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(kpi=self.kpi, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.meting_vastleggen(
                kpi=self.kpi,
                schooljaar=data["schooljaar"],
                kwartaal=data["kwartaal"],
                swv=data["swv"],
                bestuur=data["bestuur"],
                waarde=data["waarde"],
                bron=data["bron"],
                toelichting=data["toelichting"],
                door=self.request.user,
                # Only a confirmation of a version shown replaces a meting.
                vervangen=data["vervangen"] and data["vervangen_versie"] is not None,
                vervangen_versie=data["vervangen_versie"],
                request=self.request,
            )
        except services.MetingBestaatAl as fout:
            # The confirmation names the version shown: a meting saved by someone else
            # after this page is not overwritten without being shown first.
            bevestigen = self.request.POST.copy()
            bevestigen["vervangen_versie"] = fout.bestaande.versie
            form = self.get_form_class()(bevestigen, **self._form_kwargs_zonder_data())
            form.is_valid()
            return self.render_to_response(
                self.get_context_data(
                    form=form, bestaande=fout.bestaande, conflict=fout.messages[0]
                )
            )
        except ValidationError as fout:
            form.add_error(None, fout)
            return self.form_invalid(form)
        messages.success(self.request, _("De meting is opgeslagen."))
        return redirect(self.kpi.get_absolute_url())


# Deelnamepercentages ------------------------------------------------------------------


class DeelnameView(KpiMixin, TemplateView):
    template_name = "kpi/deelname.html"

    def get(self, request, *args, **kwargs):
        keuzes = swv_keuzes(request.user)
        swv_ids = list(keuzes.values_list("id", flat=True))
        gekozen = request.GET.get("swv", "")
        gekozen = int(gekozen) if gekozen.isdigit() else None
        if gekozen in swv_ids:
            swv_ids = [gekozen]
        if formaat := _formaat(request):
            return reports.DEELNAME.response(
                formaat, berekeningen.deelname_per_swv(swv_ids=swv_ids)
            )
        # The page shows ten SWVs at a time (a national user has 150); the export has all.
        paginator = Paginator(swv_ids, 10)
        page_obj = paginator.get_page(request.GET.get("page"))
        rijen = berekeningen.deelname_per_swv(swv_ids=list(page_obj.object_list))
        return self.render_to_response(
            self.get_context_data(
                blokken=reports.deelname_blokken(rijen),
                keuzes=keuzes,
                gekozen=gekozen,
                uitleg=berekeningen.UITLEG["deelname"],
                querystring=request.GET.urlencode(),
                page_obj=page_obj,
                paginator=paginator,
                is_paginated=paginator.num_pages > 1,
            )
        )


# TLV-kengetallen and verwijzingen -----------------------------------------------------


class VerwijzingenView(KpiMixin, TemplateView):
    template_name = "kpi/verwijzingen.html"

    def get(self, request, *args, **kwargs):
        user = request.user
        nu = huidig_schooljaar()
        jaar = request.GET.get("schooljaar", "")
        jaar = int(jaar) if jaar.isdigit() and 2000 <= int(jaar) <= nu else nu
        swvs = list(swv_keuzes(user))
        per_school_zichtbaar = user.has_perm("kpi.thuiszitters_bekijken")
        tlv = berekeningen.tlv_per_swv(schooljaar=jaar, swv_ids=[s.id for s in swvs])
        per_swv = [{"swv": s, **tlv[s.id]} for s in swvs]
        per_bestuur = berekeningen.verwijzingen_per_bestuur(
            schooljaar=jaar, besturen=bestuur_keuzes(user), swv_ids=[s.id for s in swvs]
        )
        # Small counts per school can point at a pupil: only for roles that see rows.
        per_school = (
            berekeningen.verwijzingen_per_school(schooljaar=jaar, scholen=scholen_voor(user))
            if per_school_zichtbaar
            else []
        )
        tabel = request.GET.get("tabel", "swv")
        if formaat := _formaat(request):
            if tabel == "school" and not per_school_zichtbaar:
                tabel = "swv"
            rijen = {"school": per_school, "bestuur": per_bestuur}.get(tabel, per_swv)
            export = reports.VERWIJZINGEN_EXPORTS.get(tabel, reports.VERWIJZINGEN_EXPORTS["swv"])
            return export.response(formaat, rijen, schooljaar=jaar)
        return self.render_to_response(
            self.get_context_data(
                jaar=jaar,
                jaren=list(range(nu, nu - 6, -1)),
                per_swv=per_swv,
                per_bestuur=per_bestuur,
                per_school=per_school,
                per_school_zichtbaar=per_school_zichtbaar,
                uitleg_tlv=berekeningen.UITLEG["tlv"],
                uitleg_verwijzingen=berekeningen.UITLEG["verwijzingen"],
                teldatum=berekeningen.telling_voor(jaar),
            )
        )


# Thuiszitters --------------------------------------------------------------------------


class ThuiszitterMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "kpi.thuiszitters_bekijken"


class ThuiszitterListView(VergevingsvollePaginering, ThuiszitterMixin, FilterView):
    template_name = "kpi/thuiszitter_list.html"
    filterset_class = ThuiszitterFilter
    paginate_by = 25

    def get_queryset(self):
        return thuiszitters_voor(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "request": self.request}

    def _schooljaar(self) -> int:
        nu = huidig_schooljaar()
        jaar = self.request.GET.get("schooljaar", "")
        return int(jaar) if jaar.isdigit() and 2000 <= int(jaar) <= nu else nu

    def get(self, request, *args, **kwargs):
        formaat = _formaat(request)
        if formaat and request.GET.get("tabel") == "kwartaal":
            jaar = self._schooljaar()
            rijen = reports.kwartaaloverzicht(self.get_queryset(), jaar)["rijen"]
            return reports.THUISZITTERS_PER_KWARTAAL.response(formaat, rijen, schooljaar=jaar)
        if formaat:
            filterset = self.get_filterset(self.get_filterset_class())
            qs = filterset.qs if filterset.is_valid() else self.get_queryset()
            vastleggen(
                actie=AuditActie.GEEXPORTEERD,
                request=request,
                omschrijving="Thuiszittersregister geëxporteerd",
                details={"aantal": qs.count(), "formaat": formaat},
            )
            return reports.THUISZITTERS.response(formaat, qs)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        nu = huidig_schooljaar()
        jaar = self._schooljaar()
        ctx["overzicht"] = reports.kwartaaloverzicht(self.get_queryset(), jaar)
        ctx["jaren"] = list(range(nu, nu - 5, -1))
        ctx["uitleg"] = berekeningen.UITLEG["thuiszitters"]
        ctx["mag_registreren"] = self.request.user.has_perm("kpi.thuiszitter_registreren")
        ctx["mag_inspectie"] = self.request.user.has_perm("kpi.inspectie_exporteren")
        ctx["vandaag"] = timezone.localdate()
        ctx["querystring"] = self.request.GET.urlencode()
        ids = [t.pk for t in ctx["object_list"]]
        vastleggen(
            actie=AuditActie.BEKEKEN,
            request=self.request,
            omschrijving="Thuiszittersregister bekeken",
            details={"ids": ids},
        )
        return ctx


class ThuiszitterDetailView(ThuiszitterMixin, TemplateView):
    template_name = "kpi/thuiszitter_detail.html"

    def get(self, request, *args, **kwargs):
        t = get_object_or_404(thuiszitters_voor(request.user), pk=kwargs["pk"])
        return self.detail(request, t, ThuiszitterActieForm())

    def detail(self, request, t, actie_form):
        """The case page, with the action log and (for who may change it) the form to add
        an action. Every rendering shows pupil data, so every one is logged."""
        bekeken(request, t, f"Thuiszitter #{t.pk} bekeken")
        mag_wijzigen = request.user.has_perm("kpi.thuiszitter_registreren")
        return self.render_to_response(
            self.get_context_data(
                t=t,
                duur=(t.einddatum or timezone.localdate()) - t.startdatum,
                acties=t.acties_log.select_related("vastgelegd_door"),
                mag_wijzigen=mag_wijzigen,
                actie_form=actie_form if mag_wijzigen else None,
            )
        )


class ThuiszitterFormMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "kpi.thuiszitter_registreren"
    template_name = "kpi/thuiszitter_form.html"
    form_class = ThuiszitterForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class ThuiszitterNieuwView(ThuiszitterFormMixin, FormView):
    def form_valid(self, form):
        data = {n: w for n, w in form.cleaned_data.items() if n != "versie"}
        try:
            t = services.thuiszitter_registreren(
                door=self.request.user, request=self.request, **data
            )
        except ValidationError as fout:
            form.add_error(None, fout)
            return self.form_invalid(form)
        messages.success(
            self.request, _("De thuiszitter is geregistreerd (nummer %(nr)s).") % {"nr": t.pk}
        )
        return redirect(t.get_absolute_url())


def _weergave(t: Thuiszitter, naam: str) -> str:
    """A field of a case as the conflict page shows it."""
    waarde = getattr(t, naam)
    if waarde is None or waarde == "":
        return "–"
    if Thuiszitter._meta.get_field(naam).choices:
        return str(getattr(t, f"get_{naam}_display")())
    if isinstance(waarde, date):
        return formats.kort(waarde)
    if naam == "trajectbegeleider":
        return waarde.get_full_name() or waarde.username
    return str(waarde)


class ThuiszitterWijzigenView(ThuiszitterFormMixin, FormView):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = get_object_or_404(thuiszitters_voor(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {n: getattr(self.object, n) for n in (*services.VELDEN, "versie")}

    def get_context_data(self, **kwargs):
        return super().get_context_data(t=self.object, **kwargs)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        versie = data.pop("versie")
        try:
            services.thuiszitter_wijzigen(
                thuiszitter=self.object,
                door=self.request.user,
                versie=versie,
                request=self.request,
                **data,
            )
        except services.Bewerkconflict as c:
            return self._na_conflict(form, c.huidig)
        except ValidationError as fout:
            form.add_error(None, fout)
            return self.form_invalid(form)
        messages.success(self.request, _("De registratie is bijgewerkt."))
        return redirect(self.object.get_absolute_url())

    def _na_conflict(self, form, huidig: Thuiszitter):
        """Someone saved the case after this form was opened: nothing is overwritten. The
        page shows the saved values beside the user's (the chapters' conflict page) and
        the user's input stays in the form, now based on the saved version."""
        velden = [n for n in services.VELDEN if n in form.fields]
        uw = Thuiszitter(**{n: form.cleaned_data[n] for n in velden})
        conflict = [
            (str(form.fields[n].label), _weergave(huidig, n), _weergave(uw, n)) for n in velden
        ]
        data = self.request.POST.copy()
        data["versie"] = huidig.versie
        opnieuw = self.get_form_class()(data, user=self.request.user)
        opnieuw.is_valid()
        opnieuw.add_error(
            None,
            _(
                "Iemand anders heeft deze registratie opgeslagen terwijl u haar bewerkte. Niets "
                "is overschreven: hieronder staan de opgeslagen gegevens en de uwe. Neem over "
                "wat nodig is en sla opnieuw op."
            ),
        )
        self.object = huidig
        return self.render_to_response(self.get_context_data(form=opnieuw, conflict=conflict))


class ThuiszitterActieNieuwView(ThuiszitterDetailView):
    """POST only: add an action to the log. Same access as changing the case: not in the
    user's scope is 404, in scope without the right to change it is 403."""

    http_method_names = ["post"]
    permission_required = "kpi.thuiszitter_registreren"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = get_object_or_404(thuiszitters_voor(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        t = self.object
        form = ThuiszitterActieForm(request.POST)
        if form.is_valid():
            try:
                services.thuiszitter_actie_toevoegen(
                    thuiszitter=t, door=request.user, request=request, **form.cleaned_data
                )
            except ValidationError as fout:
                form.add_error(None, fout)
            else:
                messages.success(request, _("De actie is toegevoegd."))
                return redirect(f"{t.get_absolute_url()}#acties")
        # Refused: the case page again, the message next to the field, nothing saved.
        return self.detail(request, t, form)


class InspectieExportView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """The quarterly anonymised registration for the inspectie: every case in scope that
    ran during the quarter (started by its peildatum, not ended before it began), resolved
    ones included, without pseudonym."""

    permission_required = "kpi.inspectie_exporteren"

    def get(self, request, *args, **kwargs):
        jaar, kwartaal = self._kwartaal(request)
        p = peildatum(jaar, kwartaal)
        rijen = list(reports.inspectie_registratie(thuiszitters_voor(request.user), p))
        vastleggen(
            actie=AuditActie.GEEXPORTEERD,
            request=request,
            omschrijving=f"Thuiszitters inspectie-export {jaar} K{kwartaal}",
            details={"aantal": len(rijen), "peildatum": p.isoformat()},
        )
        formaat = "xlsx" if request.GET.get("format") != "csv" else "csv"
        return reports.INSPECTIE.response(formaat, rijen, peildatum=p)

    @staticmethod
    def _kwartaal(request) -> tuple[int, int]:
        """The school year asked, up to this one (else 404), and the quarter; without
        one, the last quarter whose peildatum has passed."""
        vandaag = timezone.localdate()
        nu = schooljaar_van(vandaag)
        try:
            jaar = int(request.GET.get("schooljaar", nu))
            kwartaal = int(request.GET.get("kwartaal", 0))
        except ValueError:
            raise Http404 from None
        if not (2000 <= jaar <= nu):
            raise Http404
        if kwartaal not in (1, 2, 3, 4):
            verstreken = [k for k in (1, 2, 3, 4) if peildatum(jaar, k) <= vandaag] or [1]
            kwartaal = verstreken[-1]
        return jaar, kwartaal
