from django.contrib import admin

from .models import CalendarOverride
from .services import override_move, override_remove, override_set


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "reason", "created_by", "created_at")
    list_filter = ("kind",)
    search_fields = ("reason",)
    fields = ("date", "kind", "reason")

    def save_model(self, request, obj, form, change):
        if change and "date" in form.changed_data:  # moved to another day: the old day is freed too
            saved = override_move(
                override=CalendarOverride.objects.get(pk=obj.pk),  # as it was, on its old day
                day=obj.date,
                kind=obj.kind,
                reason=obj.reason,
                by=request.user,
            )
        else:
            saved = override_set(day=obj.date, kind=obj.kind, reason=obj.reason, by=request.user)
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        override_remove(override=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        """The list's "delete selected" action: each one as the delete button removes it, so
        the deadlines spanning its day move and the removal is in the audit log."""
        for override in queryset:
            override_remove(override=override, by=request.user)
