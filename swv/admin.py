from auditlog.models import LogEntry
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import (
    AuditEvent,
    Gebruiker,
    Gemeente,
    Leerlingtelling,
    RegioGemeente,
    RegioPostcode,
    Samenwerkingsverband,
    School,
    Schoolbestuur,
)


@admin.register(Samenwerkingsverband)
class SamenwerkingsverbandAdmin(admin.ModelAdmin):
    list_display = ["code", "naam", "email"]
    search_fields = ["code", "naam", "formele_naam"]


@admin.register(Gemeente)
class GemeenteAdmin(admin.ModelAdmin):
    list_display = ["naam", "code"]
    search_fields = ["naam", "code"]
    filter_horizontal = ["samenwerkingsverbanden"]


@admin.register(Schoolbestuur)
class SchoolbestuurAdmin(admin.ModelAdmin):
    list_display = ["naam", "nummer"]
    search_fields = ["naam", "nummer"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["naam", "vestigingscode", "soort", "cluster", "swv", "bestuur", "gemeente"]
    list_filter = ["soort", "cluster", "swv"]
    search_fields = ["naam", "vestigingscode", "plaats"]
    list_select_related = ["swv", "bestuur", "gemeente"]
    autocomplete_fields = ["bestuur", "gemeente", "swv"]


@admin.register(Leerlingtelling)
class LeerlingtellingAdmin(admin.ModelAdmin):
    list_display = ["school", "teldatum", "aantal", "gemaskeerd"]
    list_filter = ["teldatum"]
    search_fields = ["school__naam", "school__vestigingscode"]
    list_select_related = ["school"]
    autocomplete_fields = ["school"]


@admin.register(RegioPostcode)
class RegioPostcodeAdmin(admin.ModelAdmin):
    list_display = ["pc4", "gemeente", "po_swv", "vo_swv"]
    search_fields = ["pc4", "gemeente", "po_swv", "vo_swv"]


@admin.register(RegioGemeente)
class RegioGemeenteAdmin(admin.ModelAdmin):
    list_display = ["gemeente", "sector", "swv_code"]
    list_filter = ["sector"]
    search_fields = ["gemeente", "swv_code"]


@admin.register(Gebruiker)
class GebruikerAdmin(UserAdmin):
    list_display = ["username", "get_full_name", "rol", "bestuur", "school", "is_active"]
    list_filter = ["rol", "is_active", "is_staff"]
    autocomplete_fields = ["bestuur", "school"]
    filter_horizontal = ["samenwerkingsverbanden", "groups", "user_permissions"]
    fieldsets = [
        *UserAdmin.fieldsets,
        (
            _("Rol en organisatie"),
            {"fields": ["rol", "samenwerkingsverbanden", "bestuur", "school", "privacyrol"]},
        ),
    ]
    add_fieldsets = [
        *UserAdmin.add_fieldsets,
        (
            _("Rol en organisatie"),
            {"fields": ["rol", "samenwerkingsverbanden", "bestuur", "school"]},
        ),
    ]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail cannot be edited from the app."""

    list_display = [
        "tijdstip",
        "gebruikersnaam",
        "actie",
        "object_type",
        "object_id",
        "omschrijving",
    ]
    list_filter = ["actie", "object_type"]
    search_fields = ["gebruikersnaam", "object_id", "omschrijving"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The field history holds pupil data: it is read only on the scoped /privacy/historie/
# page (swv/historie.py), not in the admin that auditlog registers.
if admin.site.is_registered(LogEntry):
    admin.site.unregister(LogEntry)
