"""Thin views: parse input, call one selector or service, render.

Every case is fetched through `selectors.aanvragen_voor(user)`, so "not yours" is a 404;
every read of a case page, attachment or PDF is logged with `swv.audit.bekeken`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from swv import audit, workflow
from swv.exports import FORMATEN, export_response
from swv.pdf import pdf_response
from swv.schooljaar import huidig_schooljaar
from swv.selectors import samenwerkingsverbanden_voor
from swv.workflow import Stap

from . import forms, kengetallen, reports, selectors, services, stappen
from . import termijnen as t
from .filters import AanvraagFilter
from .models import Besluit, Bezwaar, BezwaarBeslissing, Bijlage, Categorie, Soort, Status

# What the case page asks per step of the step table: the permissions on the case itself
# (creating one has no case yet; an advies is asked on the advies, below).
PERMS = sorted(
    {
        stap.permissie.split(".", 1)[1]
        for stap in stappen.STAPPEN
        if stap not in (stappen.AANMAKEN, stappen.ADVIES, stappen.ADVIEZEN_COMPLEET)
    }
)


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
    eigen_adviezen = [a for a in adviezen if user.has_perm(stappen.ADVIES.permissie, a)]
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


@dataclass(frozen=True)
class Actie:
    """One action on the case page, from the step table: the step (permission, service),
    the form, what the service acts on and what it gets from the form's data."""

    stap: Stap
    formulier: Callable  # (request, zaak) -> bound form
    argumenten: Callable  # (form, cleaned_data) -> the service's other arguments
    melding: str
    # (request, zaak) -> the service's object argument; raises PermissionDenied when the
    # user has none (an advies or bezwaar of this case). Default: the case itself.
    onderwerp: Callable | None = None


def _open_bezwaar(request, zaak) -> dict:
    bezwaar = next((b for b in zaak.bezwaren.all() if b.open), None)
    if bezwaar is None:
        raise PermissionDenied
    bezwaar.aanvraag = zaak
    return {"bezwaar": bezwaar}


def _eigen_advies(request, zaak) -> dict:
    advies = next(
        (
            a
            for a in zaak.adviezen.all()
            if str(a.pk) == request.POST.get("advies")
            and request.user.has_perm(stappen.ADVIES.permissie, a)
        ),
        None,
    )
    if advies is None:
        raise PermissionDenied
    return {"advies": advies}


def _velden(*namen, **vast):
    """The service's arguments: these fields of the cleaned data (absent ones as None)."""
    return lambda form, d: {**{n: d.get(n) for n in namen}, **vast}


ACTIES = {
    "indienen": Actie(
        stappen.INDIENEN,
        lambda r, z: forms.IndienenForm(r.POST),
        _velden("versie", "ontvangen_op"),
        gettext_lazy("De aanvraag is ingediend; de beslistermijn loopt."),
    ),
    "verdagen": Actie(
        stappen.VERDAGEN,
        lambda r, z: forms.VerdagenForm(r.POST),
        _velden("versie", "tot", "toelichting"),
        gettext_lazy("De verdaging van de beslistermijn is vastgelegd."),
    ),
    "mdo": Actie(
        stappen.MDO,
        lambda r, z: forms.MdoForm(r.POST),
        lambda form, d: {"versie": d["versie"], "gegevens": form.gegevens()},
        gettext_lazy("Het MDO-oordeel is vastgelegd. Vraag nu twee deskundigen om advies."),
    ),
    "toewijzen": Actie(
        stappen.TOEWIJZEN,
        lambda r, z: forms.ToewijzenForm(r.POST, deskundigen=selectors.deskundigen_voor(r.user, z)),
        _velden("versie", "deskundige"),
        gettext_lazy("De deskundige is gevraagd om advies."),
    ),
    "advies": Actie(
        stappen.ADVIES,
        lambda r, z: forms.AdviesForm(r.POST),
        _velden("toelaatbaar", "motivering", "datum"),
        gettext_lazy("Uw advies is vastgelegd. Dank u wel."),
        onderwerp=_eigen_advies,
    ),
    "beschikking": Actie(
        stappen.TOEKENNEN,
        lambda r, z: forms.BeschikkingForm(r.POST),
        lambda form, d: {
            **_velden("versie", "besluit", "ingangsdatum", "einddatum", "verzonden_op")(form, d),
            "motivering": d.get("motivering") or "",
            "verzendwijze": d["verzendwijze"],
        },
        gettext_lazy("De beschikking is afgegeven en opgeslagen."),
    ),
    "bezwaar": Actie(
        stappen.BEZWAAR,
        lambda r, z: forms.BezwaarForm(r.POST),
        _velden("versie", "indiener", "ontvangen_op", "gronden", "adviescommissie_gemeld"),
        gettext_lazy("Het bezwaar is geregistreerd."),
    ),
    "bezwaar_stap": Actie(
        stappen.BEZWAAR_STAP,
        lambda r, z: forms.BezwaarStapForm(r.POST),
        lambda form, d: {"versie": d["versie"], "stap": d["stap"], "gegevens": d},
        gettext_lazy("De stap in de bezwaarprocedure is vastgelegd."),
        onderwerp=_open_bezwaar,
    ),
    "bezwaar_beslissen": Actie(
        stappen.BEZWAAR_TOEGEKEND,
        lambda r, z: forms.BezwaarBeslissingForm(r.POST),
        _velden("versie", "beslissing", "motivering"),
        gettext_lazy("De beslissing op bezwaar is vastgelegd."),
        onderwerp=_open_bezwaar,
    ),
    "terugplaatsen": Actie(
        stappen.TERUGPLAATSEN,
        lambda r, z: forms.TerugplaatsingForm(r.POST, user=r.user),
        _velden("versie", "datum", "knooppunt_op", "ontvangende_school", "warme_overdracht"),
        gettext_lazy("De terugplaatsing is vastgelegd."),
    ),
    "intrekken": Actie(
        stappen.INTREKKEN,
        lambda r, z: forms.IntrekkenForm(r.POST),
        _velden("versie", "toelichting"),
        gettext_lazy("De aanvraag is ingetrokken."),
    ),
    "bijlage": Actie(
        stappen.BIJLAGE,
        lambda r, z: forms.BijlageForm(r.POST, r.FILES),
        _velden("bestand", "soort"),
        gettext_lazy("De bijlage is toegevoegd."),
    ),
}


class ActieView(TlvMixin, View):
    """POST endpoints for the steps on the case page, one per entry of ACTIES. On a
    refused step the case page is shown again with the message next to the field
    (status 400), nothing saved."""

    def post(self, request, pk, actie):
        if actie == "herbeoordeling":
            return self._herbeoordeling(request, pk)
        if actie not in ACTIES:
            raise Http404
        naam, actie = actie, ACTIES[actie]
        zaak = selectors.aanvraag_detail(request.user, pk)
        onderwerp = actie.onderwerp(request, zaak) if actie.onderwerp else {"aanvraag": zaak}
        form = actie.formulier(request, zaak)
        if not form.is_valid():
            # A role without the step gets 403, not the form's field errors.
            if actie.onderwerp is None and not request.user.has_perm(actie.stap.permissie, zaak):
                raise PermissionDenied
            return self._opnieuw(request, pk, {naam: form})
        service = import_string(actie.stap.service)
        try:
            service(
                gebruiker=request.user,
                request=request,
                **onderwerp,
                **actie.argumenten(form, form.cleaned_data),
            )
        except (workflow.VerouderdeVersie, workflow.AlGezet) as fout:
            (messages.error if isinstance(fout, workflow.VerouderdeVersie) else messages.info)(
                request, fout.messages[0]
            )
            return HttpResponseRedirect(zaak.get_absolute_url())
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
            return self._opnieuw(request, pk, {naam: form})
        messages.success(request, actie.melding)
        return HttpResponseRedirect(zaak.get_absolute_url())

    def _opnieuw(self, request, pk, formulieren):
        zaak = selectors.aanvraag_detail(request.user, pk)
        return render(
            request,
            "toelaatbaarheid/detail.html",
            detail_context(request, zaak, **formulieren),
            status=400,
        )

    def _herbeoordeling(self, request, pk):
        zaak = selectors.aanvraag_detail(request.user, pk)
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
        messages.success(
            request, _("De herbeoordeling is gestart als %(n)s.") % {"n": nieuw.nummer}
        )
        return HttpResponseRedirect(nieuw.get_absolute_url())


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


class KengetallenView(TlvMixin, TemplateView):
    permission_required = "toelaatbaarheid.kengetallen_bekijken"
    template_name = "toelaatbaarheid/kengetallen.html"

    def get(self, request, *args, **kwargs):
        huidig = huidig_schooljaar()
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
            kolommen, rijen = reports.kengetallen_tabel(swvs, per_swv, per_bestuur, per_school)
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
            kolommen=reports.KENGETAL_KOLOMMEN,
            totaal={k: sum(r[k] for r in per_swv.values()) for k, _l in reports.KENGETAL_KOLOMMEN},
        )
        return self.render_to_response(ctx)
