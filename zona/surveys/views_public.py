"""What the public sees: the questionnaire (reached by link or QR code), the published results
per unit, service and period (page, poster, report, open data), and the service standards with
their maklumat. Nothing here shows a single response or anything that could identify a
respondent."""

from __future__ import annotations

import secrets

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zona.lib.guards import public_form, submission_limited
from zona.lib.render import pdf_response

from . import exporters
from .answers import not_accepting, response_submit
from .figures import figures
from .forms import ProfileForm
from .ikm import mutu_label, rounded
from .models import Response, Survey
from .publication import profile_counts
from .selectors import (
    current_standards,
    public_unit,
    published_standard,
    published_survey,
    published_surveys,
    survey_by_token,
)
from .services import SurveyError
from .standards import COMPONENTS

DEVICE_COOKIE = "zona_survey_device"
GROUP, RATE = "survey", "ZONA_SURVEY_RATE"


def posted_answers(request, survey: Survey) -> dict[str, int | None]:
    """The answer to each item as posted: blank is None (not answered); anything that is not a
    small whole number becomes -1, which the survey's check refuses with the item's name."""
    answers: dict[str, int | None] = {}
    for item in survey.spec().items:
        raw = request.POST.get(item.key, "").strip()
        if not raw:
            answers[item.key] = None
        else:
            answers[item.key] = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 3 else -1
    return answers


def asked_again(request, spec, answers: dict[str, int | None]) -> dict[str, int]:
    """The items left blank ({key: number}) in an answer that has some, unless the person
    already saw them listed and sent again (then blanks are kept as "not answered")."""
    given = [value for value in answers.values() if value is not None]
    if request.POST.get("skipped_ok") or not given:
        return {}
    if any(not spec.scale_min <= value <= spec.scale_max for value in given):
        return {}  # a wrong answer is refused first, with the item's name
    return {item.key: n for n, item in enumerate(spec.items, 1) if answers[item.key] is None}


@require_http_methods(["GET", "POST"])
@public_form(GROUP, rate=RATE)
def answer(request, token: str):
    survey = survey_by_token(token)
    spec = survey.spec()
    profile = ProfileForm(request.POST or None)
    context = {
        "survey": survey,
        "spec": spec,
        "profile": profile,
        "chosen": {},
        "ticket": "",
        "refusal": not_accepting(survey),
    }
    device = request.COOKIES.get(DEVICE_COOKIE) or secrets.token_urlsafe(18)
    status = 200
    if request.method == "POST":
        answers = posted_answers(request, survey)
        context["chosen"], context["ticket"] = answers, request.POST.get("ticket", "")[:20]
        if submission_limited(request, GROUP, rate=RATE):
            context["error"], status = (
                _("Too many answers from your connection. Please try again later."),
                429,
            )
        elif not profile.is_valid():
            context["error"], status = _("Check the profile answers."), 400
        elif skipped := asked_again(request, spec, answers):
            context["skipped"] = skipped
            context["error"] = _(
                "Question %(numbers)s has no answer yet. Choose one, or send again to leave it blank."
            ) % {"numbers": ", ".join(str(n) for n in skipped.values())}
        else:
            try:
                response_submit(
                    survey=survey,
                    answers=answers,
                    profile=profile.cleaned_data,
                    device=device,
                    ticket=context["ticket"],
                )
            except SurveyError as exc:
                context["error"], status = str(exc), 400
            else:
                context["thanks"] = True
    response = render(request, "surveys/answer.html", context, status=status)
    if DEVICE_COOKIE not in request.COOKIES:
        response.set_cookie(DEVICE_COOKIE, device, max_age=365 * 24 * 3600, httponly=True, samesite="Lax")
    return response


def results_context(survey: Survey, *, public: bool) -> dict:
    data = figures(survey)
    rows = [
        {
            "item": item,
            "nrr": nrr,
            "nrr_shown": rounded(nrr, 2) if nrr is not None else "–",
            "nrr_exact": rounded(nrr, 4) if nrr is not None else "–",
            "answered": answered,
            "width": round(float(nrr) / data.spec.scale_max * 100, 1) if nrr is not None else 0,
        }
        for item, nrr, answered in data.rows()
    ]
    follow_ups = survey.follow_ups.select_related("step")
    return {
        "survey": survey,
        "data": data,
        "rows": rows,
        "mutu_label": mutu_label(data.result.mutu),
        "profile": [
            (Response._meta.get_field(name).verbose_name, values)
            for name, values in profile_counts(survey, public=public).items()
        ],
        "follow_ups": follow_ups,
        "skm": survey.kind in ("skm", "custom"),
    }


def results(request, slug: str, token: str):
    survey = published_survey(slug, token)
    return render(request, "surveys/results.html", results_context(survey, public=True))


def results_pdf(request, slug: str, token: str, kind: str):
    if kind not in ("poster", "laporan"):
        raise Http404
    survey = published_survey(slug, token)
    url = request.build_absolute_uri(reverse("surveys_public:results", args=[slug, token]))
    content = exporters.results_pdf(results_context(survey, public=True), kind, url)
    return pdf_response(content, f"{kind}-{survey.token}.pdf", inline=True)


def results_data(request, slug: str, token: str, fmt: str):
    """The aggregates as open data: per item the NRR and how many answered; the totals."""
    survey = published_survey(slug, token)
    summary = exporters.results_summary(survey)
    if fmt == "json":
        return JsonResponse(summary, json_dumps_params={"ensure_ascii": False, "indent": 2})
    if fmt != "csv":
        raise Http404
    response = HttpResponse(exporters.results_csv(summary), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ikm-{survey.token}.csv"'
    return response


def unit_index(request, slug: str):
    unit = public_unit(slug)
    rows = [(s, figures(s, s.tally).result) for s in published_surveys(unit)[:200]]
    return render(request, "surveys/public_index.html", {"unit": unit, "rows": rows})


def standards_public(request, slug: str):
    unit = public_unit(slug)
    return render(
        request,
        "surveys/standards_public.html",
        {"unit": unit, "standards": current_standards(unit), "components": COMPONENTS},
    )


def maklumat_pdf(request, slug: str, pk: int):
    unit = public_unit(slug)
    standard = published_standard(unit, pk)
    content = exporters.maklumat_pdf(unit, standard)
    return pdf_response(content, f"maklumat-{standard.service_id}-v{standard.version}.pdf", inline=True)
