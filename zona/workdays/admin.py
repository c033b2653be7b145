from django.contrib import admin

from .models import CalendarOverride
from .services import override_remove, override_set


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "reason", "created_by", "created_at")
    list_filter = ("kind",)
    search_fields = ("reason",)
    fields = ("date", "kind", "reason")

    def save_model(self, request, obj, form, change):
        saved = override_set(day=obj.date, kind=obj.kind, reason=obj.reason, by=request.user)
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        override_remove(override=obj, by=request.user)
