from django.urls import path

from . import route_views, views

app_name = "kpi"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="index"),
    path("rapport/", views.DashboardPdfView.as_view(), name="rapport"),
    path("deelname/", views.DeelnameView.as_view(), name="deelname"),
    path("verwijzingen/", views.VerwijzingenView.as_view(), name="verwijzingen"),
    path("route/", route_views.RouteKengetallenView.as_view(), name="route"),
    path("<int:pk>/", views.KpiDetailView.as_view(), name="kpi-detail"),
    path("<int:pk>/meting/", views.MetingNieuwView.as_view(), name="meting-nieuw"),
    path("thuiszitters/", views.ThuiszitterListView.as_view(), name="thuiszitters"),
    path("thuiszitters/nieuw/", views.ThuiszitterNieuwView.as_view(), name="thuiszitter-nieuw"),
    path("thuiszitters/inspectie/", views.InspectieExportView.as_view(), name="inspectie-export"),
    path(
        "thuiszitters/<int:pk>/", views.ThuiszitterDetailView.as_view(), name="thuiszitter-detail"
    ),
    path(
        "thuiszitters/<int:pk>/wijzigen/",
        views.ThuiszitterWijzigenView.as_view(),
        name="thuiszitter-wijzigen",
    ),
    path(
        "thuiszitters/<int:pk>/acties/nieuw/",
        views.ThuiszitterActieNieuwView.as_view(),
        name="thuiszitter-actie-nieuw",
    ),
]
