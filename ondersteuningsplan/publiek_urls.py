from django.urls import path

from . import views

app_name = "publiek"

urlpatterns = [
    path("plannen/", views.PubliekIndexView.as_view(), name="plannen"),
]
