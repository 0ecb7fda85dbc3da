from django.contrib import admin

from .models import VoorzieningInstellingen


@admin.register(VoorzieningInstellingen)
class VoorzieningInstellingenAdmin(admin.ModelAdmin):
    list_display = ["swv", "collectief_alleen_via_mdo"]
