from django.contrib import admin

from .models import LoketInstellingen


@admin.register(LoketInstellingen)
class LoketInstellingenAdmin(admin.ModelAdmin):
    """The SWV's own term (not law): working days to decide after the loket meeting."""

    list_display = ["swv", "beslis_werkdagen"]
