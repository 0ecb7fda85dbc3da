from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin


class IndexView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "verantwoording.bekijken"
    template_name = "onderdeel_in_ontwikkeling.html"
