from django.urls import path

from . import views

app_name = "leerlingen"

urlpatterns = [
    path("", views.DossierLijstView.as_view(), name="index"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/wijzigen/", views.wijzigen, name="wijzigen"),
    path("<int:pk>/toestemming/", views.toestemming, name="toestemming"),
    path(
        "<int:pk>/toestemming/<int:toestemming_pk>/intrekken/",
        views.intrekken,
        name="toestemming-intrekken",
    ),
]
