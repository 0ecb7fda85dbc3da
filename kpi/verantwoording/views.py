"""Pages of the verantwoording. Thin: scope through selectors, writes through services."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from swv import documenten, formats, workflow
from swv.audit import AuditActie, vastleggen
from swv.exports import FORMATEN, export_response
from swv.forms import redelijke_datum
from swv.pdf import pdf_response
from swv.schooljaar import huidig_schooljaar

from . import bronnen, reports, selectors, services, stappen
from .bedragen import bedrag_weergeven, percentage_weergeven
from .forms import (
    DEADLINE_BINNEN,
    AanwendingFormSet,
    BeoordelingForm,
    IndicatorFormSet,
    RondeForm,
    VerslagForm,
    VraagForm,
)
from .models import RondeStatus, Stand, VerslagStatus, Vraag, VraagSoort


def _melding(fout: ValidationError) -> str:
    return " ".join(fout.messages)


def _deadline_uit(post) -> dict:
    try:
        deadline = date.fromisoformat(post.get("deadline", ""))
    except ValueError:
        raise services.VerantwoordingFout(
            _("Vul een geldige datum in, bijvoorbeeld 2025-11-01.")
        ) from None
    try:  # the same range as the round form (never year 1 or 9999)
        redelijke_datum(deadline)
        DEADLINE_BINNEN(deadline)
    except ValidationError as fout:
        raise services.VerantwoordingFout(_melding(fout)) from None
    return {"deadline": deadline}


# The round page's actions, from the step table: the POST's `actie` -> the step and the
# service's other arguments from the POST.
RONDE_ACTIES = {
    "openen": (stappen.RONDE_OPENEN, lambda post: {}),
    "deadline": (stappen.RONDE_DEADLINE, _deadline_uit),
    "sluiten": (stappen.RONDE_SLUITEN, lambda post: {}),
}


class VerantwoordingMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "verantwoording.bekijken"


class BeheerMixin(VerantwoordingMixin):
    permission_required = "verantwoording.beheren"


class IndexView(VerantwoordingMixin, TemplateView):
    template_name = "verantwoording/index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["rondes"] = selectors.ronde_overzicht(user)
        ctx["mag_beheren"] = user.has_perm("verantwoording.beheren")
        if user.has_perm("verantwoording.invullen"):
            ctx["eigen"] = (
                selectors.eigen_verslagen(user)
                .select_related("ronde")
                .order_by("-ronde__schooljaar")
            )
            ctx["gepubliceerd"] = (
                selectors.verslagen_voor(user)
                .filter(status=VerslagStatus.GEACCEPTEERD)
                .exclude(bestuur_id=user.bestuur_id)
                .select_related("ronde", "bestuur")
                .order_by("-ronde__schooljaar", "bestuur__naam")
            )
        if ctx["mag_beheren"]:
            ctx["te_beoordelen"] = selectors.te_beoordelen(user).order_by(
                "ingediend_op", "bestuur__naam"
            )
        return ctx


class RondeNieuwView(BeheerMixin, FormView):
    template_name = "verantwoording/ronde_form.html"
    form_class = RondeForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        user = self.request.user
        kwargs["swvs"] = selectors.kiesbare_samenwerkingsverbanden(user)
        kwargs["besturen"] = selectors.kiesbare_besturen(user)
        return kwargs

    def get_initial(self):
        # The report is about the school year that ended last summer.
        return {"schooljaar": huidig_schooljaar() - 1}

    def form_valid(self, form):
        try:
            ronde = services.ronde_aanmaken(
                gebruiker=self.request.user,
                schooljaar=form.cleaned_data["schooljaar"],
                deadline=form.cleaned_data["deadline"],
                samenwerkingsverbanden=list(form.cleaned_data["samenwerkingsverbanden"]),
                besturen=list(form.cleaned_data["besturen"]),
            )
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Ronde %(jaar)s aangemaakt. Controleer het formulier en open de ronde daarna "
                "voor de besturen."
            )
            % {"jaar": ronde.schooljaar_label},
        )
        return redirect(ronde)


class RondeDetailView(VerantwoordingMixin, TemplateView):
    template_name = "verantwoording/ronde_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ronde = get_object_or_404(
            selectors.rondes_voor(user).prefetch_related("samenwerkingsverbanden"),
            pk=self.kwargs["pk"],
        )
        ctx["ronde"] = ronde
        ctx["verslagen"] = list(selectors.verslagen_van_ronde(user, ronde))
        ctx["mag_beheren"] = selectors.beheerbare_rondes(user).filter(pk=ronde.pk).exists()
        # Which steps of the table this user may take on the round now (template: mag.openen).
        ctx["mag"] = {
            naam: ctx["mag_beheren"] and stap.mag(user, ronde)
            for naam, (stap, _argumenten) in RONDE_ACTIES.items()
        }
        ctx["geschiedenis"] = selectors.ronde_geschiedenis(ronde) if ctx["mag_beheren"] else []
        ctx["vragen"] = selectors.vragen_van_ronde(ronde) if ctx["mag_beheren"] else []
        ctx["besturen"] = ronde.besturen.order_by("naam") if ctx["mag_beheren"] else []
        tellingen = {}
        for v in ctx["verslagen"]:
            tellingen[v.status] = tellingen.get(v.status, 0) + 1
        ctx["tellingen"] = [(s.label, tellingen.get(s.value, 0)) for s in VerslagStatus]
        return ctx


class RondeActieView(BeheerMixin, View):
    """POST endpoint for the round's steps (RONDE_ACTIES); a refusal is shown as a message."""

    def post(self, request, pk):
        ronde = get_object_or_404(selectors.beheerbare_rondes(request.user), pk=pk)
        if request.POST.get("actie") not in RONDE_ACTIES:
            messages.error(request, _("Onbekende actie."))
            return redirect(ronde)
        stap, argumenten = RONDE_ACTIES[request.POST["actie"]]
        try:
            kwargs = argumenten(request.POST)
            import_string(stap.service)(
                ronde=ronde, gebruiker=request.user, request=request, **kwargs
            )
        except ValidationError as fout:
            messages.error(request, _melding(fout))
            return redirect(ronde)
        datum = formats.kort(kwargs["deadline"]) if "deadline" in kwargs else ""
        messages.success(request, str(stap.melding) % {"datum": datum})
        return redirect(ronde)


class VergelijkingView(BeheerMixin, TemplateView):
    template_name = "verantwoording/vergelijking.html"

    def get(self, request, *args, **kwargs):
        self.ronde = get_object_or_404(selectors.beheerbare_rondes(request.user), pk=kwargs["pk"])
        verslagen = list(selectors.verslagen_van_ronde(request.user, self.ronde))
        self.kolommen, self.rijen = reports.vergelijking(self.ronde, verslagen)
        formaat = request.GET.get("format")
        if formaat in FORMATEN:
            vastleggen(
                actie=AuditActie.GEEXPORTEERD,
                request=request,
                obj=self.ronde,
                omschrijving=f"Vergelijking verantwoording {self.ronde.schooljaar_label} ({formaat})",
            )
            return export_response(
                formaat,
                f"verantwoording-{self.ronde.schooljaar_label}-vergelijking",
                self.kolommen,
                self.rijen,
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["ronde"] = self.ronde
        ctx["kolommen"] = self.kolommen
        ctx["rijen"] = [self._weergave(rij) for rij in self.rijen]
        return ctx

    def _weergave(self, rij: list) -> list[str]:
        """Dutch notation for the page (the exports keep plain numbers)."""
        scores = range(3, len(self.kolommen) - 4)
        bedragen = range(len(self.kolommen) - 2, len(self.kolommen))
        uit = []
        for i, w in enumerate(rij):
            if w is None:
                uit.append("—")
            elif i in scores:
                uit.append(percentage_weergeven(w))
            elif i in bedragen:
                uit.append(bedrag_weergeven(w))
            else:
                uit.append(str(w))
        return uit


class RondePdfView(BeheerMixin, View):
    def get(self, request, pk):
        ronde = get_object_or_404(selectors.beheerbare_rondes(request.user), pk=pk)
        verslagen = list(selectors.verslagen_van_ronde(request.user, ronde, met_pdf=True))
        pdf = reports.bundel_pdf(ronde, verslagen)
        vastleggen(
            actie=AuditActie.GEDOWNLOAD,
            request=request,
            obj=ronde,
            omschrijving=f"Bundel verantwoording {ronde.schooljaar_label} (PDF)",
        )
        return pdf_response(pdf, f"verantwoording-{ronde.schooljaar_label}-alle-besturen")


class VerslagDetailView(VerantwoordingMixin, TemplateView):
    template_name = "verantwoording/verslag_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        verslag = get_object_or_404(
            selectors.verslagen_voor(user).select_related("ronde", "bestuur"),
            pk=self.kwargs["pk"],
        )
        ctx.update(reports.verslag_document(verslag))
        eigen = user.has_perm(stappen.VERSLAG_OPSLAAN.permissie, verslag)
        ctx["eigen"] = eigen
        # From the step table; the round's state is the report's own condition.
        ctx["bewerkbaar"] = stappen.VERSLAG_OPSLAAN.mag(user, verslag) and verslag.is_bewerkbaar
        ctx["mag_beoordelen"] = verslag.ronde.status != RondeStatus.GESLOTEN and any(
            stap.mag(user, verslag) for stap in stappen.BESLUITEN.values()
        )
        if ctx["mag_beoordelen"]:
            ctx["beoordeling"] = kwargs.get("beoordeling") or BeoordelingForm()
        if ctx["bewerkbaar"]:
            ctx["missend"] = services.ontbrekend_in(verslag)
        if eigen or user.has_perm("verantwoording.beheren"):
            ctx["geschiedenis"] = selectors.geschiedenis(verslag)
        return ctx


class VerslagPdfView(VerantwoordingMixin, View):
    def get(self, request, pk):
        verslag = get_object_or_404(
            selectors.verslagen_voor(request.user).select_related("ronde", "bestuur"), pk=pk
        )
        # Submitted and accepted reports: the stored document; concepts: rendered now.
        naam = f"verantwoording-{verslag.ronde.schooljaar_label}-{verslag.bestuur.naam}"
        if verslag.pdf_id:
            return documenten.als_response(verslag.pdf, naam)
        return pdf_response(reports.verslag_pdf(verslag), naam)


class VerslagBeoordelenView(BeheerMixin, View):
    def post(self, request, pk):
        verslag = get_object_or_404(
            selectors.beoordeelbare_verslagen(request.user).select_related("ronde", "bestuur"),
            pk=pk,
        )
        form = BeoordelingForm(request.POST)
        if not form.is_valid():
            view = VerslagDetailView()
            view.setup(request, pk=pk)
            ctx = view.get_context_data(pk=pk, beoordeling=form)
            return view.render_to_response(ctx, status=400)
        stap = stappen.BESLUITEN[form.cleaned_data["besluit"]]
        try:
            import_string(stap.service)(
                verslag=verslag,
                gebruiker=request.user,
                opmerking=form.cleaned_data["opmerking"],
                request=request,
            )
        except ValidationError as fout:
            messages.error(request, _melding(fout))
            return redirect(verslag)
        messages.success(request, str(stap.melding) % {"bestuur": verslag.bestuur.naam})
        return redirect(verslag)


class VerslagBewerkenView(VerantwoordingMixin, TemplateView):
    """The guided form. 'Opslaan' keeps a concept; 'Indienen' saves and then submits."""

    permission_required = "verantwoording.invullen"
    template_name = "verantwoording/verslag_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm(self.permission_required):
            return self.handle_no_permission()
        self.verslag = get_object_or_404(
            selectors.eigen_verslagen(request.user).select_related("ronde", "bestuur"),
            pk=kwargs["pk"],
        )
        if not self.verslag.is_bewerkbaar:
            if self.verslag.ronde.status == RondeStatus.GESLOTEN:
                melding = _("Deze ronde is gesloten; het verslag kan niet meer worden gewijzigd.")
            else:
                melding = _("Dit verslag is %(status)s en kan niet meer worden gewijzigd.") % {
                    "status": self.verslag.get_status_display()
                }
            messages.error(request, melding)
            return HttpResponseRedirect(self.verslag.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def _formulieren(self, data=None, inhoud=None):
        ronde = self.verslag.ronde
        self.vragen = selectors.vragen_van_ronde(ronde)
        self.swvs = list(ronde.samenwerkingsverbanden.order_by("code"))
        inhoud = inhoud or selectors.verslag_inhoud(self.verslag)
        form = VerslagForm(
            data, verslag=self.verslag, vragen=self.vragen, swvs=self.swvs, inhoud=inhoud
        )
        aanwendingen = AanwendingFormSet(
            data,
            prefix="aanwending",
            initial=[
                {"omschrijving": a.omschrijving, "bedrag": a.bedrag} for a in inhoud["aanwendingen"]
            ],
        )
        return form, aanwendingen

    def get(self, request, *args, **kwargs):
        form, aanwendingen = self._formulieren()
        return self.render_to_response(self.context(form, aanwendingen))

    def context(self, form, aanwendingen, **extra):
        verslag = self.verslag
        tlv = bronnen.tlv_kengetallen(
            schooljaar=verslag.ronde.schooljaar, bestuur_ids=[verslag.bestuur_id]
        )
        thuis = bronnen.thuiszitters(
            schooljaar=verslag.ronde.schooljaar, bestuur_ids=[verslag.bestuur_id]
        )
        getallen = tlv[verslag.bestuur_id]
        kengetallen = {
            v.id: reports.kengetallen_rijen(
                v.kengetallen,
                getallen,
                thuis[verslag.bestuur_id] if thuis is not None else None,
            )
            for v in self.vragen
            if v.kengetallen
        }
        ctx = self.get_context_data(
            verslag=verslag,
            ronde=verslag.ronde,
            form=form,
            aanwendingen=aanwendingen,
            plan=bronnen.plan_context(verslag.ronde),
            kengetallen=kengetallen,
            niet_beschikbaar=reports.NIET_BESCHIKBAAR,
            missend=services.ontbrekend_in(verslag),
            stand_keuzes=[("", _("— kies —")), *Stand.choices],
            **extra,
        )
        return ctx

    def post(self, request, *args, **kwargs):
        form, aanwendingen = self._formulieren(request.POST)
        if not (form.is_valid() and aanwendingen.is_valid()):
            messages.error(
                request,
                _(
                    "Niet opgeslagen: verbeter de gemarkeerde velden. Uw tekst staat nog in het formulier."
                ),
            )
            return self.render_to_response(self.context(form, aanwendingen), status=400)
        try:
            self.verslag = services.verslag_opslaan(
                verslag=self.verslag,
                gebruiker=request.user,
                versie=form.cleaned_data["versie"],
                antwoorden=form.antwoorden(),
                standen=form.standen(),
                ontvangen=form.ontvangen(),
                aanwendingen=aanwendingen.regels(),
            )
        except services.VersieConflict as exc:
            return self._na_conflict(request, exc)
        except ValidationError as fout:
            messages.error(request, _melding(fout))
            return redirect(self.verslag)
        if request.POST.get("actie") != "indienen":
            messages.success(request, stappen.VERSLAG_OPSLAAN.melding)
            return redirect("verantwoording:verslag-bewerken", pk=self.verslag.pk)
        return self._indienen(request)

    def _na_conflict(self, request, exc):
        """Someone else saved first: the user's text stays in the form, now based on the
        saved version (so a new save is a conscious overwrite)."""
        self.verslag.refresh_from_db()
        data = request.POST.copy()
        data["versie"] = str(self.verslag.versie)
        form, aanwendingen = self._formulieren(data)
        form.is_valid()
        aanwendingen.is_valid()
        return self.render_to_response(
            self.context(form, aanwendingen, conflict=str(exc)), status=409
        )

    def _indienen(self, request):
        """After saving, 'Indienen': submitted, or the form again with what is missing."""
        try:
            services.verslag_indienen(verslag=self.verslag, gebruiker=request.user, request=request)
        except services.Onvolledig as exc:
            form, aanwendingen = self._formulieren()
            return self.render_to_response(
                self.context(form, aanwendingen, geweigerd=exc.missend), status=400
            )
        except ValidationError as fout:
            messages.error(request, _melding(fout))
            return redirect(self.verslag)
        messages.success(request, stappen.VERSLAG_INDIENEN.melding)
        return redirect(self.verslag)


class VraagBewerkenView(BeheerMixin, TemplateView):
    """Staff change one part of the template while the round is in preparation."""

    template_name = "verantwoording/vraag_form.html"

    def _laad(self):
        ronde = get_object_or_404(
            selectors.beheerbare_rondes(self.request.user), pk=self.kwargs["pk"]
        )
        vraag = get_object_or_404(Vraag.objects.filter(ronde=ronde), pk=self.kwargs["vraag"])
        return ronde, vraag, vraag.soort == VraagSoort.HOOFDONDERDEEL

    def _render(self, ronde, vraag, form, indicatoren, status=200):
        return self.render_to_response(
            self.get_context_data(ronde=ronde, vraag=vraag, form=form, indicatoren=indicatoren),
            status=status,
        )

    def get(self, request, *args, **kwargs):
        ronde, vraag, met_indicatoren = self._laad()
        if not ronde.sjabloon_bewerkbaar:
            messages.error(request, _("Het formulier is vast zodra de ronde open is."))
            return redirect(ronde)
        indicatoren = (
            IndicatorFormSet(
                prefix="indicator",
                initial=[{"nummer": i.nummer, "tekst": i.tekst} for i in vraag.indicatoren.all()],
            )
            if met_indicatoren
            else None
        )
        return self._render(ronde, vraag, VraagForm(instance=vraag), indicatoren)

    def post(self, request, *args, **kwargs):
        ronde, vraag, met_indicatoren = self._laad()
        form = VraagForm(request.POST, instance=vraag)
        indicatoren = (
            IndicatorFormSet(request.POST, prefix="indicator") if met_indicatoren else None
        )
        if not form.is_valid() or (indicatoren is not None and not indicatoren.is_valid()):
            return self._render(ronde, vraag, form, indicatoren, status=400)
        try:
            services.vraag_wijzigen(
                vraag=vraag,
                gebruiker=request.user,
                gegevens=form.cleaned_data,
                indicatoren=indicatoren.regels() if indicatoren is not None else None,
            )
        except ValidationError as fout:
            messages.error(request, _melding(fout))
            return redirect(ronde)
        messages.success(request, _("Onderdeel “%(titel)s” opgeslagen.") % {"titel": vraag.titel})
        return redirect(ronde)
