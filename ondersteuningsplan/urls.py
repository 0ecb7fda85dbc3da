from django.urls import path

from . import views

app_name = "ondersteuningsplan"

urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.plan_nieuw, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.plan_bewerken, name="bewerken"),
    path("<int:pk>/hoofdstukken/nieuw/", views.hoofdstuk_bewerken, name="hoofdstuk-nieuw"),
    path("<int:pk>/hoofdstukken/<int:hid>/", views.hoofdstuk_bewerken, name="hoofdstuk"),
    path(
        "<int:pk>/hoofdstukken/<int:hid>/verwijderen/",
        views.hoofdstuk_verwijderen,
        name="hoofdstuk-verwijderen",
    ),
    path("<int:pk>/speerpunten/nieuw/", views.speerpunt_bewerken, name="speerpunt-nieuw"),
    path("<int:pk>/speerpunten/<int:sid>/", views.speerpunt_bewerken, name="speerpunt"),
    path("<int:pk>/speerpunten/<int:sid>/kpis/nieuw/", views.kpi_bewerken, name="kpi-nieuw"),
    path("<int:pk>/kpis/<int:kid>/", views.kpi_bewerken, name="kpi"),
    path("<int:pk>/acties/nieuw/", views.actie_bewerken, name="actie-nieuw"),
    path("<int:pk>/acties/<int:aid>/", views.actie_bewerken, name="actie"),
    path("<int:pk>/documenten/nieuw/", views.document_bewerken, name="document-nieuw"),
    path("<int:pk>/documenten/<int:did>/", views.document_bewerken, name="document"),
    path("<int:pk>/documenten/<int:did>/bestand/", views.document_bestand, name="document-bestand"),
    path("<int:pk>/oogo/nieuw/", views.oogo_nieuw, name="oogo-nieuw"),
    path("<int:pk>/opr-besluit/nieuw/", views.opr_besluit_nieuw, name="opr-besluit-nieuw"),
    path("<int:pk>/opmerkingen/nieuw/", views.opmerking_nieuw, name="opmerking-nieuw"),
    path(
        "<int:pk>/opmerkingen/<int:oid>/reactie/",
        views.opmerking_beantwoorden,
        name="opmerking-reactie",
    ),
    path("<int:pk>/reactienota/", views.reactienota, name="reactienota"),
    path("<int:pk>/overgang/<str:naam>/", views.overgang, name="overgang"),
    path("<int:pk>/nieuwe-versie/", views.nieuwe_versie, name="nieuwe-versie"),
    path("<int:pk>/versies/", views.versies, name="versies"),
    path("<int:pk>/toets/", views.toets, name="toets"),
    path("<int:pk>/pdf/", views.pdf, name="pdf"),
]
