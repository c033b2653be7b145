from django.contrib import admin

from .models import RoleAssignment, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name", "slug")
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ("code",)}

    def save_model(self, request, obj, form, change):
        from .services import unit_save

        unit_save(unit=obj)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "unit", "include_descendants")
    list_filter = ("role", "include_descendants")
    search_fields = ("user__username", "unit__code", "unit__name")
    autocomplete_fields = ["user", "unit"]
