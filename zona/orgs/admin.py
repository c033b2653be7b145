from django.contrib import admin

from zona.accounts.admin import UserAdmin
from zona.accounts.models import User

from .models import RoleAssignment, Unit


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["unit"]


# A user's roles are edited on the user's page (orgs comes after accounts, so it adds them here).
admin.site.unregister(User)


@admin.register(User)
class UserWithRolesAdmin(UserAdmin):
    inlines = [RoleInline]


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
