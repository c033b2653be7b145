"""The owner's page of personal access tokens: create one (shown once), see when each was last
used, revoke it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zona.lib.feedback import attempt, flash_errors
from zona.lib.forms import BootstrapMixin

from .selectors import get_token_for_user, tokens_of
from .tokens import MAX_DAYS, TokenError, token_create, token_revoke


class TokenForm(BootstrapMixin, forms.Form):
    name = forms.CharField(label=gettext_lazy("What it is for"), max_length=100)
    days = forms.IntegerField(
        label=gettext_lazy("Valid for (days)"), min_value=1, max_value=MAX_DAYS, initial=90
    )


@login_required
def tokens(request):
    shown = None
    form = TokenForm()
    if request.method == "POST":
        form = TokenForm(request.POST)
        if not form.is_valid():
            flash_errors(request, form)
        else:
            created = []
            done = attempt(
                request,
                lambda: created.append(token_create(user=request.user, **form.cleaned_data)),
                TokenError,
                _("Token created. Copy it now: it is not shown again."),
            )
            if done:
                shown = created[0][1]
                form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {"tokens": tokens_of(request.user), "form": form, "shown": shown},
    )


@login_required
@require_POST
def revoke(request, pk: int):
    token = get_token_for_user(request, pk)
    token_revoke(token=token, by=request.user)
    messages.success(request, _("Token revoked."))
    return redirect("api_tokens:list")
