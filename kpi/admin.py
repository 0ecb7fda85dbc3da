from django.contrib import admin

from ondersteuningsplan.models import Kpi, Streefwaarde

from .models import Meting


class StreefwaardeInline(admin.TabularInline):
    model = Streefwaarde
    extra = 0


@admin.register(Kpi)
class KpiAdmin(admin.ModelAdmin):
    list_display = ["naam", "speerpunt", "type", "richting", "berekening"]
    list_filter = ["type", "berekening", "speerpunt__plan"]
    search_fields = ["naam"]
    inlines = [StreefwaardeInline]


@admin.register(Meting)
class MetingAdmin(admin.ModelAdmin):
    # Read-only: metingen are entered (and replaced, audited) through kpi.services.
    list_display = ["kpi", "schooljaar", "kwartaal", "swv", "bestuur", "waarde"]
    list_filter = ["schooljaar"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Thuiszitters and their action log (ThuiszitterActie) are deliberately not in the
# admin: pupil data is read and changed only through the scoped, audited pages.
