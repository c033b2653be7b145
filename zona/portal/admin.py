from django.contrib import admin

from .models import PortalSettings


@admin.register(PortalSettings)
class PortalSettingsAdmin(admin.ModelAdmin):
    list_display = ("unit", "phone", "whatsapp", "email", "website")
    search_fields = ("unit__code", "unit__name")
