"""Sign-in and sign-out: Django's own views, with `next` held to paths on this site
(zona.lib.nexturl) instead of Django's looser check, which lets a bare word through."""

from __future__ import annotations

from django.contrib.auth import views as auth_views

from zona.lib.nexturl import next_path


class SitePathNext:
    def get_redirect_url(self) -> str:
        return next_path(self.request, default="")


class LoginView(SitePathNext, auth_views.LoginView):
    template_name = "accounts/login.html"


class LogoutView(SitePathNext, auth_views.LogoutView):
    pass
