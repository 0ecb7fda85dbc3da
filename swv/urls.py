from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import privacy, taakviews, tweestaps, views
from .forms import AanmeldForm

handler403 = "swv.foutpaginas.geen_toegang"
handler404 = "swv.foutpaginas.niet_gevonden"
handler500 = "swv.foutpaginas.serverfout"

admin.site.site_header = "SWV-portaal beheer"
admin.site.site_title = "SWV-portaal"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("accounts/", include("swv.sessie")),  # logout with confirmation, keep-alive
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=AanmeldForm
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/tweestaps/", tweestaps.TweeStapsView.as_view(), name="tweestaps"),
    path(
        "accounts/tweestaps/instellen/",
        tweestaps.TweeStapsInstellenView.as_view(),
        name="tweestaps-instellen",
    ),
    path("organisatie/", include("swv.organisatie_urls")),
    path("plannen/", include("ondersteuningsplan.urls")),
    path("leerlingen/", include("leerlingen.urls")),
    path("tlv/", include("toelaatbaarheid.urls")),
    path("", include("ondersteuning.urls")),  # /vragen/ and /loket/
    path("knooppunten/", include("knooppunt.urls")),
    path("voorzieningen/", include("voorzieningen.urls")),
    path("aanmeldingen/", include("zorgplicht.urls")),
    path("kpi/", include("kpi.urls")),
    path("verantwoording/", include("kpi.verantwoording.urls")),
    path("publiek/", include("ondersteuningsplan.publiek_urls")),
    path("privacy/audit/", privacy.AuditView.as_view(), name="audit"),
    path("privacy/inzage/", privacy.InzageView.as_view(), name="inzage"),
    path("privacy/historie/", privacy.VeldhistorieView.as_view(), name="veldhistorie"),
    path("taken/", taakviews.lijst, name="taken"),
    path("taken/<uuid:pk>/", taakviews.detail, name="taak"),
    path("taken/<uuid:pk>/status/", taakviews.status, name="taak-status"),
    path("taken/<uuid:pk>/document/", taakviews.document, name="taak-document"),
    path("taken/<uuid:pk>/opnieuw/", taakviews.opnieuw, name="taak-opnieuw"),
    path("admin/", admin.site.urls),
]
