from django.contrib import admin

from .models import LoketInstellingen


@admin.register(LoketInstellingen)
class LoketInstellingenAdmin(admin.ModelAdmin):
    """The SWV's own settings (not law): working days to decide after the loket meeting,
    and the hourly rate that prices an arrangement in hours. Arrangementen themselves are
    pupil records: not in the admin, only through the scoped, audited pages."""

    list_display = ["swv", "beslis_werkdagen", "uurtarief"]
