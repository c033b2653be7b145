"""The user admin, with a superuser's reset of two-factor sign-in."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from zona.accounts.admin import UserAdmin
from zona.accounts.models import User

from . import services


class TwoFactorUserAdmin(UserAdmin):
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
