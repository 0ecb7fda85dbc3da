from django.urls import path

from . import views

app_name = "publiek"

urlpatterns = [
    path("plannen/", views.publiek_index, name="plannen"),
    path("plannen/<int:pk>/pdf/", views.publiek_pdf, name="plan-pdf"),
]
