"""Two-factor sign-in pages: enrol (QR code, then backup codes shown once), verify, manage."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zona.lib.nexturl import next_path
from zona.lib.render import qr_svg

from . import services as twofactor


@login_required
def twofactor_enrol(request):
    if twofactor.has_device(request.user) and not request.user.is_verified():
        return redirect("twofactor:verify")  # an enrolled person proves it first
    device = twofactor.pending_device(request.user) or twofactor.enrol_start(request.user)
    if request.method == "POST":
        codes = twofactor.enrol_confirm(request, device, request.POST.get("token", ""))
        if codes is not None:
            return render(request, "twofactor/codes.html", {"codes": codes, "next": next_path(request)})
        messages.error(
            request, _("That code is not right: type the 6 digits your authenticator app shows now.")
        )
    return render(
        request,
        "twofactor/enrol.html",
        {
            "qr": qr_svg(device.config_url, box_size=8),
            "secret": device.key,
            "required": twofactor.required(request.user),
            "next": next_path(request),
        },
    )


@login_required
def twofactor_verify(request):
    if not twofactor.has_device(request.user):
        return redirect("twofactor:enrol")
    if request.method == "POST":
        if twofactor.verify(request, request.POST.get("token", "")):
            return redirect(next_path(request))
        messages.error(
            request, _("That code is not right, or it was used already. Wait a moment before trying again.")
        )
    return render(request, "twofactor/verify.html", {"next": next_path(request)})


@login_required
def twofactor_manage(request):
    return render(
        request,
        "twofactor/manage.html",
        {"enrolled": twofactor.has_device(request.user), "required": twofactor.required(request.user)},
    )


@login_required
@require_POST
def twofactor_codes_renew(request):
    if not twofactor.has_device(request.user) or not request.user.is_verified():
        return redirect("twofactor:manage")
    codes = twofactor.backup_codes_renew(request.user)
    return render(request, "twofactor/codes.html", {"codes": codes, "next": "/"})


@login_required
@require_POST
def twofactor_disable(request):
    if twofactor.required(request.user):
        messages.error(request, _("Your roles require two-factor sign-in: it can't be turned off."))
    elif twofactor.has_device(request.user) and request.user.is_verified():
        twofactor.disable(request.user, by=request.user)
        messages.success(request, _("Two-factor sign-in is off."))
    return redirect("twofactor:manage")
