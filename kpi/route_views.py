"""The kengetallen page of the ondersteuningsroute (/kpi/route/): per school, bestuur,
soort, SWV or school year, and the occupancy per voorziening; `?format=csv|xlsx` downloads
the table shown (`&tabel=bezetting` the occupancy). Thin: parse the filters, call
kpi.routekengetallen, render. Who may open it: whoever sees the route's records
(`ondersteuning.bekijken`: SWV staff, trajectbegeleiders, besturen, schools); the figures
are counted over what that user may see. OPR and deskundigen: 403."""

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from swv.audit import AuditActie, vastleggen
from swv.exports import FORMATEN
from swv.forms import DatumVeld
from swv.schooljaar import huidig_schooljaar, schooljaar_label

from . import routekengetallen as rk

AANTAL_JAREN = 6


def _jaren() -> list[int]:
    nu = huidig_schooljaar()
    return list(range(nu, nu - AANTAL_JAREN, -1))


class RouteFilterForm(forms.Form):
    schooljaar = forms.TypedChoiceField(label=_("Schooljaar"), coerce=int, required=False)
    groeperen = forms.ChoiceField(
        label=_("Per"), choices=list(rk.GROEPERINGEN.items()), required=False
    )
    peildatum = DatumVeld(label=_("Bezetting op"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schooljaar"].choices = [(j, schooljaar_label(j)) for j in _jaren()]
        self.fields["schooljaar"].error_messages["invalid_choice"] = _(
            "Kies een schooljaar uit de lijst."
        )
        self.fields["groeperen"].error_messages["invalid_choice"] = _(
            "Kies school, bestuur, soort vraag, samenwerkingsverband of schooljaar."
        )

    def filters(self) -> dict:
        """The chosen filters; a field with bad input falls back to its default (its
        message is shown next to it)."""
        schoon = self.cleaned_data if self.is_bound else {}
        gekozen = {k: v for k, v in schoon.items() if k not in self.errors and v}
        return {
            "schooljaar": gekozen.get("schooljaar") or huidig_schooljaar(),
            "groeperen": gekozen.get("groeperen") or "school",
            "peildatum": gekozen.get("peildatum") or timezone.localdate(),
        }


class RouteKengetallenView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "ondersteuning.bekijken"
    template_name = "kpi/route/kengetallen.html"

    def get(self, request, *args, **kwargs):
        user = request.user
        form = RouteFilterForm(request.GET or None)
        if form.is_bound:
            form.is_valid()
        f = form.filters()
        jaar, groep, peildatum = f["schooljaar"], f["groeperen"], f["peildatum"]
        formaat = request.GET.get("format", "")
        tabel = request.GET.get("tabel", "kengetallen")
        if formaat in FORMATEN and tabel == "bezetting":
            rijen = rk.bezetting(user, peildatum)
            self._audit(request, "bezetting", formaat)
            return rk.BEZETTING.response(
                formaat, rijen, peildatum=peildatum, datum=f"{peildatum:%Y-%m-%d}"
            )
        rijen = rk.kengetallen(user, jaar, groep)
        som = rk.totaal(rijen, jaar=jaar)
        if formaat in FORMATEN:
            self._audit(request, f"kengetallen per {groep}", formaat)
            return rk.kengetallen_export(groep).response(
                formaat, [*rijen, som], groep=groep, jaar=schooljaar_label(jaar)
            )
        filters = request.GET.copy()
        for sleutel in ("format", "tabel"):
            filters.pop(sleutel, None)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                jaar=jaar,
                groep=groep,
                groep_label=rk.GROEPERINGEN[groep],
                rijen=rijen,
                totaal=som,
                bezetting=rk.bezetting(user, peildatum),
                peildatum=peildatum,
                uitleg=rk.UITLEG,
                querystring=filters.urlencode(),
            )
        )

    @staticmethod
    def _audit(request, wat: str, formaat: str) -> None:
        vastleggen(actie=AuditActie.GEEXPORTEERD, request=request,
                   omschrijving=f"Kengetallen ondersteuningsroute ({wat}) geëxporteerd als "
                   f"{formaat}")  # fmt: skip
