from django.urls import path

from . import views

app_name = "verantwoording"

urlpatterns = [
    path("", views.VerantwoordingIndexView.as_view(), name="index"),
]
