"""Included at the root (`path("", include("ondersteuning.urls"))`): the vragen under
/vragen/, the loket meetings under /loket/, the arrangementen under /arrangementen/, one
namespace."""

from django.urls import path

from . import views

app_name = "ondersteuning"

urlpatterns = [
    path("vragen/", views.VraagLijstView.as_view(), name="index"),
    path("vragen/nieuw/", views.nieuw, name="nieuw"),
    path("vragen/<int:pk>/", views.detail, name="detail"),
    path("vragen/<int:pk>/bijlagen/", views.bijlage_toevoegen, name="bijlage-toevoegen"),
    path("vragen/<int:pk>/bijlagen/<int:bijlage_pk>/", views.bijlage, name="bijlage"),
    path("vragen/<int:pk>/<slug:actie>/", views.actie, name="actie"),
    path("loket/", views.OverlegLijstView.as_view(), name="loket"),
    path("loket/nieuw/", views.overleg_nieuw, name="loket-nieuw"),
    path("loket/<int:pk>/", views.overleg_detail, name="loket-detail"),
    path("loket/<int:pk>/besluit/<int:vraag_pk>/", views.besluit, name="loket-besluit"),
    path("loket/<int:pk>/<slug:actie>/", views.overleg_actie, name="loket-actie"),
    path("arrangementen/", views.ArrangementLijstView.as_view(), name="arrangementen"),
    path("arrangementen/<int:pk>/", views.arrangement_detail, name="arrangement-detail"),
    path("arrangementen/<int:pk>/<slug:actie>/", views.arrangement_actie, name="arrangement-actie"),
]
