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
from swv.schooljaar import huidig_schooljaar
from swv.taken import TaakStatus

from . import bronnen, reports, selectors, services, stappen
from .bedragen import bedrag_weergeven, niet_besteed, percentage_weergeven
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
    try:  # the round's version the page was opened on (stale-save guard)
        versie = int(post.get("versie", ""))
    except ValueError:
        raise services.VerantwoordingFout(
            _("Deze pagina is verouderd. Vernieuw de pagina en kies de datum opnieuw.")
        ) from None
    return {"deadline": deadline, "versie": versie}


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
        ctx["te_laat"] = sum(1 for v in ctx["verslagen"] if v.te_laat)
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
        except services.Verouderd as conflict:
            # The conflict page: the round as saved now, the refusal on top (409).
            view = RondeDetailView()
            view.setup(request, pk=pk)
            ctx = view.get_context_data(pk=pk, conflict=str(conflict))
            return view.render_to_response(ctx, status=409)
        except ValidationError as fout:
            messages.error(request, _melding(fout))
            return redirect(ronde)
        datum = formats.kort(kwargs["deadline"]) if "deadline" in kwargs else ""
        messages.success(request, str(stap.melding) % {"datum": datum})
        return redirect(ronde)


def _cel(waarde, soort: str, ingediend: bool) -> str:
    """One cell of the comparison page in Dutch notation (the exports keep plain values)."""
    if soort == "bedrag" and not ingediend:
        return reports.NOG_NIET_INGEDIEND
    if waarde is None:
        return "" if soort == "dagen" else "—"
    if soort == "procent":
        return percentage_weergeven(waarde)
    if soort == "bedrag":
        return bedrag_weergeven(waarde)
    return str(waarde)


class VergelijkingView(BeheerMixin, TemplateView):
    template_name = "verantwoording/vergelijking.html"

    def get(self, request, *args, **kwargs):
        self.ronde = get_object_or_404(selectors.beheerbare_rondes(request.user), pk=kwargs["pk"])
        verslagen = list(selectors.verslagen_van_ronde(request.user, self.ronde))
        self.tabel = reports.vergelijking_van(self.ronde, verslagen)
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
                self.tabel.kolommen,
                self.tabel.rijen,
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tabel = self.tabel
        rechts = [soort != "tekst" for soort in tabel.soorten]
        ctx["ronde"] = self.ronde
        ctx["kolommen"] = list(zip(tabel.kolommen, rechts, strict=True))
        ctx["rijen"] = [
            [
                (_cel(w, soort, ingediend), r, soort == "dagen" and w is not None)
                for w, soort, r in zip(rij, tabel.soorten, rechts, strict=True)
            ]
            for rij, ingediend in zip(tabel.rijen, tabel.ingediend, strict=True)
        ]
        totalen = tabel.totalen()
        ctx["totalen"] = [
            ("" if w is None else _cel(w, soort, True), r)
            for w, soort, r in zip(totalen[1:], tabel.soorten[1:], rechts[1:], strict=True)
        ]
        ctx["aantal_ingediend"] = sum(tabel.ingediend)
        return ctx


class RondePdfView(BeheerMixin, TemplateView):
    """The round's bundle is made in the background: GET explains and offers the button,
    POST starts the task and shows its progress (/taken/<id>/)."""

    template_name = "verantwoording/pdf_maken.html"

    def _ronde(self):
        return get_object_or_404(
            selectors.beheerbare_rondes(self.request.user), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["ronde"] = self._ronde()
        ctx["bundel"] = True
        return ctx

    def post(self, request, pk):
        taak = services.ronde_bundel_aanvragen(
            ronde=self._ronde(), gebruiker=request.user, request=request
        )
        return redirect(taak)


class VerslagDetailView(VerantwoordingMixin, TemplateView):
    template_name = "verantwoording/verslag_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        verslag = get_object_or_404(
            selectors.verslagen_voor(user).select_related("ronde", "bestuur", "pdf_taak"),
            pk=self.kwargs["pk"],
        )
        ctx.update(reports.verslag_document(verslag))
        ctx["pdf_taak"] = _pdf_taak(verslag, user)
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


def _pdf_taak(verslag, user) -> dict | None:
    """The document's progress for a submitted/accepted report whose PDF is being made
    (or failed): the task, and whether this user may open it (only who started it)."""
    taak = verslag.pdf_taak
    if taak is None or not verslag.is_ingediend:
        return None
    if taak.status == TaakStatus.GEREED and verslag.pdf_id:
        return None
    return {"taak": taak, "eigen": taak.aangevraagd_door_id == user.pk}


class VerslagPdfView(VerantwoordingMixin, TemplateView):
    """Submitted and accepted reports: the stored document, served as it is. Without one
    (a concept, or while it is being made) GET shows where it stands and a button; POST
    starts making it in the background and shows its progress (/taken/<id>/)."""

    template_name = "verantwoording/pdf_maken.html"

    def _verslag(self):
        return get_object_or_404(
            selectors.verslagen_voor(self.request.user).select_related(
                "ronde", "bestuur", "pdf_taak"
            ),
            pk=self.kwargs["pk"],
        )

    def get(self, request, *args, **kwargs):
        verslag = self._verslag()
        if verslag.pdf_id:
            naam = f"verantwoording-{verslag.ronde.schooljaar_label}-{verslag.bestuur.naam}"
            return documenten.als_response(verslag.pdf, naam)
        return self.render_to_response(
            self.get_context_data(
                verslag=verslag, ronde=verslag.ronde, pdf_taak=_pdf_taak(verslag, request.user)
            )
        )

    def post(self, request, *args, **kwargs):
        verslag = self._verslag()
        taak = services.verslag_pdf_aanvragen(verslag=verslag, gebruiker=request.user)
        if taak is None:  # stored meanwhile
            return redirect("verantwoording:verslag-pdf", pk=verslag.pk)
        return redirect(taak)


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
        self.inhoud = inhoud
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
        tlv = bronnen.kengetallen(
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
            # As `missend`: from the last saved version (the page after a save shows it).
            niet_besteed=bedrag_weergeven(
                niet_besteed(
                    selectors.totaal(self.inhoud["ontvangen"].values()),
                    selectors.totaal(a.bedrag for a in self.inhoud["aanwendingen"]),
                )
            ),
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
        messages.success(
            request,
            f"{stappen.VERSLAG_INDIENEN.melding} "
            + _("De PDF van het ingediende verslag wordt op de achtergrond gemaakt."),
        )
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

    def _render(self, ronde, vraag, form, indicatoren, status=200, **extra):
        return self.render_to_response(
            self.get_context_data(
                ronde=ronde, vraag=vraag, form=form, indicatoren=indicatoren, **extra
            ),
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
        form = VraagForm(instance=vraag, initial={"versie": vraag.versie})
        return self._render(ronde, vraag, form, indicatoren)

    def post(self, request, *args, **kwargs):
        ronde, vraag, met_indicatoren = self._laad()
        form = VraagForm(request.POST, instance=vraag)
        indicatoren = (
            IndicatorFormSet(request.POST, prefix="indicator") if met_indicatoren else None
        )
        if not form.is_valid() or (indicatoren is not None and not indicatoren.is_valid()):
            return self._render(ronde, vraag, form, indicatoren, status=400)
        gegevens = form.cleaned_data
        try:
            services.vraag_wijzigen(
                vraag=vraag,
                gebruiker=request.user,
                gegevens=gegevens,
                indicatoren=indicatoren.regels() if indicatoren is not None else None,
                versie=gegevens["versie"],
            )
        except services.Verouderd as conflict:
            return self._na_conflict(ronde, conflict, gegevens, indicatoren)
        except ValidationError as fout:
            messages.error(request, _melding(fout))
            return redirect(ronde)
        messages.success(request, _("Onderdeel “%(titel)s” opgeslagen.") % {"titel": vraag.titel})
        return redirect(ronde)

    def _na_conflict(self, ronde, conflict, gegevens, indicatoren):
        """Someone saved this part first: the conflict page (409) shows their text and the
        user's side by side; the user's input stays in the form, now on the saved version
        (so saving again is a conscious overwrite)."""
        huidig = conflict.huidig
        data = self.request.POST.copy()
        data["versie"] = str(huidig.versie)
        form = VraagForm(data, instance=Vraag.objects.get(pk=huidig.pk))
        form.is_valid()
        verschillen = [
            (form.fields[veld].label, getattr(huidig, veld), gegevens[veld])
            for veld in ("titel", "kop", "toelichting")
            if getattr(huidig, veld) != gegevens[veld]
        ]
        return self._render(
            ronde,
            huidig,
            form,
            indicatoren,
            status=409,
            conflict=str(conflict),
            verschillen=verschillen,
        )
