"""Included at /aanmeldingen/."""

from django.urls import path

from . import views

app_name = "zorgplicht"

urlpatterns = [
    path("", views.AanmeldingLijstView.as_view(), name="index"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/<slug:actie>/", views.actie, name="actie"),
]
