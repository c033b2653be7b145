from django.contrib import admin

from .models import Plan


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("unit", "year", "decree_number", "status")
    list_filter = ("status", "year")
    search_fields = ("unit__code", "unit__name", "decree_number")
    readonly_fields = ("created_by", "created_at", "updated_at", "established_at")
