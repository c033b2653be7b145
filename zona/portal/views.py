"""Public pages per unit: no login, only what the unit has published."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zona.cases.registry import channel_urls
from zona.cycle.selectors import predicate_history
from zona.lib.forms import BootstrapMixin
from zona.orgs.permissions import Action, unit_for
from zona.plans.exporters import plan_rows
from zona.sops.services import published_sops
from zona.surveys.publication import latest_published, open_for_public

from .models import PortalSettings
from .selectors import get_public_unit, get_published_plan, published_plans, settings_of, units_matching
from .services import FIELDS, portal_settings_save


def unit_list(request):
    """The public portal's front page: every unit, found by a word of its name or code."""
    query = request.GET.get("q", "").strip()[:100]
    units = units_matching(query)
    return render(request, "portal/unit_list.html", {"units": units[:300], "query": query})


def unit_home(request, slug: str):
    unit = get_public_unit(slug)
    plans = published_plans(unit)
    channels = settings_of(unit)
    return render(
        request,
        "portal/unit_home.html",
        {
            "unit": unit,
            "plans": plans,
            "channels": channels,
            "open_channels": channel_urls(unit),
            "open_surveys": open_for_public(unit),
            "survey_results": latest_published(unit),
            "service_sops": published_sops(unit)[:20],
            "predicates": predicate_history(unit),
        },
    )


class SettingsForm(BootstrapMixin, forms.ModelForm):
    website = forms.URLField(label=gettext_lazy("Website"), required=False, assume_scheme="https")

    class Meta:
        model = PortalSettings
        fields = list(FIELDS)
        widgets = {"links": forms.Textarea(attrs={"rows": 4})}


@login_required
def unit_settings(request, slug: str):
    unit = unit_for(request, slug, Action.MANAGE_UNIT)
    current = settings_of(unit) or PortalSettings(unit=unit)
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        portal_settings_save(unit=unit, by=request.user, **form.cleaned_data)
        messages.success(request, _("The public page is updated."))
        return redirect("portal:unit", slug=slug)
    return render(request, "portal/settings.html", {"unit": unit, "form": form})


def unit_plan(request, slug: str, year: int):
    plan = get_published_plan(slug, year)
    return render(request, "portal/plan.html", {"plan": plan, "unit": plan.unit, "blocks": plan_rows(plan)})
