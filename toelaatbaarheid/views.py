"""Thin views: parse input, call one selector or service, render.

Every case is fetched through `selectors.aanvragen_voor(user)`, so "not yours" is a 404;
every read of a case page, attachment or PDF is logged with `swv.audit.bekeken`.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from swv import audit, workflow
from swv.exports import FORMATEN, export_response
from swv.pdf import pdf_response
from swv.selectors import samenwerkingsverbanden_voor

from . import forms, kengetallen, reports, selectors, services
from . import termijnen as t
from .filters import AanvraagFilter
from .models import Besluit, Bezwaar, BezwaarBeslissing, Bijlage, Categorie, Soort, Status

PERMS = [
    "aanvraag_wijzigen",
    "beslistermijn_verdagen",
    "bijlage_toevoegen",
    "indienen",
    "mdo_vastleggen",
    "deskundige_toewijzen",
    "beschikking_afgeven",
    "bezwaar_registreren",
    "bezwaar_behandelen",
    "bezwaar_beslissen",
    "terugplaatsen",
    "herbeoordeling_starten",
    "intrekken",
]


class TlvMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "toelaatbaarheid.bekijken"


class IndexView(TlvMixin, TemplateView):
    template_name = "toelaatbaarheid/index.html"
    paginate_by = 25

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        filterset = AanvraagFilter(
            self.request.GET or None,
            queryset=selectors.aanvraag_lijst(self.request.user),
            request=self.request,
        )
        qs = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        pagina = Paginator(qs, self.paginate_by).get_page(self.request.GET.get("page"))
        ctx.update(
            filter=filterset,
            pagina=pagina,
            zaken=pagina.object_list,
            mag_maken=self.request.user.has_perm("toelaatbaarheid.aanvraag_maken"),
            mag_termijnen=self.request.user.has_perm("toelaatbaarheid.termijnen_bekijken"),
        )
        return ctx


class NieuwView(TlvMixin, View):
    permission_required = "toelaatbaarheid.aanvraag_maken"
    template_name = "toelaatbaarheid/aanvraag_form.html"

    def get(self, request):
        return self._toon(forms.AanvraagForm(user=request.user))

    def _toon(self, form, dubbel=None, status=200):
        return render(
            request=self.request,
            template_name=self.template_name,
            context={"form": form, "dubbel": dubbel, "nieuw": True},
            status=status,
        )

    def post(self, request):
        form = forms.AanvraagForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self._toon(form)
        opp = form.cleaned_data.get("opp")
        if opp:
            try:
                services.bestand_controleren(opp)
            except ValidationError as fout:
                form.add_error("opp", fout)
                return self._toon(form)
        try:
            zaak = services.aanvraag_aanmaken(
                gebruiker=request.user,
                school=form.cleaned_data["school"],
                gegevens=form.gegevens(),
                request=request,
            )
        except services.DubbeleAanvraag as fout:
            form.add_error(None, fout)
            zichtbaar = selectors.aanvragen_voor(request.user).filter(pk=fout.bestaande.pk).exists()
            return self._toon(form, dubbel={"zaak": fout.bestaande, "zichtbaar": zichtbaar})
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
            return self._toon(form)
        if opp:
            services.bijlage_toevoegen(
                gebruiker=request.user, aanvraag=zaak, bestand=opp, soort="opp", request=request
            )
        messages.success(request, _("Aanvraag %(n)s is aangemaakt.") % {"n": zaak.nummer})
        return HttpResponseRedirect(zaak.get_absolute_url())


class WijzigenView(TlvMixin, View):
    template_name = "toelaatbaarheid/aanvraag_form.html"

    def _zaak(self):
        zaak = get_object_or_404(selectors.aanvragen_voor(self.request.user), pk=self.kwargs["pk"])
        if not self.request.user.has_perm("toelaatbaarheid.aanvraag_wijzigen", zaak):
            raise PermissionDenied
        return zaak

    def _toon(self, form, zaak):
        return render(
            self.request,
            self.template_name,
            {"form": form, "zaak": zaak, "versie": zaak.versie},
        )

    def get(self, request, pk):
        zaak = self._zaak()
        audit.bekeken(request, zaak, f"{zaak.nummer} wijzigen")
        return self._toon(forms.AanvraagForm(instance=zaak, user=request.user), zaak)

    def post(self, request, pk):
        zaak = self._zaak()
        form = forms.AanvraagForm(request.POST, instance=zaak, user=request.user)
        try:
            versie = int(request.POST.get("versie", ""))
        except ValueError:
            versie = -1
        if form.is_valid():
            try:
                services.aanvraag_wijzigen(
                    gebruiker=request.user,
                    aanvraag=zaak,
                    versie=versie,
                    gegevens=form.gegevens(),
                    request=request,
                )
            except services.DubbeleAanvraag as fout:
                form.add_error(None, fout)
            except ValidationError as fout:
                workflow.fout_op_formulier(form, fout)
            else:
                messages.success(request, _("De wijzigingen zijn opgeslagen."))
                return HttpResponseRedirect(zaak.get_absolute_url())
        zaak.refresh_from_db()
        return self._toon(form, zaak)


class DetailView(TlvMixin, View):
    template_name = "toelaatbaarheid/detail.html"

    def get(self, request, pk):
        zaak = selectors.aanvraag_detail(request.user, pk)
        audit.bekeken(request, zaak, f"{zaak.nummer} bekeken")
        return render(request, self.template_name, detail_context(request, zaak))


def detail_context(request, zaak, **formulieren) -> dict:
    user = request.user
    mag = {p: user.has_perm(f"toelaatbaarheid.{p}", zaak) for p in PERMS}
    adviezen = list(zaak.adviezen.all())
    eigen_adviezen = [a for a in adviezen if user.has_perm("toelaatbaarheid.advies_geven", a)]
    v = {"versie": zaak.versie}
    gelijk = t.gelijkgestelde_dagen()
    inst = selectors.instellingen_voor(zaak.swv_id)
    termijnen = selectors.termijnen_van(zaak, gelijkgesteld=gelijk, instellingen=inst)
    vandaag = timezone.localdate()
    beslis = next(
        (x for x in termijnen if x.omschrijving.startswith("Beslistermijn aanvraag")), None
    )
    ctx = {
        "zaak": zaak,
        "mag": mag,
        "adviezen": adviezen,
        "eigen_adviezen": eigen_adviezen,
        "beschikkingen": list(zaak.beschikkingen.all()),
        "bezwaren": list(zaak.bezwaren.all()),
        "historie": list(zaak.historie.all()),
        "bijlagen": list(zaak.bijlagen.all()),
        "herbeoordelingen": list(zaak.herbeoordelingen.all()),
        "ontbrekend": services.ontbrekend(zaak) if zaak.status == Status.CONCEPT else [],
        "termijnen": termijnen,
        "volgende_termijn": termijnen[0] if termijnen else None,
        "vandaag": vandaag,
        "dwangsom_risico": beslis is not None and beslis.te_laat(vandaag),
        "dwangsom_max": t.dwangsom(date(2000, 1, 1), date(2001, 1, 1)),
        "eensgezind": services.adviezen_eensgezind(zaak),
        "mdo": getattr(zaak, "mdo", None),
        "terugplaatsing": getattr(zaak, "terugplaatsing", None),
    }
    if mag["indienen"]:
        ctx["indienen_form"] = formulieren.get("indienen") or forms.IndienenForm(initial=v)
    if mag["beslistermijn_verdagen"]:
        ctx["verdagen_form"] = formulieren.get("verdagen") or forms.VerdagenForm(initial=v)
    if mag["mdo_vastleggen"]:
        ctx["mdo_form"] = formulieren.get("mdo") or forms.MdoForm(
            initial={**v, "ondersteuningsbehoeften": zaak.ondersteuningsbehoeften}
        )
    if mag["deskundige_toewijzen"] and len(adviezen) < 2:
        ctx["toewijzen_form"] = formulieren.get("toewijzen") or forms.ToewijzenForm(
            initial=v, deskundigen=selectors.deskundigen_voor(user, zaak)
        )
    if eigen_adviezen:
        ctx["advies_form"] = formulieren.get("advies") or forms.AdviesForm(
            initial={"datum": vandaag}
        )
    if mag["beschikking_afgeven"]:
        ctx["beschikking_form"] = formulieren.get("beschikking") or forms.BeschikkingForm(
            initial={
                **v,
                "besluit": Besluit.TOEGEKEND
                if ctx["eensgezind"] is not False
                else Besluit.AFGEWEZEN,
                "ingangsdatum": zaak.ingangsdatum,
                "einddatum": zaak.einddatum,
            }
        )
    if mag["bezwaar_registreren"]:
        ctx["bezwaar_form"] = formulieren.get("bezwaar") or forms.BezwaarForm(
            initial={**v, "ontvangen_op": vandaag, "adviescommissie_gemeld": True}
        )
    if mag["bezwaar_behandelen"]:
        ctx["stap_form"] = formulieren.get("bezwaar_stap") or forms.BezwaarStapForm(initial=v)
        ctx["open_bezwaar"] = next((b for b in ctx["bezwaren"] if b.open), None)
    if mag["bezwaar_beslissen"]:
        ctx["beslissing_form"] = formulieren.get(
            "bezwaar_beslissen"
        ) or forms.BezwaarBeslissingForm(initial=v)
    if mag["terugplaatsen"]:
        ctx["terugplaatsing_form"] = formulieren.get("terugplaatsen") or forms.TerugplaatsingForm(
            initial=v, user=user
        )
    if mag["intrekken"]:
        ctx["intrekken_form"] = formulieren.get("intrekken") or forms.IntrekkenForm(initial=v)
    if mag["bijlage_toevoegen"]:
        ctx["bijlage_form"] = formulieren.get("bijlage") or forms.BijlageForm()
    ctx["formfout"] = next(iter(formulieren), None)
    return ctx


class ActieView(TlvMixin, View):
    """POST endpoints for the steps on the case page. On a refused step the case page is
    shown again with the message next to the field (status 400), nothing saved."""

    def post(self, request, pk, actie):
        zaak = selectors.aanvraag_detail(request.user, pk)
        handler = getattr(self, f"actie_{actie}", None)
        if handler is None:
            raise Http404
        try:
            resultaat = handler(request, zaak)
        except PermissionDenied:
            raise
        if isinstance(resultaat, dict):
            zaak = selectors.aanvraag_detail(request.user, pk)
            return render(
                request,
                "toelaatbaarheid/detail.html",
                detail_context(request, zaak, **resultaat),
                status=400,
            )
        return resultaat

    def _klaar(self, zaak, tekst):
        messages.success(self.request, tekst)
        return HttpResponseRedirect(zaak.get_absolute_url())

    # The permission behind each step. The service checks it again when it runs; here it
    # decides before the form is judged, so a role without the step gets 403, not the
    # form's field errors.
    PERMISSIES = {
        "indienen": "toelaatbaarheid.indienen",
        "verdagen": "toelaatbaarheid.beslistermijn_verdagen",
        "mdo": "toelaatbaarheid.mdo_vastleggen",
        "toewijzen": "toelaatbaarheid.deskundige_toewijzen",
        "beschikking": "toelaatbaarheid.beschikking_afgeven",
        "bezwaar": "toelaatbaarheid.bezwaar_registreren",
        "bezwaar_stap": "toelaatbaarheid.bezwaar_behandelen",
        "bezwaar_beslissen": "toelaatbaarheid.bezwaar_beslissen",
        "terugplaatsen": "toelaatbaarheid.terugplaatsen",
        "intrekken": "toelaatbaarheid.intrekken",
        "bijlage": "toelaatbaarheid.bijlage_toevoegen",
    }

    def _uitvoeren(self, naam, form, zaak, functie, tekst):
        if not form.is_valid():
            permissie = self.PERMISSIES.get(naam)
            if permissie and not self.request.user.has_perm(permissie, zaak):
                raise PermissionDenied
            return {naam: form}
        try:
            functie(form.cleaned_data)
        except workflow.VerouderdeVersie as fout:
            messages.error(self.request, fout.messages[0])
            return HttpResponseRedirect(zaak.get_absolute_url())
        except ValidationError as fout:
            if isinstance(fout, workflow.AlGezet):
                messages.info(self.request, fout.messages[0])
                return HttpResponseRedirect(zaak.get_absolute_url())
            workflow.fout_op_formulier(form, fout)
            return {naam: form}
        return self._klaar(zaak, tekst)

    def actie_indienen(self, request, zaak):
        form = forms.IndienenForm(request.POST)
        return self._uitvoeren(
            "indienen",
            form,
            zaak,
            lambda d: services.aanvraag_indienen(
                gebruiker=request.user,
                aanvraag=zaak,
                versie=d["versie"],
                ontvangen_op=d.get("ontvangen_op"),
                request=request,
            ),
            _("De aanvraag is ingediend; de beslistermijn loopt."),
        )

    def actie_verdagen(self, request, zaak):
        form = forms.VerdagenForm(request.POST)
        return self._uitvoeren(
            "verdagen",
            form,
            zaak,
            lambda d: services.beslistermijn_verdagen(
                gebruiker=request.user,
                aanvraag=zaak,
                versie=d["versie"],
                tot=d["tot"],
                toelichting=d["toelichting"],
                request=request,
            ),
            _("De verdaging van de beslistermijn is vastgelegd."),
        )

    def actie_mdo(self, request, zaak):
        form = forms.MdoForm(request.POST)
        return self._uitvoeren(
            "mdo",
            form,
            zaak,
            lambda d: services.mdo_vastleggen(
                gebruiker=request.user,
                aanvraag=zaak,
                versie=d["versie"],
                gegevens=form.gegevens(),
                request=request,
            ),
            _("Het MDO-oordeel is vastgelegd. Vraag nu twee deskundigen om advies."),
        )

    def actie_toewijzen(self, request, zaak):
        form = forms.ToewijzenForm(
            request.POST, deskundigen=selectors.deskundigen_voor(request.user, zaak)
        )
        return self._uitvoeren(
            "toewijzen",
            form,
            zaak,
            lambda d: services.deskundige_toewijzen(
                gebruiker=request.user,
                aanvraag=zaak,
                deskundige=d["deskundige"],
                versie=d["versie"],
                request=request,
            ),
            _("De deskundige is gevraagd om advies."),
        )

    def actie_advies(self, request, zaak):
        form = forms.AdviesForm(request.POST)
        advies = next(
            (
                a
                for a in zaak.adviezen.all()
                if str(a.pk) == request.POST.get("advies")
                and request.user.has_perm("toelaatbaarheid.advies_geven", a)
            ),
            None,
        )
        if advies is None:
            raise PermissionDenied
        return self._uitvoeren(
            "advies",
            form,
            zaak,
            lambda d: services.advies_geven(
                gebruiker=request.user,
                advies=advies,
                toelaatbaar=d["toelaatbaar"],
                motivering=d["motivering"],
                datum=d["datum"],
                request=request,
            ),
            _("Uw advies is vastgelegd. Dank u wel."),
        )

    def actie_beschikking(self, request, zaak):
        form = forms.BeschikkingForm(request.POST)
        return self._uitvoeren(
            "beschikking",
            form,
            zaak,
            lambda d: services.beschikking_afgeven(
                gebruiker=request.user,
                aanvraag=zaak,
                versie=d["versie"],
                besluit=d["besluit"],
                motivering=d.get("motivering") or "",
                ingangsdatum=d.get("ingangsdatum"),
                einddatum=d.get("einddatum"),
                verzonden_op=d.get("verzonden_op"),
                verzendwijze=d["verzendwijze"],
                request=request,
            ),
            _("De beschikking is afgegeven en opgeslagen."),
        )

    def actie_bezwaar(self, request, zaak):
        form = forms.BezwaarForm(request.POST)
        return self._uitvoeren(
            "bezwaar",
            form,
            zaak,
            lambda d: services.bezwaar_registreren(
                gebruiker=request.user,
                aanvraag=zaak,
                versie=d["versie"],
                indiener=d["indiener"],
                ontvangen_op=d["ontvangen_op"],
                gronden=d["gronden"],
                adviescommissie_gemeld=d["adviescommissie_gemeld"],
                request=request,
            ),
            _("Het bezwaar is geregistreerd."),
        )

    def _open_bezwaar(self, zaak) -> Bezwaar:
        bezwaar = next((b for b in zaak.bezwaren.all() if b.open), None)
        if bezwaar is None:
            raise PermissionDenied
        bezwaar.aanvraag = zaak
        return bezwaar

    def actie_bezwaar_stap(self, request, zaak):
        form = forms.BezwaarStapForm(request.POST)
        bezwaar = self._open_bezwaar(zaak)
        return self._uitvoeren(
            "bezwaar_stap",
            form,
            zaak,
            lambda d: services.bezwaar_stap(
                gebruiker=request.user,
                bezwaar=bezwaar,
                versie=d["versie"],
                stap=d["stap"],
                gegevens=d,
                request=request,
            ),
            _("De stap in de bezwaarprocedure is vastgelegd."),
        )

    def actie_bezwaar_beslissen(self, request, zaak):
        form = forms.BezwaarBeslissingForm(request.POST)
        bezwaar = self._open_bezwaar(zaak)
        return self._uitvoeren(
            "bezwaar_beslissen",
            form,
            zaak,
            lambda d: services.bezwaar_beslissen(
                gebruiker=request.user,
                bezwaar=bezwaar,
                versie=d["versie"],
                beslissing=d["beslissing"],
                motivering=d["motivering"],
                request=request,
            ),
            _("De beslissing op bezwaar is vastgelegd."),
        )

    def actie_terugplaatsen(self, request, zaak):
        form = forms.TerugplaatsingForm(request.POST, user=request.user)
        return self._uitvoeren(
            "terugplaatsen",
            form,
            zaak,
            lambda d: services.terugplaatsing_vastleggen(
                gebruiker=request.user,
                aanvraag=zaak,
                versie=d["versie"],
                datum=d["datum"],
                knooppunt_op=d["knooppunt_op"],
                ontvangende_school=d["ontvangende_school"],
                warme_overdracht=d["warme_overdracht"],
                request=request,
            ),
            _("De terugplaatsing is vastgelegd."),
        )

    def actie_intrekken(self, request, zaak):
        form = forms.IntrekkenForm(request.POST)
        return self._uitvoeren(
            "intrekken",
            form,
            zaak,
            lambda d: services.aanvraag_intrekken(
                gebruiker=request.user,
                aanvraag=zaak,
                versie=d["versie"],
                toelichting=d["toelichting"],
                request=request,
            ),
            _("De aanvraag is ingetrokken."),
        )

    def actie_bijlage(self, request, zaak):
        form = forms.BijlageForm(request.POST, request.FILES)
        return self._uitvoeren(
            "bijlage",
            form,
            zaak,
            lambda d: services.bijlage_toevoegen(
                gebruiker=request.user,
                aanvraag=zaak,
                bestand=d["bestand"],
                soort=d["soort"],
                request=request,
            ),
            _("De bijlage is toegevoegd."),
        )

    def actie_herbeoordeling(self, request, zaak):
        try:
            nieuw = services.herbeoordeling_starten(
                gebruiker=request.user, aanvraag=zaak, request=request
            )
        except services.DubbeleAanvraag as fout:
            messages.error(request, fout.messages[0])
            return HttpResponseRedirect(fout.bestaande.get_absolute_url())
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
            return HttpResponseRedirect(zaak.get_absolute_url())
        return self._klaar(
            nieuw, _("De herbeoordeling is gestart als %(n)s.") % {"n": nieuw.nummer}
        )


class BijlageView(TlvMixin, View):
    def get(self, request, pk, bijlage_pk):
        zaak = get_object_or_404(selectors.aanvragen_voor(request.user), pk=pk)
        bijlage = get_object_or_404(Bijlage, pk=bijlage_pk, aanvraag=zaak)
        if not bijlage.bestand.storage.exists(bijlage.bestand.name):
            raise Http404(_("Het bestand van deze bijlage is niet (meer) aanwezig."))
        audit.vastleggen(
            actie=audit.AuditActie.GEDOWNLOAD,
            request=request,
            obj=bijlage,
            omschrijving=f"{zaak.nummer}: bijlage {bijlage.pk} gedownload",
        )
        extensie = ".pdf" if bijlage.mime == "application/pdf" else ".docx"
        response = FileResponse(
            bijlage.bestand.open("rb"),
            as_attachment=True,
            filename=f"{zaak.nummer}-bijlage-{bijlage.pk}{extensie}",
            content_type=bijlage.mime,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class BeschikkingPdfView(TlvMixin, View):
    brief = False

    def get(self, request, pk):
        zaak = get_object_or_404(selectors.aanvragen_voor(request.user), pk=pk)
        besch = zaak.beschikkingen.select_related("swv").order_by("-actueel", "-ronde").first()
        if besch is None:
            raise Http404
        if request.GET.get("ronde"):
            besch = get_object_or_404(
                zaak.beschikkingen.select_related("swv"), ronde=request.GET["ronde"]
            )
        audit.bekeken(
            request,
            besch,
            f"{zaak.nummer}: {'brief' if self.brief else 'beschikking'} {besch.nummer}",
        )
        naam = f"{'brief-ouders' if self.brief else 'beschikking'}-{besch.nummer}"
        response = pdf_response(bytes(besch.brief_pdf if self.brief else besch.pdf), naam)
        response["Cache-Control"] = "private, no-store"
        return response


class LbtDossierView(TlvMixin, View):
    def get(self, request, pk, bezwaar_pk):
        zaak = get_object_or_404(selectors.aanvragen_voor(request.user), pk=pk)
        if not request.user.has_perm("toelaatbaarheid.termijnen_bekijken"):
            raise Http404
        bezwaar = get_object_or_404(
            Bezwaar.objects.select_related("beschikking__swv", "aanvraag__swv", "aanvraag__school"),
            pk=bezwaar_pk,
            aanvraag=zaak,
        )
        audit.bekeken(request, bezwaar, f"{zaak.nummer}: LBT-dossier")
        response = pdf_response(reports.lbt_dossier_pdf(bezwaar), f"lbt-dossier-{zaak.nummer}")
        response["Cache-Control"] = "private, no-store"
        return response


class TermijnenView(TlvMixin, TemplateView):
    permission_required = "toelaatbaarheid.termijnen_bekijken"
    template_name = "toelaatbaarheid/termijnen.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        vandaag = timezone.localdate()
        rijen = selectors.lopende_termijnen(self.request.user)
        ctx["te_laat"] = [(z, tm) for z, tm in rijen if tm.te_laat(vandaag)]
        ctx["komend"] = [(z, tm) for z, tm in rijen if not tm.te_laat(vandaag)]
        ctx["vandaag"] = vandaag
        ctx["max_zaken"] = selectors.MAX_TERMIJN_ZAKEN
        return ctx


class HerbeoordelingView(TlvMixin, TemplateView):
    permission_required = "toelaatbaarheid.herbeoordeling_bekijken"
    template_name = "toelaatbaarheid/herbeoordeling.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["rijen"] = selectors.herbeoordeling_werklijst(self.request.user)
        ctx["vandaag"] = timezone.localdate()
        return ctx


KENGETAL_KOLOMMEN = [
    ("aanvragen", "Aanvragen"),
    ("toegekend_sbo", "Toegekend SBO"),
    ("toegekend_so", "Toegekend SO"),
    ("afgewezen", "Afgewezen"),
    ("bezwaren", "Bezwaren"),
    ("terugplaatsingen", "Terugplaatsingen"),
]


class KengetallenView(TlvMixin, TemplateView):
    permission_required = "toelaatbaarheid.kengetallen_bekijken"
    template_name = "toelaatbaarheid/kengetallen.html"

    def get(self, request, *args, **kwargs):
        huidig = kengetallen.schooljaar_van(timezone.localdate())
        try:
            schooljaar = int(request.GET.get("schooljaar", huidig))
        except ValueError:
            schooljaar = huidig
        if not 2014 <= schooljaar <= huidig + 1:
            schooljaar = huidig
        swv_qs = samenwerkingsverbanden_voor(request.user)
        gekozen = request.GET.get("swv")
        if gekozen and gekozen.isdigit():
            swv_qs = swv_qs.filter(pk=int(gekozen))
        swvs = list(swv_qs.order_by("code"))
        per_swv = kengetallen.swv_kengetallen(schooljaar=schooljaar, swv_ids=[s.pk for s in swvs])
        per_bestuur = kengetallen.per_bestuur_in_swvs(
            schooljaar=schooljaar, swv_ids=[s.pk for s in swvs]
        )
        per_school = kengetallen.per_school_in_swvs(
            schooljaar=schooljaar, swv_ids=[s.pk for s in swvs]
        )
        per_soort = kengetallen.per_categorie(schooljaar=schooljaar, swv_ids=[s.pk for s in swvs])
        for rij in per_soort:
            rij["besluit_label"] = Besluit(rij["besluit"]).label
            rij["soort_label"] = Soort(rij["soort"]).label
            rij["categorie_label"] = Categorie(rij["categorie"]).label if rij["categorie"] else ""
        bezwaar_uitkomsten = kengetallen.bezwaar_uitkomsten(
            schooljaar=schooljaar, swv_ids=[s.pk for s in swvs]
        )
        formaat = request.GET.get("format")
        if formaat in FORMATEN:
            audit.vastleggen(
                actie=audit.AuditActie.GEEXPORTEERD,
                request=request,
                omschrijving=f"TLV-kengetallen {schooljaar}",
            )
            kolommen = (
                ["Niveau", "Code/nummer", "Naam"]
                + [k[1] for k in KENGETAL_KOLOMMEN]
                + [
                    "Doorlooptijd mediaan (dagen)",
                    "Doorlooptijd p90 (dagen)",
                ]
            )
            rijen = (
                [
                    ["SWV", s.code, s.naam]
                    + [per_swv[s.pk][k] for k, _l in KENGETAL_KOLOMMEN]
                    + [
                        per_swv[s.pk]["doorlooptijd_mediaan_dagen"],
                        per_swv[s.pk]["doorlooptijd_p90_dagen"],
                    ]
                    for s in swvs
                ]
                + [
                    ["Bestuur", b["bestuur"].nummer, b["bestuur"].naam]
                    + [b["tellingen"][k] for k, _l in KENGETAL_KOLOMMEN]
                    + [None, None]
                    for b in per_bestuur
                ]
                + [
                    ["School", r["school"].vestigingscode, r["school"].naam]
                    + [r["tellingen"][k] for k, _l in KENGETAL_KOLOMMEN]
                    + [None, None]
                    for r in per_school
                ]
            )
            return export_response(
                formaat, f"tlv-kengetallen-{schooljaar}-{schooljaar + 1}", kolommen, rijen
            )
        ctx = self.get_context_data(
            schooljaar=schooljaar,
            schooljaren=list(range(huidig, huidig - 6, -1)),
            swv_keuze=samenwerkingsverbanden_voor(request.user).order_by("code"),
            gekozen_swv=int(gekozen) if gekozen and gekozen.isdigit() else None,
            swv_rijen=[(s, per_swv[s.pk]) for s in swvs],
            bestuur_rijen=per_bestuur,
            school_rijen=per_school,
            per_soort=per_soort,
            bezwaar_uitkomsten={
                (BezwaarBeslissing(k).label if k else _("nog niet beslist")): n
                for k, n in bezwaar_uitkomsten.items()
            },
            kolommen=KENGETAL_KOLOMMEN,
            totaal={k: sum(r[k] for r in per_swv.values()) for k, _l in KENGETAL_KOLOMMEN},
        )
        return self.render_to_response(ctx)
