"""Included at /voorzieningen/: the register, the dekkend netwerk and placements."""

from django.urls import path

from . import views

app_name = "voorzieningen"

urlpatterns = [
    path("", views.VoorzieningLijstView.as_view(), name="index"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("netwerk/", views.netwerk, name="netwerk"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/wijzigen/", views.wijzigen, name="wijzigen"),
    path("<int:pk>/plaatsen/", views.plaatsing_nieuw, name="plaatsing-nieuw"),
    path("plaatsingen/<int:pk>/", views.plaatsing_detail, name="plaatsing"),
    path("plaatsingen/<int:pk>/<slug:actie>/", views.plaatsing_actie, name="plaatsing-actie"),
]
