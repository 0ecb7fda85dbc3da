from django.urls import path

from . import views

app_name = "toelaatbaarheid"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("nieuw/", views.NieuwView.as_view(), name="nieuw"),
    path("termijnen/", views.TermijnenView.as_view(), name="termijnen"),
    path("herbeoordeling/", views.HerbeoordelingView.as_view(), name="herbeoordeling"),
    path("kengetallen/", views.KengetallenView.as_view(), name="kengetallen"),
    path("<int:pk>/", views.DetailView.as_view(), name="detail"),
    path("<int:pk>/wijzigen/", views.WijzigenView.as_view(), name="wijzigen"),
    path("<int:pk>/beschikking/pdf/", views.BeschikkingPdfView.as_view(), name="beschikking-pdf"),
    path(
        "<int:pk>/beschikking/brief/pdf/",
        views.BeschikkingPdfView.as_view(brief=True),
        name="brief-pdf",
    ),
    path("<int:pk>/bijlagen/<int:bijlage_pk>/", views.BijlageView.as_view(), name="bijlage"),
    path(
        "<int:pk>/bezwaar/<int:bezwaar_pk>/dossier/pdf/",
        views.LbtDossierView.as_view(),
        name="lbt-dossier",
    ),
    path(
        "<int:pk>/bezwaar/<int:bezwaar_pk>/besluit/pdf/",
        views.BesluitOpBezwaarView.as_view(),
        name="besluit-op-bezwaar",
    ),
    path("<int:pk>/<slug:actie>/", views.ActieView.as_view(), name="actie"),
]
