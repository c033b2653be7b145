"""The user admin, with a superuser's reset of two-factor sign-in (on top of orgs' user admin,
so the person's roles stay on their page)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from zona.accounts.models import User
from zona.orgs.admin import UserWithRolesAdmin

from . import services


class TwoFactorUserAdmin(UserWithRolesAdmin):
    actions = ["reset_two_factor"]

    @admin.action(description=_("Reset two-factor sign-in (they enrol again at their next sign-in)"))
    def reset_two_factor(self, request, queryset):
        if not request.user.is_superuser:
            self.message_user(request, _("Only a superuser may reset two-factor sign-in."), messages.ERROR)
            return
        for user in queryset:
            services.reset(user, by=request.user)
        self.message_user(request, _("Two-factor sign-in reset for %(n)s people.") % {"n": queryset.count()})


admin.site.unregister(User)
admin.site.register(User, TwoFactorUserAdmin)
