"""Included at /knooppunten/: the knooppunten of the schools, their partners and yearly
evaluations, and the knooppuntoverleggen about pupils (one namespace)."""

from django.urls import path

from . import views

app_name = "knooppunt"

urlpatterns = [
    path("", views.KnooppuntLijstView.as_view(), name="index"),
    path("nieuw/", views.inrichten, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/werkwijze/", views.werkwijze, name="werkwijze"),
    path("<int:pk>/partners/nieuw/", views.partner_nieuw, name="partner-nieuw"),
    path(
        "<int:pk>/partners/<int:partner_pk>/verwijderen/",
        views.partner_verwijderen,
        name="partner-verwijderen",
    ),
    path("<int:pk>/evaluatie/", views.evaluatie, name="evaluatie"),
    path("<int:pk>/overleg/nieuw/", views.overleg_nieuw, name="overleg-nieuw"),
    path("overleg/<int:pk>/", views.overleg_detail, name="overleg"),
    path("overleg/<int:pk>/bewerken/", views.overleg_bewerken, name="overleg-bewerken"),
    path("overleg/<int:pk>/houden/", views.overleg_houden, name="overleg-houden"),
    path("overleg/<int:pk>/mdo/", views.naar_mdo, name="overleg-mdo"),
]
