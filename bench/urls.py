"""The app's URLs plus what the bench compares them with: the floor view (signed in, one
query) and a Django admin site of its own over the same TLV cases (the app registers no
ModelAdmin for Aanvraag)."""

from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import include, path

from swv.urls import handler403, handler404, handler500  # noqa: F401
from toelaatbaarheid.models import Aanvraag


@login_required
def vloer(request):
    """The floor: the whole middleware stack (session, user, OTP device, two-factor check)
    and one query of its own, a few bytes of HTML."""
    ids = list(request.user.samenwerkingsverbanden.values_list("id", flat=True))
    return HttpResponse(f"<!doctype html><title>vloer</title><p>{len(ids)}</p>")


class BenchAdminSite(admin.AdminSite):
    site_header = "Bench"


class AanvraagAdmin(admin.ModelAdmin):
    """The same rows as the TLV list of a medewerker: the cases of the user's SWVs, 25 a
    page, searchable by name, filterable by status and soort. Foreign keys as raw ids (no
    select of 7,000 schools on the change page)."""

    list_display = ["id", "voornaam", "achternaam", "school", "status", "soort", "ontvangen_op"]
    list_filter = ["status", "soort"]
    search_fields = ["achternaam", "voornaam"]
    list_per_page = 25
    list_select_related = ["school"]
    ordering = ["-id"]
    raw_id_fields = [
        f.name
        for f in Aanvraag._meta.get_fields()
        if f.is_relation and f.concrete and (f.many_to_one or f.one_to_one)
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(swv__in=request.user.samenwerkingsverbanden.values("id"))
        )


bench_admin = BenchAdminSite(name="bench-admin")
bench_admin.register(Aanvraag, AanvraagAdmin)

urlpatterns = [
    path("bench/vloer/", vloer, name="bench-vloer"),
    path("bench/admin/", bench_admin.urls),
    path("", include("swv.urls")),
]
