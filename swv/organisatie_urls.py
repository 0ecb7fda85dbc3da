from django.urls import path

from . import views

app_name = "swv"

urlpatterns = [
    path("", views.OrganisatieIndexView.as_view(), name="index"),
    path("samenwerkingsverbanden/", views.SwvListView.as_view(), name="swv-list"),
    path("samenwerkingsverbanden/<int:pk>/", views.SwvDetailView.as_view(), name="swv-detail"),
    path("besturen/", views.BestuurListView.as_view(), name="bestuur-list"),
    path("besturen/<int:pk>/", views.BestuurDetailView.as_view(), name="bestuur-detail"),
    path("scholen/", views.SchoolListView.as_view(), name="school-list"),
    path("scholen/<int:pk>/", views.SchoolDetailView.as_view(), name="school-detail"),
    path("gemeenten/", views.GemeenteListView.as_view(), name="gemeente-list"),
    path("gemeenten/<int:pk>/", views.GemeenteDetailView.as_view(), name="gemeente-detail"),
    path("import/", views.DuoImportView.as_view(), name="duo-import"),
]
