"""Beheer: staff edit a round's template (questions, procesindicatoren) while the round is in
preparation. Once open, the template is read-only: reports already refer to it."""

from django.contrib import admin

from .models import Procesindicator, Ronde, RondeStatus, Vraag


def _bewerkbaar(obj) -> bool:
    ronde = obj if isinstance(obj, Ronde) else getattr(obj, "ronde", None)
    return ronde is None or ronde.status == RondeStatus.VOORBEREIDING


class VraagInline(admin.TabularInline):
    model = Vraag
    extra = 0
    fields = [
        "volgorde",
        "sectie",
        "code",
        "kop",
        "titel",
        "soort",
        "kengetallen",
        "alleen_speciaal",
        "verplicht",
    ]
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return _bewerkbaar(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return _bewerkbaar(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _bewerkbaar(obj) and super().has_delete_permission(request, obj)


class ProcesindicatorInline(admin.TabularInline):
    model = Procesindicator
    extra = 0

    def has_add_permission(self, request, obj=None):
        return _bewerkbaar(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return _bewerkbaar(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _bewerkbaar(obj) and super().has_delete_permission(request, obj)


@admin.register(Ronde)
class RondeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "deadline"]
    list_filter = ["status", "schooljaar"]
    readonly_fields = ["status", "aangemaakt_op", "aangemaakt_door", "geopend_op", "gesloten_op"]
    filter_horizontal = ["samenwerkingsverbanden", "besturen"]
    inlines = [VraagInline]

    def has_change_permission(self, request, obj=None):
        return _bewerkbaar(obj) and super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        # New rounds go through the app (the service copies the template and checks scope).
        return False

    def has_delete_permission(self, request, obj=None):
        return _bewerkbaar(obj) and super().has_delete_permission(request, obj)


@admin.register(Vraag)
class VraagAdmin(admin.ModelAdmin):
    list_display = ["titel", "ronde", "sectie", "soort", "volgorde"]
    list_filter = ["ronde", "sectie"]
    inlines = [ProcesindicatorInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return _bewerkbaar(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _bewerkbaar(obj) and super().has_delete_permission(request, obj)
