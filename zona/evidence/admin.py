from django.contrib import admin

from .models import EvidenceItem, EvidenceVersion


class VersionInline(admin.TabularInline):
    model = EvidenceVersion
    extra = 0
    readonly_fields = ("number", "original_name", "sha256", "size", "mime", "uploaded_by", "uploaded_at")
    exclude = ("file",)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(EvidenceItem)
class EvidenceItemAdmin(admin.ModelAdmin):
    list_display = ("title", "unit", "kind", "status", "created_at")
    list_filter = ("status", "kind")
    search_fields = ("title", "unit__code")
    inlines = [VersionInline]
    readonly_fields = ("reviewed_by", "reviewed_at", "created_by")
