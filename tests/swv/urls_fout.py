"""A URLconf for the error-page tests: the real one plus a view that fails."""

from django.urls import path

from swv import urls

handler403 = urls.handler403
handler404 = urls.handler404
handler500 = urls.handler500


def kapot(request):
    raise RuntimeError("opzettelijke fout voor de test")


urlpatterns = [path("test-kapot/", kapot), *urls.urlpatterns]
