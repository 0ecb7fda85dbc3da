"""Thin views: parse input, call one selector or service, render.

Every case is fetched through `selectors.aanvragen_voor(user)` and every part of one
(attachment, beschikking, bezwaar) through its selector in the case's scope, so "not
yours" is a 404; every read of a case page, attachment or PDF is logged with
`swv.audit.bekeken`. The case page's actions come from the step table (ACTIES), its data
from `reports.zaakpagina`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from swv import audit, documenten, workflow
from swv.exports import FORMATEN
from swv.schooljaar import huidig_schooljaar
from swv.views import ZoekPaginator
from swv.workflow import Stap

from . import dubbelcontrole, forms, reports, selectors, services, stappen, validators
from .filters import AanvraagFilter
from .models import Besluit, Bezwaar


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
        zoeken = filterset.is_bound and filterset.form.cleaned_data.get("q")
        paginator = (ZoekPaginator if zoeken else Paginator)(qs, self.paginate_by)
        pagina = paginator.get_page(self.request.GET.get("page"))
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
        try:
            # The aanvraag and its OPP in one service call: all or nothing.
            zaak = services.aanvraag_aanmaken(
                gebruiker=request.user,
                school=form.cleaned_data.get("school"),
                herkomst=form.cleaned_data["herkomst"],
                swv=form.cleaned_data.get("swv"),
                gegevens=form.gegevens(),
                opp=form.cleaned_data.get("opp"),
                request=request,
            )
        except services.DubbeleAanvraag as fout:
            # What the message may say was decided by the service (dubbelcontrole).
            form.add_error(None, fout)
            return self._toon(form, dubbel=fout.bestaande)
        except dubbelcontrole.TeVeelControles as fout:
            form.add_error(None, fout.args[0])
            return self._toon(form, status=429)
        except ValidationError as fout:
            workflow.fout_op_formulier(form, fout)
            return self._toon(form)
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
                zaak.refresh_from_db()
                return render(
                    request,
                    self.template_name,
                    {"form": form, "zaak": zaak, "versie": zaak.versie, "dubbel": fout.bestaande},
                )
            except dubbelcontrole.TeVeelControles as fout:
                form.add_error(None, fout.args[0])
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


@dataclass(frozen=True)
class Actie:
    """One action on the case page, from the step table: the step (permission, service),
    its form, what the service acts on and what it gets from the form."""

    stap: Stap
    formulier: type
    argumenten: Callable  # (form, cleaned_data) -> the service's other arguments
    melding: str
    # (request, zaak) -> the service's object argument; raises PermissionDenied when the
    # user has none (an advies or bezwaar of this case). Default: the case itself.
    onderwerp: Callable | None = None
    # (request, zaak) -> the form's other arguments (its scoped choices).
    opties: Callable = lambda request, zaak: {}
    # (pagina) -> the empty form's initial values, besides the version.
    begin: Callable = lambda pagina: {}
    # (pagina) -> whether the page offers the form, besides the user having the step.
    alleen_als: Callable = lambda pagina: True

    def gebonden(self, request, zaak):
        return self.formulier(request.POST, request.FILES, **self._argumenten(request, zaak))

    def leeg(self, request, zaak, pagina):
        initial = {"versie": zaak.versie, **self.begin(pagina)}
        return self.formulier(initial=initial, **self._argumenten(request, zaak))

    def _argumenten(self, request, zaak) -> dict:
        # The page holds many forms: ids of their own (`toekennen-versie`, `mdo-datum`).
        return {"auto_id": f"{self.stap.naam}-%s", **self.opties(request, zaak)}

    def getoond(self, pagina) -> bool:
        return pagina["mag"][self.stap.permissie.split(".", 1)[1]] and self.alleen_als(pagina)


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


def _bezwaar_stap(stap, formulier, *velden, alleen_als=None) -> Actie:
    """A step of handling the open bezwaar (stappen.BEZWAAR_BEHANDELING), offered when it
    is the next one (`reports.volgende_bezwaarstap`) or, given `alleen_als`, when that
    says so."""

    def getoond(p):
        bezwaar = p["open_bezwaar"]
        if bezwaar is None:
            return False
        if alleen_als is not None:
            return alleen_als(bezwaar)
        return p["volgende_bezwaarstap"] == stap.naam

    return Actie(
        stap,
        formulier,
        _velden("versie", *velden),
        gettext_lazy("De stap in de bezwaarprocedure is vastgelegd."),
        onderwerp=_open_bezwaar,
        alleen_als=getoond,
    )


ACTIES = {
    "indienen": Actie(
        stappen.INDIENEN,
        forms.IndienenForm,
        _velden("versie", "ontvangen_op"),
        gettext_lazy("De aanvraag is ingediend; de beslistermijn loopt."),
    ),
    "verdagen": Actie(
        stappen.VERDAGEN,
        forms.VerdagenForm,
        _velden("versie", "tot", "toelichting"),
        gettext_lazy("De verdaging van de beslistermijn is vastgelegd."),
    ),
    "mdo": Actie(
        stappen.MDO,
        forms.MdoForm,
        lambda form, d: {"versie": d["versie"], "gegevens": form.gegevens()},
        gettext_lazy("Het MDO-oordeel is vastgelegd. Vraag nu twee deskundigen om advies."),
        begin=lambda p: {"ondersteuningsbehoeften": p["zaak"].ondersteuningsbehoeften},
    ),
    "toewijzen": Actie(
        stappen.TOEWIJZEN,
        forms.ToewijzenForm,
        _velden("versie", "deskundige"),
        gettext_lazy("De deskundige is gevraagd om advies."),
        opties=lambda r, z: {"deskundigen": selectors.deskundigen_voor(r.user, z)},
        alleen_als=lambda p: len(p["adviezen"]) < 2,
    ),
    "advies": Actie(
        stappen.ADVIES,
        forms.AdviesForm,
        _velden("toelaatbaar", "motivering", "datum"),
        gettext_lazy("Uw advies is vastgelegd. Dank u wel."),
        onderwerp=_eigen_advies,
        begin=lambda p: {"datum": p["vandaag"]},
    ),
    "beschikking": Actie(
        stappen.TOEKENNEN,
        forms.BeschikkingForm,
        lambda form, d: {
            **_velden("versie", "besluit", "ingangsdatum", "einddatum", "verzonden_op")(form, d),
            "motivering": d.get("motivering") or "",
            "verzendwijze": d["verzendwijze"],
            "aan_naam": d.get("aan_naam") or "",
            "aan_adres": d.get("aan_adres") or "",
        },
        gettext_lazy("De beschikking is afgegeven en opgeslagen."),
        begin=lambda p: {
            "besluit": Besluit.TOEGEKEND if p["eensgezind"] is not False else Besluit.AFGEWEZEN,
            "ingangsdatum": p["zaak"].ingangsdatum,
            "einddatum": p["zaak"].einddatum,
        },
    ),
    "bezwaar": Actie(
        stappen.BEZWAAR,
        forms.BezwaarForm,
        _velden("versie", "indiener", "ontvangen_op", "gronden", "adviescommissie_gemeld"),
        gettext_lazy("Het bezwaar is geregistreerd."),
        begin=lambda p: {"ontvangen_op": p["vandaag"], "adviescommissie_gemeld": True},
        # Once decided, the case is not open to a new bezwaar from this page (beroep).
        alleen_als=lambda p: not p["bezwaar_beslist"],
    ),
    # Each step of handling a bezwaar is offered when it is the next one (in the order
    # of stappen.BEZWAAR_BEHANDELING): `reports.volgende_bezwaarstap`.
    stappen.BEZWAAR_ONTVANGST.naam: _bezwaar_stap(
        stappen.BEZWAAR_ONTVANGST, forms.BezwaarOntvangstForm, "datum"
    ),
    stappen.BEZWAAR_LBT.naam: _bezwaar_stap(
        stappen.BEZWAAR_LBT, forms.BezwaarLbtForm, "verweerschrift"
    ),
    stappen.BEZWAAR_HOORZITTING.naam: _bezwaar_stap(
        stappen.BEZWAAR_HOORZITTING,
        forms.BezwaarHoorzittingForm,
        "uitnodiging_op",
        "hoorzitting_op",
    ),
    stappen.BEZWAAR_ADVIES.naam: _bezwaar_stap(
        stappen.BEZWAAR_ADVIES, forms.BezwaarAdviesForm, "uitkomst", "advies", "datum"
    ),
    stappen.BEZWAAR_VERDAGEN.naam: _bezwaar_stap(
        stappen.BEZWAAR_VERDAGEN,
        forms.VersieForm,
        alleen_als=lambda bezwaar: not bezwaar.verdaagd,
    ),
    "bezwaar_beslissen": Actie(
        stappen.BEZWAAR_TOEGEKEND,
        forms.BezwaarBeslissingForm,
        _velden("versie", "beslissing", "motivering"),
        gettext_lazy(
            "De beslissing op bezwaar is vastgelegd; het besluit op bezwaar wordt gemaakt."
        ),
        onderwerp=_open_bezwaar,
        # After the steps of handling (a late bezwaar may be declared niet-ontvankelijk
        # without them, Awb 7:3), and never before the hearing and the LBT's advice (the
        # transition's guard).
        alleen_als=lambda p: (
            p["open_bezwaar"] is not None
            and (p["volgende_bezwaarstap"] is None or not p["open_bezwaar"].tijdig)
            and p["zaak"].bezwaar_beslisbaar()
        ),
    ),
    "terugplaatsen": Actie(
        stappen.TERUGPLAATSEN,
        forms.TerugplaatsingForm,
        _velden("versie", "datum", "knooppunt_op", "ontvangende_school", "warme_overdracht"),
        gettext_lazy("De terugplaatsing is vastgelegd; de nazorgmomenten zijn gepland."),
        opties=lambda r, z: {"user": r.user, "zaak": z},
    ),
    "nazorg": Actie(
        stappen.NAZORG,
        forms.NazorgForm,
        _velden("moment", "omschrijving", "datum_gepland", "gehouden_op", "bevindingen"),
        gettext_lazy("Het nazorgmoment is vastgelegd."),
        alleen_als=lambda p: p["terugplaatsing"] is not None,
    ),
    "intrekken": Actie(
        stappen.INTREKKEN,
        forms.IntrekkenForm,
        _velden("versie", "toelichting"),
        gettext_lazy("De aanvraag is ingetrokken."),
    ),
    "bijlage": Actie(
        stappen.BIJLAGE,
        forms.BijlageForm,
        _velden("bestand", "soort"),
        gettext_lazy("De bijlage is toegevoegd."),
    ),
}


def detail_context(request, zaak, **formulieren) -> dict:
    """The case page: its view-model (`reports.zaakpagina`) and the form of every action
    of ACTIES the user has now (`<name>_form`; a refused one is passed in bound, with its
    errors); the bezwaar steps also as a list in the order of the step table."""
    pagina = reports.zaakpagina(request.user, zaak)
    for naam, actie in ACTIES.items():
        # A refused form is shown again with its message, even when the step is not
        # offered now (a beslissing before the hearing).
        if naam in formulieren or actie.getoond(pagina):
            pagina[f"{naam}_form"] = formulieren.get(naam) or actie.leeg(request, zaak, pagina)
    pagina["bezwaar_acties"] = [
        (stap, pagina[f"{stap.naam}_form"])
        for stap in stappen.BEZWAAR_BEHANDELING
        if f"{stap.naam}_form" in pagina
    ]
    pagina["formfout"] = next(iter(formulieren), None)
    if "nazorg_form" in pagina:
        pagina.update(_nazorg_formulieren(pagina, formulieren.get("nazorg")))
    return pagina


def _nazorg_formulieren(pagina, fout) -> dict:
    """A form per nazorg moment (its current values) and one for an extra moment; the
    refused one is shown bound, with its errors, in its own place."""
    gekozen = str(fout.data.get("moment") or "") if fout is not None else None
    rijen = []
    for m in pagina["nazorgmomenten"]:
        if gekozen == str(m.pk):
            form = fout
        else:
            form = forms.NazorgForm(
                auto_id=f"nazorg-{m.pk}-%s",
                initial={
                    "moment": m.pk,
                    "omschrijving": m.omschrijving,
                    "datum_gepland": m.datum_gepland,
                    "gehouden_op": m.gehouden_op,
                    "bevindingen": m.bevindingen,
                },
            )
        rijen.append((m, form))
    extra = fout if gekozen == "" else forms.NazorgForm(auto_id="nazorg-nieuw-%s")
    return {"nazorg_rijen": rijen, "nazorg_extra_form": extra}


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
        form = actie.gebonden(request, zaak)
        if not form.is_valid():
            # A role without the step gets 403, not the form's field errors.
            if actie.onderwerp is None and not request.user.has_perm(actie.stap.permissie, zaak):
                raise PermissionDenied
            return self._opnieuw(request, pk, {naam: form})
        service = import_string(actie.stap.service)
        try:
            resultaat = service(
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
        taak = getattr(resultaat, "taak", None)
        if taak is not None:
            # The step's document is made in the background: follow it there.
            return HttpResponseRedirect(taak.get_absolute_url())
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
        bijlage = selectors.bijlage_van(request.user, aanvraag_id=pk, pk=bijlage_pk)
        if not bijlage.bestand.storage.exists(bijlage.bestand.name):
            raise Http404(_("Het bestand van deze bijlage is niet (meer) aanwezig."))
        zaak = bijlage.aanvraag
        audit.vastleggen(
            actie=audit.AuditActie.GEDOWNLOAD,
            request=request,
            obj=bijlage,
            omschrijving=f"{zaak.nummer}: bijlage {bijlage.pk} gedownload",
        )
        # The name it was uploaded with (Django encodes it for Content-Disposition);
        # the extension follows the checked content, not the name.
        extensie = ".pdf" if bijlage.mime == validators.PDF else ".docx"
        naam = bijlage.naam or f"{zaak.nummer}-bijlage-{bijlage.pk}"
        if not naam.lower().endswith(extensie):
            naam = f"{naam.rsplit('.', 1)[0] if '.' in naam else naam}{extensie}"
        response = FileResponse(
            bijlage.bestand.open("rb"),
            as_attachment=True,
            filename=naam,
            content_type=bijlage.mime,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class BeschikkingPdfView(TlvMixin, View):
    brief = False

    def get(self, request, pk):
        # ?ronde= is a round number; anything else (text, a number too large for the
        # database) means the current beschikking, never a 500.
        tekst = request.GET.get("ronde", "")
        ronde = int(tekst) if tekst.isascii() and tekst.isdigit() and len(tekst) <= 9 else None
        besch = selectors.beschikking_van(request.user, aanvraag_id=pk, ronde=ronde)
        zaak = besch.aanvraag
        audit.bekeken(
            request,
            besch,
            f"{zaak.nummer}: {'brief' if self.brief else 'beschikking'} {besch.nummer}",
        )
        naam = f"{'brief-ouders' if self.brief else 'beschikking'}-{besch.nummer}"
        document = besch.brief_pdf if self.brief else besch.pdf
        if document is None:
            # Still being made in the background (or the task failed: /taken/).
            return _wacht(request, zaak)
        response = documenten.als_response(document, naam)
        response["Cache-Control"] = "private, no-store"
        return response


def _wacht(request, zaak, *, bezwaar=None):
    return render(
        request,
        "toelaatbaarheid/document_wacht.html",
        {"zaak": zaak, "bezwaar": bezwaar, "taken_url": reverse("taken")},
    )


class BesluitOpBezwaarView(TlvMixin, View):
    """The besluit op bezwaar as it was sent."""

    def get(self, request, pk, bezwaar_pk):
        bezwaar = selectors.bezwaar_van(request.user, aanvraag_id=pk, pk=bezwaar_pk)
        zaak = bezwaar.aanvraag
        if bezwaar.besluit_pdf_id is None:
            if bezwaar.open:
                raise Http404(_("Op dit bezwaar is nog niet beslist."))
            return _wacht(request, zaak)
        audit.bekeken(request, bezwaar, f"{zaak.nummer}: besluit op bezwaar")
        response = documenten.als_response(
            Bezwaar.objects.select_related("besluit_pdf").get(pk=bezwaar.pk).besluit_pdf,
            f"besluit-op-bezwaar-{zaak.nummer}",
        )
        response["Cache-Control"] = "private, no-store"
        return response


class LbtDossierView(TlvMixin, View):
    """GET: the latest dossier made for the LBT (or a page to make one); POST: make it
    again in the background (after new documents were added)."""

    def _bezwaar(self, request, pk, bezwaar_pk):
        if not request.user.has_perm("toelaatbaarheid.termijnen_bekijken"):
            raise Http404
        return selectors.bezwaar_van(request.user, aanvraag_id=pk, pk=bezwaar_pk)

    def get(self, request, pk, bezwaar_pk):
        bezwaar = self._bezwaar(request, pk, bezwaar_pk)
        zaak = bezwaar.aanvraag
        if bezwaar.lbt_dossier_id is None:
            return _wacht(request, zaak, bezwaar=bezwaar)
        audit.bekeken(request, bezwaar, f"{zaak.nummer}: LBT-dossier")
        response = documenten.als_response(
            Bezwaar.objects.select_related("lbt_dossier").get(pk=bezwaar.pk).lbt_dossier,
            f"lbt-dossier-{zaak.nummer}",
        )
        response["Cache-Control"] = "private, no-store"
        return response

    def post(self, request, pk, bezwaar_pk):
        bezwaar = self._bezwaar(request, pk, bezwaar_pk)
        taak = services.lbt_dossier_starten(gebruiker=request.user, bezwaar=bezwaar)
        return HttpResponseRedirect(taak.get_absolute_url())


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


def _schooljaar(waarde: str | None) -> int:
    """The school year asked for, from 2014 up to next year; otherwise the current one."""
    huidig = huidig_schooljaar()
    try:
        jaar = int(huidig if waarde is None else waarde)
    except ValueError:
        return huidig
    return jaar if 2014 <= jaar <= huidig + 1 else huidig


class KengetallenView(TlvMixin, TemplateView):
    permission_required = "toelaatbaarheid.kengetallen_bekijken"
    template_name = "toelaatbaarheid/kengetallen.html"

    def get(self, request, *args, **kwargs):
        schooljaar = _schooljaar(request.GET.get("schooljaar"))
        gekozen = request.GET.get("swv", "")
        overzicht = reports.kengetallen_overzicht(
            request.user,
            schooljaar=schooljaar,
            swv_id=int(gekozen) if gekozen.isdecimal() else None,
        )
        formaat = request.GET.get("format")
        if formaat in FORMATEN:
            audit.vastleggen(
                actie=audit.AuditActie.GEEXPORTEERD,
                request=request,
                omschrijving=f"TLV-kengetallen {schooljaar}",
            )
            return reports.KENGETALLEN.response(
                formaat,
                reports.kengetallen_rijen(overzicht),
                schooljaar=schooljaar,
                tot=schooljaar + 1,
            )
        return self.render_to_response(self.get_context_data(**overzicht))
