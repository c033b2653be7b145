"""What the public sees: the questionnaire (reached by link or QR code), the published results
per unit, service and period (page, poster, report, open data), and the service standards with
their maklumat. Nothing here shows a single response or anything that could identify a
respondent."""

from __future__ import annotations

import csv
import io
import secrets

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zona.lib.guards import public_form, submission_limited
from zona.lib.render import pdf_from_template, pdf_response, qr_svg
from zona.lib.tabular import csv_text
from zona.orgs.models import Unit

from .answers import not_accepting, response_submit
from .figures import figures
from .forms import ProfileForm
from .ikm import mutu_label, rounded
from .models import Response, ServiceStandard, Status, Survey
from .publication import profile_counts
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
    survey = get_object_or_404(Survey.objects.select_related("unit", "service"), token=token)
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


def _published(slug: str, token: str) -> Survey:
    survey = get_object_or_404(
        Survey.objects.select_related("unit", "service").filter(status=Status.PUBLISHED),
        unit__slug=slug,
        token=token,
    )
    return survey


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
    survey = _published(slug, token)
    return render(request, "surveys/results.html", results_context(survey, public=True))


def results_pdf(request, slug: str, token: str, kind: str):
    if kind not in ("poster", "laporan"):
        raise Http404
    survey = _published(slug, token)
    context = results_context(survey, public=True)
    context["qr"] = qr_svg(request.build_absolute_uri(reverse("surveys:results", args=[slug, token])))
    content = pdf_from_template(f"surveys/pdf_{'poster' if kind == 'poster' else 'report'}.html", context)
    return pdf_response(content, f"{kind}-{survey.token}.pdf", inline=True)


def results_data(request, slug: str, token: str, fmt: str):
    """The aggregates as open data: per item the NRR and how many answered; the totals."""
    survey = _published(slug, token)
    data = figures(survey)
    items = [
        {
            "key": item.key,
            "name": item.name,
            "nrr": None if nrr is None else round(float(nrr), 4),
            "answered": answered,
        }
        for item, nrr, answered in data.rows()
    ]
    summary = {
        "unit": survey.unit.name,
        "service": survey.service.name,
        "survey": survey.title,
        "questionnaire": survey.definition_key,
        "period": [survey.period_start.isoformat(), survey.period_end.isoformat()],
        "respondents": data.result.respondents,
        "ikm": None if data.result.converted is None else float(data.result.converted),
        "index": None if data.result.index is None else float(data.result.index),
        "mutu": data.result.mutu,
        "weight": survey.weight,
        "items": items,
    }
    if fmt == "json":
        return JsonResponse(summary, json_dumps_params={"ensure_ascii": False, "indent": 2})
    if fmt != "csv":
        raise Http404
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["item", "name", "nrr", "answered"])
    for row in items:
        writer.writerow([csv_text(row["key"]), csv_text(row["name"]), row["nrr"], row["answered"]])
    writer.writerow(["IKM", "", summary["ikm"], summary["respondents"]])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ikm-{survey.token}.csv"'
    return response


def unit_index(request, slug: str):
    unit = get_object_or_404(Unit, slug=slug)
    surveys = (
        Survey.objects.filter(unit=unit, status=Status.PUBLISHED)
        .select_related("service", "tally")
        .order_by("-period_end")
    )
    rows = [(s, figures(s, s.tally).result) for s in surveys[:200]]
    return render(request, "surveys/public_index.html", {"unit": unit, "rows": rows})


def _current_standards(unit):
    current = {}
    for standard in (
        ServiceStandard.objects.filter(service__unit=unit, published_on__isnull=False)
        .select_related("service")
        .order_by("service__name", "-version")
    ):
        current.setdefault(standard.service_id, standard)
    return list(current.values())


def standards_public(request, slug: str):
    unit = get_object_or_404(Unit, slug=slug)
    return render(
        request,
        "surveys/standards_public.html",
        {"unit": unit, "standards": _current_standards(unit), "components": COMPONENTS},
    )


def maklumat_pdf(request, slug: str, pk: int):
    unit = get_object_or_404(Unit, slug=slug)
    standard = get_object_or_404(
        ServiceStandard.objects.select_related("service"),
        pk=pk,
        service__unit=unit,
        published_on__isnull=False,
    )
    content = pdf_from_template(
        "surveys/pdf_maklumat.html", {"unit": unit, "standard": standard, "components": COMPONENTS}
    )
    return pdf_response(content, f"maklumat-{standard.service_id}-v{standard.version}.pdf", inline=True)
