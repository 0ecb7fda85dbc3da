"""Filled in by the app (placeholder so the include resolves)."""

app_name = "knooppunt"

urlpatterns = []
