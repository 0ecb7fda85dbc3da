from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views.generic import DetailView, FormView, TemplateView
from django_filters.views import FilterView
from rules.contrib.views import PermissionRequiredMixin

from . import aandacht, duo, selectors, services
from .filters import BestuurFilter, GemeenteFilter, SchoolFilter, SwvFilter
from .forms import DuoImportForm
from .models import Schoolsoort


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "swv/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["aandachtspunten"] = aandacht.punten_voor(user)
        ctx["samenwerkingsverbanden"] = selectors.samenwerkingsverbanden_voor(user)
        return ctx


class OrganisatieMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = "swv.organisatie_bekijken"


class OrganisatieIndexView(OrganisatieMixin, TemplateView):
    template_name = "swv/index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["swvs"] = selectors.swv_lijst(user)
        ctx["aantallen"] = {
            "besturen": selectors.besturen_voor(user).count(),
            "scholen": selectors.scholen_voor(user).count(),
            "gemeenten": selectors.gemeenten_voor(user).count(),
        }
        return ctx


def binnen_bereik(request, lezen, pk, stap=None):
    """The object `lezen(user, pk)` finds in the user's scope (else 404: out of scope is
    'does not exist'), on which the user may take `stap` (else 403, before any form is
    read)."""
    try:
        obj = lezen(request.user, pk)
    except ObjectDoesNotExist:
        raise Http404 from None
    if stap is not None and not stap.mag(request.user, obj):
        raise PermissionDenied
    return obj


class VergevingsvollePaginering:
    """For every paginated list view (ListView, FilterView): a page number past the end
    gives the last page and one that is no number (or below 1) the first, instead of a 404
    (Django's `Paginator.get_page`). `ScopedListView` has it; another list view mixes it in
    before its ListView/FilterView."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(
            queryset,
            page_size,
            orphans=self.get_paginate_orphans(),
            allow_empty_first_page=self.get_allow_empty(),
        )
        nummer = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg)
        page = paginator.get_page(paginator.num_pages if nummer == "last" else nummer)
        return paginator, page, page.object_list, page.has_other_pages()


class ZoekPaginator(Paginator):
    """For a search (`LIKE '%...%'` over many rows): the filter runs once, not twice (for
    COUNT and for the page). The ids of the matches in order, at most GRENS + 1, give the
    count; a page reads its rows by id. Only above GRENS matches is COUNT run as usual.
    Use it only while a search term is given: an unfiltered list counts cheaply."""

    GRENS = 1000

    @cached_property
    def _ids(self):
        return list(self.object_list.values_list("pk", flat=True)[: self.GRENS + 1])

    @cached_property
    def count(self):
        return len(self._ids) if len(self._ids) <= self.GRENS else super().count

    def page(self, number):
        if self.count > self.GRENS:
            return super().page(number)
        number = self.validate_number(number)
        onder = (number - 1) * self.per_page
        boven = onder + self.per_page
        if boven + self.orphans >= self.count:
            boven = self.count
        ids = self._ids[onder:boven]
        return self._get_page(list(self.object_list.filter(pk__in=ids)), number, self)


class ScopedListView(VergevingsvollePaginering, OrganisatieMixin, FilterView):
    """A filtered, paginated list of what `selector(user)` gives; an app's list sets its
    own `permission_required`. `totalen` (name: aggregate, e.g. {"totaal_kosten":
    Sum("kosten")}) are computed over the whole filtered list in the same query as the
    page count, and are in the context under their names."""

    paginate_by = 25
    selector = None
    totalen: dict = {}

    def get_queryset(self):
        return type(self).selector(self.request.user)

    def get_paginator(self, queryset, *args, **kwargs):
        paginator = super().get_paginator(queryset, *args, **kwargs)
        self.uitkomst_totalen = {}
        if self.totalen:
            uitkomst = queryset.order_by().aggregate(_aantal=Count("pk"), **self.totalen)
            paginator.__dict__["count"] = uitkomst.pop("_aantal")  # Paginator.count, cached
            self.uitkomst_totalen = uitkomst
        return paginator

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(getattr(self, "uitkomst_totalen", {}))
        return ctx

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["request"] = self.request
        return kwargs


class ScopedDetailView(OrganisatieMixin, DetailView):
    """Detail pages answer 404 for anything outside the user's scope (never reveal it)."""

    selector = None

    def get_object(self, queryset=None):
        return get_object_or_404(type(self).selector(self.request.user), pk=self.kwargs["pk"])


class SwvListView(ScopedListView):
    template_name = "swv/swv_list.html"
    selector = selectors.swv_lijst
    filterset_class = SwvFilter


class SwvDetailView(ScopedDetailView):
    template_name = "swv/swv_detail.html"
    selector = selectors.samenwerkingsverbanden_voor
    context_object_name = "swv"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        scholen = selectors.scholen_voor(user).filter(swv=self.object)
        teldatum = selectors.laatste_teldatum()
        ctx["gemeenten"] = self.object.gemeenten.all()
        ctx["besturen"] = selectors.bestuur_lijst(user).filter(scholen__swv=self.object).distinct()
        ctx["teldatum"] = teldatum
        per_soort = selectors.leerlingen_per_soort(scholen, teldatum) if teldatum else {}
        ctx["per_soort"] = [
            (label, per_soort.get(code)) for code, label in Schoolsoort.choices if teldatum
        ]
        return ctx


class BestuurListView(ScopedListView):
    template_name = "swv/bestuur_list.html"
    selector = selectors.bestuur_lijst
    filterset_class = BestuurFilter


class BestuurDetailView(ScopedDetailView):
    template_name = "swv/bestuur_detail.html"
    selector = selectors.besturen_voor
    context_object_name = "bestuur"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["scholen"] = selectors.school_lijst(self.request.user).filter(bestuur=self.object)
        return ctx


class SchoolListView(ScopedListView):
    template_name = "swv/school_list.html"
    selector = selectors.school_lijst
    filterset_class = SchoolFilter


class SchoolDetailView(ScopedDetailView):
    template_name = "swv/school_detail.html"
    selector = selectors.school_lijst
    context_object_name = "school"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["tellingen"] = selectors.tellingen_van(self.object)
        ctx["bestuur_zichtbaar"] = (
            selectors.besturen_voor(self.request.user).filter(pk=self.object.bestuur_id).exists()
        )
        return ctx


class GemeenteListView(ScopedListView):
    template_name = "swv/gemeente_list.html"
    selector = selectors.gemeente_lijst
    filterset_class = GemeenteFilter


class GemeenteDetailView(ScopedDetailView):
    template_name = "swv/gemeente_detail.html"
    selector = selectors.gemeenten_voor
    context_object_name = "gemeente"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["scholen"] = selectors.school_lijst(self.request.user).filter(gemeente=self.object)
        ctx["swvs"] = self.object.samenwerkingsverbanden.filter(
            id__in=selectors.swv_ids_voor(self.request.user)
        )
        return ctx


class DuoImportView(LoginRequiredMixin, PermissionRequiredMixin, FormView):
    permission_required = "swv.duo_importeren"
    template_name = "swv/duo_import.html"
    form_class = DuoImportForm

    def form_valid(self, form):
        bestanden = [(f.name, f.read()) for f in form.cleaned_data["bestanden"]]
        uitkomsten = services.duo_bestanden_importeren(bestanden=bestanden)
        # The report (refused rows, warnings) is shown right away, with an empty form.
        return self.render_to_response(
            self.get_context_data(
                form=self.form_class(),
                ingelezen=[(n, u) for n, u in uitkomsten if not isinstance(u, duo.DuoBestandFout)],
                fouten=[(n, u) for n, u in uitkomsten if isinstance(u, duo.DuoBestandFout)],
            )
        )
