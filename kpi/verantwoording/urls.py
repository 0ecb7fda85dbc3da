from django.urls import path

from . import views

app_name = "verantwoording"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("rondes/nieuw/", views.RondeNieuwView.as_view(), name="ronde-nieuw"),
    path("rondes/<int:pk>/", views.RondeDetailView.as_view(), name="ronde"),
    path("rondes/<int:pk>/actie/", views.RondeActieView.as_view(), name="ronde-actie"),
    path("rondes/<int:pk>/vergelijking/", views.VergelijkingView.as_view(), name="vergelijking"),
    path("rondes/<int:pk>/pdf/", views.RondePdfView.as_view(), name="ronde-pdf"),
    path(
        "rondes/<int:pk>/vragen/<int:vraag>/",
        views.VraagBewerkenView.as_view(),
        name="vraag-bewerken",
    ),
    path("verslagen/<int:pk>/", views.VerslagDetailView.as_view(), name="verslag"),
    path(
        "verslagen/<int:pk>/bewerken/",
        views.VerslagBewerkenView.as_view(),
        name="verslag-bewerken",
    ),
    path(
        "verslagen/<int:pk>/beoordelen/",
        views.VerslagBeoordelenView.as_view(),
        name="verslag-beoordelen",
    ),
    path("verslagen/<int:pk>/pdf/", views.VerslagPdfView.as_view(), name="verslag-pdf"),
]
