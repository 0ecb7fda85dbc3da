from django.contrib import admin

from .models import Aanmelding, AanmeldingGeschiedenis


class HistorieInline(admin.TabularInline):
    model = AanmeldingGeschiedenis
    extra = 0
    can_delete = False
    readonly_fields = ["van", "naar", "stap", "door", "tijdstip", "toelichting"]


@admin.register(Aanmelding)
class AanmeldingAdmin(admin.ModelAdmin):
    # Read-only: every change goes through the services (history and audit).
    list_display = ["nummer", "school", "status", "ontvangen_op", "uiterste_beslisdatum"]
    list_filter = ["status", "swv"]
    inlines = [HistorieInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
